#!/usr/bin/env bash
# Benchmark: one full upstream check of COUNT tracked upstream tags, side by side in one run, each side with the same
# parallelism P, the order drawn at random each round, every round kept (the first included):
#   ours (CLI)   `image-lifecycle watch --once --concurrency P` (JVM start included; it also records what it saw)
#   curl floor   the same manifest HEADs with `xargs -P P curl -I` (no JVM, nothing recorded)
#   skopeo       `xargs -P P skopeo inspect --raw` (a GET of each manifest)
# then the check in a warm JVM (as the Jenkins trigger runs it) against the curl floor (WatchBench).
# Usage: bench/watch-vs-curl.sh [ROUNDS] [COUNT] [P]   (defaults 5 1000 32)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/scripts/lib/make-base-image.sh"
ROUNDS="${1:-5}"; COUNT="${2:-1000}"; P="${3:-32}"
PORT="${IMAGE_LIFECYCLE_BENCH_REGISTRY_PORT:-5055}"; REG="127.0.0.1:$PORT"; REPO="upstream/watchbench$COUNT"
trap stop_started EXIT
install_missing skopeo:skopeo curl:curl
ensure_docker; ensure_registry "$PORT"; build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark's mains"
make_base_image "$REG/$REPO:seed" bench >/dev/null 2>&1

WS="$(mktemp -d)"
MT='application/vnd.docker.distribution.manifest.v2+json'
ACCEPT='application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'
curl -fsS -H "Accept: $MT" "http://$REG/v2/$REPO/manifests/seed" -o "$WS/manifest.json"
DIGEST="sha256:$(sha256sum "$WS/manifest.json" | cut -d' ' -f1)"
# the same manifest under COUNT tags, straight through the registry API: cheap and identical
seq 0 $((COUNT - 1)) | xargs -P 8 -I{} curl -fsS -o /dev/null -X PUT -H "Content-Type: $MT" \
  --data-binary "@$WS/manifest.json" "http://$REG/v2/$REPO/manifests/t{}"
CP="$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes"
java -cp "$CP" io.jenkins.plugins.imagelifecycle.bench.SeedTrackedUpstreams "$WS/catalog" "$REG" "$REPO" "$COUNT" "$DIGEST"
cli watch --once --catalog "$WS/catalog" >/dev/null 2>&1 || true   # the first run writes the CDS archive (not a round)

now() { date +%s.%N; }
side() {
  case "$1" in
    ours) cli watch --once --json --concurrency "$P" --catalog "$WS/catalog" >"$WS/plan.json" 2>"$WS/err" \
            || die "watch --once failed: $(cat "$WS/err")" ;;
    curl) seq 0 $((COUNT - 1)) | xargs -P "$P" -I{} curl -fsS -o /dev/null -I -H "Accept: $ACCEPT" \
            "http://$REG/v2/$REPO/manifests/t{}" ;;
    skopeo) seq 0 $((COUNT - 1)) | xargs -P "$P" -I{} skopeo inspect --raw --tls-verify=false "docker://$REG/$REPO:t{}" >/dev/null ;;
  esac
}
declare -A times
for r in $(seq 1 "$ROUNDS"); do
  line="round $r:"
  for s in $(printf 'ours\ncurl\nskopeo\n' | shuf); do
    t0=$(now); side "$s"; t1=$(now)
    times[$s]+="$(echo "$t1 - $t0" | bc) "
    line+=" $s $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s;"
  done
  echo "$line"
done
median() { printf '%s\n' $@ | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median ${times[ours]}); mc=$(median ${times[curl]}); ms=$(median ${times[skopeo]})
printf 'median of %d, %d tags, -P %d: ours (CLI) %.2f s | curl floor %.2f s | skopeo %.2f s | ours/floor %.2f (goal <= 1.00)\n' \
  "$ROUNDS" "$COUNT" "$P" "$mo" "$mc" "$ms" "$(echo "$mo / $mc" | bc -l)"
java -cp "$CP" io.jenkins.plugins.imagelifecycle.bench.WatchBench "$WS/catalog" "$REG" "$REPO" "$COUNT" "$ROUNDS" "$P"
rm -rf "$WS"
