#!/usr/bin/env bash
# Benchmark: promotion to another repository of the same registry, for a 200 MB and a 1 MB image —
# our `promote` (CLI, JVM start and catalog included) vs `skopeo copy` vs `docker pull`+`tag`+`push`
# (local copy removed first, so the pull is real); then across two registries, ours vs skopeo.
# Alternating, RUNS rounds, medians. Usage: bench/promote-vs-skopeo.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/services.sh"
source "$(dirname "$0")/../scripts/lib/make-base-image.sh"
RUNS="${1:-5}"
PORT="${IMAGE_LIFECYCLE_REGISTRY_PORT:-5000}"; REG="127.0.0.1:$PORT"; PORT2=$((PORT + 1)); REG2="127.0.0.1:$PORT2"
trap stop_started EXIT
install_missing skopeo:skopeo bc:bc
ensure_docker; ensure_registry "$PORT"; ensure_registry "$PORT2"; build_cli
make_base_image "$REG/upstream/bench-promote:1" bench-promote >/dev/null 2>&1

WS="$(mktemp -d)"; mkdir -p "$WS/big" "$WS/small"
printf 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN head -c 200000000 /dev/urandom > /payload\n' >"$WS/big/Dockerfile"
printf 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN head -c 1000000 /dev/urandom > /payload\n' >"$WS/small/Dockerfile"
{ echo "environments:"
  for r in $(seq 1 "$RUNS"); do
    printf '  - name: same%d\n    target: "{registry}/same%d/{repository}:{tag}"\n    allowSkip: true\n' "$r" "$r"
    printf '  - name: far%d\n    target: "%s/far%d/{repository}:{tag}"\n    allowSkip: true\n' "$r" "$REG2" "$r"
  done; } >"$WS/config.yaml"
for size in big small; do
  cli bless --catalog "$WS/catalog" --workspace "$WS" --base "$REG/upstream/bench-promote:1" \
    --dockerfile "$size/Dockerfile" --context "$size" --target "$REG/bench/$size:1" >/dev/null 2>&1
done

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A T
for r in $(seq 1 "$RUNS"); do
  for size in big small; do
    t0=$(now); cli promote --catalog "$WS/catalog" --config "$WS/config.yaml" --image "$REG/bench/$size:1" \
      --to "same$r" --waive-tests benchmark >/dev/null 2>&1; t1=$(now)
    skopeo copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$REG/bench/$size:1" \
      "docker://$REG/skopeo$r/bench/$size:1"; t2=$(now)
    docker rmi -f "$REG/bench/$size:1" >/dev/null 2>&1 || true
    docker pull -q "$REG/bench/$size:1" >/dev/null; docker tag "$REG/bench/$size:1" "$REG/docker$r/bench/$size:1"
    docker push -q "$REG/docker$r/bench/$size:1" >/dev/null; t3=$(now)
    T[ours_$size]+="$(echo "$t1 - $t0" | bc) "; T[skopeo_$size]+="$(echo "$t2 - $t1" | bc) "; T[docker_$size]+="$(echo "$t3 - $t2" | bc) "
    printf 'run %d %-5s same registry: ours %.2f s, skopeo %.2f s, docker pull+tag+push %.2f s\n' "$r" "$size" \
      "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)"
  done
  t0=$(now); cli promote --catalog "$WS/catalog" --config "$WS/config.yaml" --image "$REG/bench/big:1" \
    --to "far$r" --waive-tests benchmark >/dev/null 2>&1; t1=$(now)
  skopeo copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$REG/bench/big:1" \
    "docker://$REG2/skopeo$r/bench/big:1"; t2=$(now)
  T[ours_far]+="$(echo "$t1 - $t0" | bc) "; T[skopeo_far]+="$(echo "$t2 - $t1" | bc) "
  printf 'run %d big   two registries: ours %.2f s, skopeo %.2f s\n' "$r" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
done
for k in ours_big skopeo_big docker_big ours_small skopeo_small docker_small ours_far skopeo_far; do
  # shellcheck disable=SC2086
  printf 'median %-12s %.2f s\n' "$k" "$(median ${T[$k]})"
done
rm -rf "$WS"
