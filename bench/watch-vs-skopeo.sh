#!/usr/bin/env bash
# Benchmark: one full upstream check of COUNT tracked upstream tags — our `watch --once` (JVM start
# included; concurrent HEAD requests) against a shell loop of `skopeo inspect` over the same tags —
# alternating, RUNS times each. Prints each run, the medians and the ratio.
# Usage: bench/watch-vs-skopeo.sh [RUNS] [COUNT]   (needs what ./scripts/demo needs, plus skopeo)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/scripts/lib/make-base-image.sh"
RUNS="${1:-3}"; COUNT="${2:-1000}"
PORT="${IMAGE_LIFECYCLE_BENCH_REGISTRY_PORT:-5055}"; REG="127.0.0.1:$PORT"; REPO="upstream/watchbench"
trap stop_started EXIT
install_missing skopeo:skopeo curl:curl
ensure_docker; ensure_registry "$PORT"; build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark's seeding main"
make_base_image "$REG/$REPO:seed" bench >/dev/null 2>&1

WS="$(mktemp -d)"
MT='application/vnd.docker.distribution.manifest.v2+json'
curl -fsS -H "Accept: $MT" "http://$REG/v2/$REPO/manifests/seed" -o "$WS/manifest.json"
DIGEST="sha256:$(sha256sum "$WS/manifest.json" | cut -d' ' -f1)"
# the same manifest under COUNT tags, straight through the registry API: cheap and identical
seq 0 $((COUNT - 1)) | xargs -P 8 -I{} curl -fsS -o /dev/null -X PUT -H "Content-Type: $MT" \
  --data-binary "@$WS/manifest.json" "http://$REG/v2/$REPO/manifests/t{}"
java -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
  io.jenkins.plugins.imagelifecycle.bench.SeedTrackedUpstreams "$WS/catalog" "$REG" "$REPO" "$COUNT" "$DIGEST"
cli watch --once --catalog "$WS/catalog" >/dev/null 2>&1 || true   # first run writes the CDS archive

now() { date +%s.%N; }
ours=(); loop=()
for i in $(seq 1 "$RUNS"); do
  t0=$(now)
  rc=0; cli watch --once --json --concurrency 32 --catalog "$WS/catalog" >"$WS/plan.json" 2>"$WS/err" || rc=$?
  t1=$(now)
  [ "$rc" = 0 ] || die "watch --once exited $rc: $(cat "$WS/err")"
  for n in $(seq 0 $((COUNT - 1))); do
    skopeo inspect --tls-verify=false "docker://$REG/$REPO:t$n" >/dev/null
  done
  t2=$(now)
  ours+=("$(echo "$t1 - $t0" | bc)"); loop+=("$(echo "$t2 - $t1" | bc)")
  printf 'run %d: ours %.2f s, skopeo inspect loop %.2f s (%d tags)\n' "$i" "${ours[-1]}" "${loop[-1]}" "$COUNT"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); ml=$(median "${loop[@]}")
printf 'median: ours %.2f s | skopeo inspect loop %.2f s | ours is %.1fx faster\n' "$mo" "$ml" "$(echo "$ml / $mo" | bc -l)"
rm -rf "$WS"
