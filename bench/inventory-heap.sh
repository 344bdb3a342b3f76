#!/usr/bin/env bash
# Heap bound: the inventory of a ~1 GB image (800 MB of zero-filled files, 100 MB of random files and
# 20 000 small text files, with a dpkg database of 500 packages) read with -Xmx256m, by the CLI end to end
# (`contents --image`, which also records the 20 000-entry file manifest) and by InventoryHeapBench alone.
# Prints each run's time and the heap in use from the collector's own log (-Xlog:gc): the most before a
# collection and the most still reachable after one. The registry is the script's own.
# Usage: bench/inventory-heap.sh [MAX_HEAP]   (default 256m)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/bench/lib/own-registry.sh"
MAX_HEAP="${1:-256m}"
install_missing docker-registry:docker-registry curl:curl bc:bc jq:jq
WS="$(mktemp -d -t inventory-heap.XXXXXX)"
cleanup() { stop_own_registry; rm -rf "$WS"; }
trap cleanup EXIT
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark mains"
start_own_registry "$WS/registry"

L="$WS/layers"; mkdir -p "$L/base/etc" "$L/base/var/lib/dpkg" "$L/zeros/srv/disks" "$L/random/opt/random" "$L/many/usr/share/bench"
printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' >"$L/base/etc/os-release"
for i in $(seq 1 500); do
  printf 'Package: bench-pkg-%03d\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.%d.0-1\nDescription: benchmark package\n\n' "$i" "$i"
done >"$L/base/var/lib/dpkg/status"
# truncate makes them without writing a byte here; tar still reads, and the inventory still streams and hashes, 800 MB of zeros
for i in $(seq 1 8); do truncate -s 100000000 "$L/zeros/srv/disks/disk-$i.img"; done
head -c 100000000 /dev/urandom | split -b 1000000 -a 3 -d - "$L/random/opt/random/part-"
# 20 000 text files of 5 kB, 1000 in each of 20 folders
for d in $(seq 0 19); do
  mkdir -p "$L/many/usr/share/bench/d$d"
  awk -v from=$((d * 100000)) 'BEGIN { for (i = from; total + 69 <= 5000000; i++) {
    line = sprintf("%09d a compressible line of text, as in logs and documentation.\n", i); printf "%s", line; total += length(line) } }' \
    | split -b 5000 -a 3 -d - "$L/many/usr/share/bench/d$d/text-"
done
REPO="bench/inventory-heap"
DIGEST="$(push_folders_as_image "$REPO" 1 "$WS/push" "$L/base" "$L/zeros" "$L/random" "$L/many")"
rm -rf "$L"
REF="$OWN_REGISTRY/$REPO@$DIGEST"
say "pushed $REF: $(curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$OWN_REGISTRY/v2/$REPO/manifests/$DIGEST" \
  | jq '[.layers[].size] | add / 1e6 | floor') MB of layer blobs"

# gc_peaks LOG — the largest heap in use before and after a collection, from lines like "GC(3) Pause Young … 120M->31M(256M)"
gc_peaks() {
  awk 'match($0, /[0-9]+M->[0-9]+M\(/) { split(substr($0, RSTART, RLENGTH - 1), a, /M->|M/); n++
         if (a[1] + 0 > before) before = a[1] + 0; if (a[2] + 0 > after) after = a[2] + 0 }
       END { printf "%d collections; heap in use: at most %d MiB before a collection, %d MiB still reachable after one\n", n, before, after }' "$1"
}
now() { date +%s.%N; }

java -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
  io.jenkins.plugins.imagelifecycle.bench.SeedPushedImage "$WS/catalog" "$OWN_REGISTRY" "$REPO:1" "$DIGEST"
t0=$(now)
# the CLI's own flags (scripts/lib/services.sh) plus the heap bound
java -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx"$MAX_HEAP" -Xlog:gc:file="$WS/cli-gc.log" -jar "$ROOT_DIR/cli/target/image-lifecycle-cli.jar" \
  contents --image "$OWN_REGISTRY/$REPO:1" --catalog "$WS/catalog" >"$WS/cli.out" 2>"$WS/cli.err" || die "contents failed: $(cat "$WS/cli.err")"
t1=$(now)
printf 'contents CLI with -Xmx%s: %.2f s (%s); ' "$MAX_HEAP" "$(echo "$t1 - $t0" | bc)" "$(head -1 "$WS/cli.out")"
gc_peaks "$WS/cli-gc.log"

java -Xmx"$MAX_HEAP" -Xlog:gc:file="$WS/bench-gc.log" -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
  io.jenkins.plugins.imagelifecycle.bench.InventoryHeapBench "$REF"
printf 'InventoryHeapBench, from its -Xlog:gc: '; gc_peaks "$WS/bench-gc.log"
