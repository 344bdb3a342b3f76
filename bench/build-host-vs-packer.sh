#!/usr/bin/env bash
# Benchmark: our build-host (CLI: JVM start, validate, build, record) against plain `packer build` of the
# same docker-builder template, RUNS rounds, the order drawn at random each round, every round kept
# (a build before round 1 validates the template once, as the first build on a machine does), medians.
# Usage: bench/build-host-vs-packer.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/services.sh"
source "$(dirname "$0")/../scripts/lib/make-base-image.sh"
RUNS="${1:-5}"
PORT="${IMAGE_LIFECYCLE_REGISTRY_PORT:-5000}"; REG="127.0.0.1:$PORT"
trap stop_started EXIT
install_missing packer:packer bc:bc
ensure_docker; ensure_registry "$PORT"; build_cli
make_base_image "$REG/upstream/bench-host:1" bench-host >/dev/null 2>&1
WS="$(mktemp -d)"; mkdir -p "$WS/host"
cp "$ROOT/docs/examples/demo/host/web.pkr.hcl" "$WS/host/"
export CHECKPOINT_DISABLE=1
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
cli build-host --catalog "$WS/catalog" --workspace "$WS" --template host/web.pkr.hcl \
  --var "base_image=$REG/upstream/bench-host:1" --var "motd=first build" >/dev/null 2>&1
ours=(); plain=()
for r in $(seq 1 "$RUNS"); do
  line="run $r:"
  for s in $(printf 'ours\nplain\n' | shuf); do
    t0=$(now)
    if [ "$s" = ours ]; then
      cli build-host --catalog "$WS/catalog" --workspace "$WS" --template host/web.pkr.hcl \
        --var "base_image=$REG/upstream/bench-host:1" --var "motd=run $r ours" >/dev/null 2>&1
    else
      (cd "$WS/host" && packer build -machine-readable -color=false -var "base_image=$REG/upstream/bench-host:1" \
        -var "motd=run $r plain" web.pkr.hcl >/dev/null 2>&1)
    fi
    t1=$(now)
    if [ "$s" = ours ]; then ours+=("$(echo "$t1 - $t0" | bc)"); else plain+=("$(echo "$t1 - $t0" | bc)"); fi
    line+=" $s $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s;"
  done
  echo "$line"
done
mo=$(median "${ours[@]}"); mp=$(median "${plain[@]}")
printf 'median: ours %.2f s, packer build %.2f s, ratio %.2f\n' "$mo" "$mp" "$(echo "$mo / $mp" | bc -l)"
rm -rf "$WS"
