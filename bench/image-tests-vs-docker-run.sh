#!/usr/bin/env bash
# Benchmark: 50 command tests on one image — our `test` command (PARALLELISM at a time, JVM start included)
# against plain `docker run` doing the same checks with the same parallelism (xargs -P), the order drawn at
# random each round, every round kept.
# Usage: bench/image-tests-vs-docker-run.sh [RUNS] [PARALLELISM]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/services.sh"
source "$(dirname "$0")/../scripts/lib/make-base-image.sh"
RUNS="${1:-5}"; PAR="${2:-4}"
PORT="${IMAGE_LIFECYCLE_REGISTRY_PORT:-5000}"; REG="127.0.0.1:$PORT"
trap stop_started EXIT
ensure_docker; ensure_registry "$PORT"; build_cli
make_base_image "$REG/upstream/bench-tests:1" bench-tests >/dev/null 2>&1

WS="$(mktemp -d)"; mkdir -p "$WS/ctx"
printf 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo bench > /etc/bench\n' >"$WS/ctx/Dockerfile"
IMAGE="$(cli bless --json --catalog "$WS/catalog" --workspace "$WS" --base "$REG/upstream/bench-tests:1" \
  --dockerfile ctx/Dockerfile --context ctx --target "$REG/bench/tests:1" 2>/dev/null | sed -E 's/.*"pinned":"([^"]+)".*/\1/')"
{
  echo "schemaVersion: '2.0.0'"; echo "commandTests:"
  for i in $(seq 1 50); do
    printf '  - name: test-%d\n    command: echo\n    args: ["value-%d"]\n    expectedOutput: ["value-%d"]\n' "$i" "$i" "$i"
  done
} >"$WS/spec.yaml"

now() { date +%s.%N; }
plain_check() {  # the same check as our command test: the output holds the value
  local out; out="$(docker run --rm --entrypoint echo "$IMAGE" "value-$1")"
  [[ "$out" == *"value-$1"* ]] || { echo "plain check $1 failed" >&2; return 1; }
}
export -f plain_check; export IMAGE
ours=(); plain=()
for r in $(seq 1 "$RUNS"); do
  line="run $r:"
  for s in $(printf 'ours\nplain\n' | shuf); do
    t0=$(now)
    if [ "$s" = ours ]; then
      cli test --catalog "$WS/catalog" --image "$IMAGE" --tests "$WS/spec.yaml" --test-parallelism "$PAR" >/dev/null 2>&1
    else
      seq 1 50 | xargs -P "$PAR" -I{} bash -c 'plain_check {}'
    fi
    t1=$(now)
    if [ "$s" = ours ]; then ours+=("$(echo "$t1 - $t0" | bc)"); else plain+=("$(echo "$t1 - $t0" | bc)"); fi
    line+=" $s $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s;"
  done
  echo "$line"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); mp=$(median "${plain[@]}")
printf 'median of %d: ours %.2f s, docker run x%d %.2f s, ratio ours/plain %.2f\n' "$RUNS" "$mo" "$PAR" "$mp" "$(echo "$mo / $mp" | bc -l)"
rm -rf "$WS"
