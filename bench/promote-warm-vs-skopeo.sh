#!/usr/bin/env bash
# Benchmark: promotion as the Jenkins plugin runs it — in a JVM already running with its catalog open —
# against `skopeo copy`, alternating, RUNS rounds: a 200 MB image to another repository of the same registry,
# then to repositories of a second registry. A Java main (PromoteBench), not a timed test.
# Usage: bench/promote-warm-vs-skopeo.sh [RUNS]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/scripts/lib/make-base-image.sh"
RUNS="${1:-7}"
PORT="${IMAGE_LIFECYCLE_REGISTRY_PORT:-5000}"; REG="127.0.0.1:$PORT"; PORT2=$((PORT + 1)); REG2="127.0.0.1:$PORT2"
trap stop_started EXIT
install_missing skopeo:skopeo
ensure_docker; ensure_registry "$PORT"; ensure_registry "$PORT2"; build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
make_base_image "$REG/upstream/bench-warm:1" bench-warm >/dev/null 2>&1

WS="$(mktemp -d)"; mkdir -p "$WS/big"
printf 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN head -c 200000000 /dev/urandom > /payload\n' >"$WS/big/Dockerfile"
{ echo "environments:"
  for r in $(seq 0 "$RUNS"); do
    printf '  - name: same%d\n    target: "{registry}/warm-same%d/{repository}:{tag}"\n    allowSkip: true\n' "$r" "$r"
    printf '  - name: far%d\n    target: "%s/warm-far%d/{repository}:{tag}"\n    allowSkip: true\n' "$r" "$REG2" "$r"
  done; } >"$WS/config.yaml"
cli bless --catalog "$WS/catalog" --workspace "$WS" --base "$REG/upstream/bench-warm:1" \
  --dockerfile big/Dockerfile --context big --target "$REG/bench/warm-big:1" >/dev/null 2>&1
CP="$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes"
java ${BENCH_JAVA_OPTS:-} -cp "$CP" io.jenkins.plugins.imagelifecycle.bench.PromoteBench "$WS/catalog" "$WS/config.yaml" \
  "$REG/bench/warm-big:1" same "$REG/skopeo-warm-same" "$RUNS"
java ${BENCH_JAVA_OPTS:-} -cp "$CP" io.jenkins.plugins.imagelifecycle.bench.PromoteBench "$WS/catalog" "$WS/config.yaml" \
  "$REG/bench/warm-big:1" far "$REG2/skopeo-warm-far" "$RUNS"
rm -rf "$WS"
