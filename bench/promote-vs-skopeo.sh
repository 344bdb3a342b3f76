#!/usr/bin/env bash
# Benchmark: promotion to another repository of the same registry, for a 200 MB and a 1 MB image —
# our `promote` (CLI, JVM start and catalog included) vs `skopeo copy` vs `docker pull`+`tag`+`push`
# (every local tag of the image removed first, by image id, so every pull moves the whole image); then across
# two registries, ours vs skopeo. The order of the sides is drawn at random each round; every round is kept.
# Usage: bench/promote-vs-skopeo.sh [RUNS]
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
# no local copy at all: every tag of the image id goes (a tag left behind keeps the layers, and the pull moves nothing)
forget_locally() {
  local id
  id="$(docker image inspect --format '{{.Id}}' "$1" 2>/dev/null)" || return 0
  docker rmi -f "$id" >/dev/null
  ! docker image inspect "$id" >/dev/null 2>&1 || die "image $id is still on the engine"
}
side() {  # side NAME SIZE ROUND
  case "$1" in
    ours) cli promote --catalog "$WS/catalog" --config "$WS/config.yaml" --image "$REG/bench/$2:1" \
            --to "same$3" --waive-tests benchmark >/dev/null 2>&1 ;;
    skopeo) skopeo copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$REG/bench/$2:1" \
            "docker://$REG/skopeo$3/bench/$2:1" ;;
    docker) docker pull -q "$REG/bench/$2:1" >/dev/null; docker tag "$REG/bench/$2:1" "$REG/docker$3/bench/$2:1"
            docker push -q "$REG/docker$3/bench/$2:1" >/dev/null ;;
  esac
}
for size in big small; do forget_locally "$REG/bench/$size:1"; done
for r in $(seq 1 "$RUNS"); do
  for size in big small; do
    forget_locally "$REG/bench/$size:1"
    line="run $r $(printf '%-5s' "$size") same registry:"
    for s in $(printf 'ours\nskopeo\ndocker\n' | shuf); do
      t0=$(now); side "$s" "$size" "$r"; t1=$(now)
      T[${s}_$size]+="$(echo "$t1 - $t0" | bc) "
      line+=" $s $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s;"
    done
    echo "$line"
    forget_locally "$REG/bench/$size:1"
  done
  far() {
    case "$1" in
      ours) cli promote --catalog "$WS/catalog" --config "$WS/config.yaml" --image "$REG/bench/big:1" \
              --to "far$r" --waive-tests benchmark >/dev/null 2>&1 ;;
      skopeo) skopeo copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$REG/bench/big:1" \
              "docker://$REG2/skopeo$r/bench/big:1" ;;
    esac
  }
  line="run $r big   two registries:"
  for s in $(printf 'ours\nskopeo\n' | shuf); do
    t0=$(now); far "$s"; t1=$(now)
    T[${s}_far]+="$(echo "$t1 - $t0" | bc) "
    line+=" $s $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s;"
  done
  echo "$line"
done
for k in ours_big skopeo_big docker_big ours_small skopeo_small docker_small ours_far skopeo_far; do
  # shellcheck disable=SC2086
  printf 'median %-12s %.2f s\n' "$k" "$(median ${T[$k]})"
done
rm -rf "$WS"
