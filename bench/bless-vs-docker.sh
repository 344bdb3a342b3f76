#!/usr/bin/env bash
# Benchmark: our bless (the CLI, JVM start included) against the plain docker CLI doing the same build
# and push of the same Dockerfile, alternating, RUNS times each. Prints each run and the medians.
# Usage: bench/bless-vs-docker.sh [RUNS]   (needs what ./scripts/demo needs; starts the same services)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/services.sh"
source "$(dirname "$0")/../scripts/lib/make-base-image.sh"
RUNS="${1:-7}"
PORT="${IMAGE_LIFECYCLE_REGISTRY_PORT:-5000}"; REG="127.0.0.1:$PORT"
trap stop_started EXIT
ensure_docker; ensure_registry "$PORT"; build_cli
make_base_image "$REG/upstream/bench:1" bench >/dev/null 2>&1

WS="$(mktemp -d)"; mkdir -p "$WS/ctx"
cat >"$WS/ctx/Dockerfile" <<'DOCKERFILE'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG NONCE
RUN echo "$NONCE" > /etc/bench-nonce && mkdir -p /etc/image-hooks && echo ok > /etc/image-hooks/marker
DOCKERFILE
BASE_PINNED="$REG/upstream/bench@$(curl -fsSI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  "http://$REG/v2/upstream/bench/manifests/1" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')"

now() { date +%s.%N; }
ours=(); plain=(); labelled=()
LABELS=(--label org.opencontainers.image.created=x --label org.opencontainers.image.title=bench/plain
  --label org.opencontainers.image.version=1 --label "org.opencontainers.image.base.name=$REG/upstream/bench:1"
  --label "org.opencontainers.image.base.digest=${BASE_PINNED#*@}" --label io.jenkins.image-lifecycle.role=blessed
  --label "io.jenkins.image-lifecycle.parent=$BASE_PINNED")
side() {  # side NAME ROUND: one build and push, timed by the caller
  case "$1" in
    ours) cli bless --catalog "$WS/catalog" --workspace "$WS" \
            --base "$REG/upstream/bench:1" --dockerfile ctx/Dockerfile --context ctx --target "$REG/bench/ours:$2" \
            --build-arg "NONCE=ours-$2-$RANDOM" >/dev/null 2>&1 ;;
    plain) docker build -q 2>/dev/null --build-arg "BASE_IMAGE=$BASE_PINNED" --build-arg "NONCE=plain-$2-$RANDOM" \
            -t "$REG/bench/plain:$2" "$WS/ctx" >/dev/null
          docker push -q "$REG/bench/plain:$2" >/dev/null ;;
    labelled) docker build -q "${LABELS[@]}" --build-arg "BASE_IMAGE=$BASE_PINNED" --build-arg "NONCE=labelled-$2-$RANDOM" \
            -t "$REG/bench/labelled:$2" "$WS/ctx" >/dev/null
          docker push -q "$REG/bench/labelled:$2" >/dev/null ;;
  esac
}
declare -A took
for i in $(seq 1 "$RUNS"); do
  # the three sides in a new random order each round, every round kept
  order="$(printf 'ours\nplain\nlabelled\n' | shuf | tr '\n' ' ')"
  for s in $order; do
    t0=$(now); side "$s" "$i"; t1=$(now)
    took[$s]="$(echo "$t1 - $t0" | bc)"
  done
  ours+=("${took[ours]}"); plain+=("${took[plain]}"); labelled+=("${took[labelled]}")
  printf 'run %d (%s): ours %.2f s, docker %.2f s, docker with the same labels %.2f s\n' "$i" "${order% }" "${ours[-1]}" \
    "${plain[-1]}" "${labelled[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); mp=$(median "${plain[@]}"); ml=$(median "${labelled[@]}")
printf 'median: ours %.2f s | docker build+push %.2f s (ratio %.2f) | docker build --label x7 + push %.2f s (ratio %.2f)\n' \
  "$mo" "$mp" "$(echo "$mo / $mp" | bc -l)" "$ml" "$(echo "$mo / $ml" | bc -l)"
rm -rf "$WS"
