#!/usr/bin/env bash
# Benchmark: the inventory of a ~200 MB image (four gzip layers of incompressible and compressible files,
# a dpkg database, a whiteout) read by digest from a registry, against `skopeo copy … dir:FRESH`, the mere
# download of the same blobs; alternating which goes first each round, RUNS rounds, medians. Ours twice:
# the CLI end to end (`contents --image`: JVM start, catalog, the read, the catalog write) and in one JVM
# that is already running (InventoryBench, as on a Jenkins controller); the CLI also without its C1-only
# flag, to show what that flag costs here. The registry is the script's own.
# Usage: bench/inventory-vs-skopeo.sh [RUNS]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/bench/lib/own-registry.sh"
RUNS="${1:-5}"
install_missing skopeo:skopeo docker-registry:docker-registry curl:curl bc:bc jq:jq
WS="$(mktemp -d -t inventory-vs-skopeo.XXXXXX)"
cleanup() { stop_own_registry; rm -rf "$WS"; }
trap cleanup EXIT
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark mains"
start_own_registry "$WS/registry"

# dpkg_status N SUFFIX — a dpkg database of N installed packages, versions ending in SUFFIX
dpkg_status() {
  for i in $(seq 1 "$1"); do
    printf 'Package: bench-pkg-%03d\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.%d.0-%s\nDescription: benchmark package\n\n' \
      "$i" "$i" "$2"
  done
}
# log_text BYTES — compressible text, as logs and documentation are
# (one awk, no `| head`: with pipefail a writer cut off by SIGPIPE would fail the script)
log_text() { awk -v bytes="$1" 'BEGIN { for (i = 0; total < bytes; i++) {
  line = sprintf("%09d a compressible line of text, as in logs and documentation.\n", i); printf "%s", line; total += length(line) } }'; }

L="$WS/layers"; mkdir -p "$L/base/etc" "$L/base/var/lib/dpkg" "$L/base/usr/share/doc/bench" "$L/random/opt/random" \
  "$L/logs/var/log/bench" "$L/blobs/opt/blobs" "$L/blobs/var/lib/dpkg" "$L/blobs/usr/share/doc/bench"
printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' >"$L/base/etc/os-release"
dpkg_status 120 1 >"$L/base/var/lib/dpkg/status"
log_text 40000000 | split -b 10000 -a 4 -d - "$L/base/usr/share/doc/bench/text-"           # 4000 files, 40 MB
head -c 60000000 /dev/urandom | split -b 1000000 -a 3 -d - "$L/random/opt/random/part-"    # 60 files, 60 MB random
log_text 30000000 | split -b 10000000 -a 1 -d - "$L/logs/var/log/bench/app-"                # 30 MB text
head -c 15000000 /dev/urandom | base64 | split -b 10000000 -a 1 -d - "$L/logs/var/log/bench/encoded-"  # 20 MB base64
head -c 50000000 /dev/urandom | split -b 10000000 -a 1 -d - "$L/blobs/opt/blobs/blob-"      # 5 files, 50 MB random
dpkg_status 120 2 >"$L/blobs/var/lib/dpkg/status"
: >"$L/blobs/usr/share/doc/bench/.wh.text-0000"
REPO="bench/inventory"
DIGEST="$(push_folders_as_image "$REPO" 1 "$WS/push" "$L/base" "$L/random" "$L/logs" "$L/blobs")"
rm -rf "$L"
REF="$OWN_REGISTRY/$REPO@$DIGEST"
say "pushed $REF: $(curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$OWN_REGISTRY/v2/$REPO/manifests/$DIGEST" \
  | jq '[.layers[].size] | add / 1e6 | floor') MB of layer blobs"

java -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
  io.jenkins.plugins.imagelifecycle.bench.SeedPushedImage "$WS/catalog" "$OWN_REGISTRY" "$REPO:1" "$DIGEST"
contents() { cli contents --image "$OWN_REGISTRY/$REPO:1" --catalog "$WS/catalog" >/dev/null 2>"$WS/cli.err" \
  || die "contents failed: $(cat "$WS/cli.err")"; }
# the same jar and class-data archive with -XX:TieredStopAtLevel=1 (C1 only, as the CLI's other commands run):
# C1 lacks the SHA-256 intrinsic that C2 compiles, and hashing is most of the work here
contents_c1() { java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$STATE_DIR/image-lifecycle-cli.jsa" -jar "$ROOT_DIR/cli/target/image-lifecycle-cli.jar" \
  contents --image "$OWN_REGISTRY/$REPO:1" --catalog "$WS/catalog" >/dev/null 2>"$WS/cli.err" || die "contents failed: $(cat "$WS/cli.err")"; }
skopeo_copy() { skopeo copy -q --src-tls-verify=false "docker://$REF" "dir:$WS/copy"; }
contents; skopeo_copy; rm -rf "$WS/copy"   # unmeasured: the CLI's first run writes its CDS archive

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A T
timed() { local t0 t1; t0=$(now); "$1"; t1=$(now); T[$1]+="$(echo "$t1 - $t0" | bc) "; LAST="$(echo "$t1 - $t0" | bc)"; }
for r in $(seq 1 "$RUNS"); do
  if [ $((r % 2)) = 1 ]; then order=(contents contents_c1 skopeo_copy); else order=(skopeo_copy contents_c1 contents); fi
  line="round $r:"
  for step in "${order[@]}"; do
    timed "$step"; line+="$(printf ' %s %.2f s,' "$step" "$LAST")"
    [ "$step" = skopeo_copy ] && rm -rf "$WS/copy"
  done
  echo "${line%,}"
done
# shellcheck disable=SC2086
mo="$(median ${T[contents]})"; mc="$(median ${T[contents_c1]})"; ms="$(median ${T[skopeo_copy]})"
printf 'median of %d: contents CLI %.2f s (ratio to skopeo %.2f), contents CLI with C1 only %.2f s (%.2f), skopeo copy %.2f s\n' \
  "$RUNS" "$mo" "$(echo "$mo / $ms" | bc -l)" "$mc" "$(echo "$mc / $ms" | bc -l)" "$ms"

mkdir -p "$WS/in-process"
java -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
  io.jenkins.plugins.imagelifecycle.bench.InventoryBench "$REF" "$RUNS" "$WS/in-process"
