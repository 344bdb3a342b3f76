#!/usr/bin/env bash
# Benchmark: 50 command tests on one image — our `test` command (parallel, default 4 at a time, JVM
# start included) against a shell loop of plain `docker run` doing the same checks, alternating.
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
ours=(); plain=()
for r in $(seq 1 "$RUNS"); do
  t0=$(now)
  cli test --catalog "$WS/catalog" --image "$IMAGE" --tests "$WS/spec.yaml" --test-parallelism "$PAR" >/dev/null 2>&1
  t1=$(now)
  for i in $(seq 1 50); do
    out="$(docker run --rm --entrypoint echo "$IMAGE" "value-$i")"
    [[ "$out" == *"value-$i"* ]] || { echo "plain check $i failed" >&2; exit 1; }
  done
  t2=$(now)
  ours+=("$(echo "$t1 - $t0" | bc)"); plain+=("$(echo "$t2 - $t1" | bc)")
  printf 'run %d: ours %.2f s, docker run loop %.2f s\n' "$r" "${ours[-1]}" "${plain[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); mp=$(median "${plain[@]}")
printf 'median: ours (parallelism %d) %.2f s, docker run loop %.2f s, ratio %.2f\n' "$PAR" "$mo" "$mp" "$(echo "$mo / $mp" | bc -l)"
rm -rf "$WS"
