#!/usr/bin/env bash
# bench/bad-input-probe.sh [CLI_JAR] — tries the bad inputs of docs/reliability.md against a CLI jar
# (default: this checkout's) on a catalog with one real image, and counts: exit 2 with one line, wrong
# exit codes, stack traces, and state changed (status and history before and after, and a catalog
# created under $HOME). Needs a Docker engine and a registry on 127.0.0.1:5000 (started when missing).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/services.sh"
source "$(dirname "$0")/../scripts/lib/make-base-image.sh"
trap stop_started EXIT
ensure_docker
ensure_registry 5000
JAR="${1:-$ROOT/cli/target/image-lifecycle-cli.jar}"
[ -f "$JAR" ] || { build_cli; JAR="$ROOT/cli/target/image-lifecycle-cli.jar"; }
T="$(mktemp -d)"
export HOME="$T/home"; mkdir -p "$HOME"
CAT="$T/catalog"; WS="$T/ws"; REG=127.0.0.1:5000; TAG="probe-$(date +%s)-$$"
run() { java -XX:TieredStopAtLevel=1 -jar "$JAR" "$@"; }

make_base_image "$REG/upstream/$TAG:1" probe 2>/dev/null
mkdir -p "$WS/blessed"
printf 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo hooked > /etc/hooked\n' >"$WS/blessed/Dockerfile"
printf 'schemaVersion: 2.0.0\nfileExistenceTests:\n  - name: sh\n    path: /bin/sh\n' >"$WS/ok.yaml"
printf 'schemaVersion: 2.0.0\nmetadataTest: {}\n' >"$WS/empty-metadata.yaml"
printf 'schemaVersion: 2.0.0\ncommandTests: {name: x}\n' >"$WS/wrong-type.yaml"
echo "not a folder" >"$WS/a-file"
IMG="$REG/blessed/$TAG:1"
run bless --catalog "$CAT" --workspace "$WS" --base "$REG/upstream/$TAG:1" --dockerfile blessed/Dockerfile \
  --context blessed --target "$IMG" >/dev/null 2>"$T/seed.err" || { cat "$T/seed.err" >&2; exit 1; }
UNKNOWN="$REG/apps/unknown-$TAG:1"
FORGED=$'superseded\n2026-01-01T00:00:00Z  retire  by admin (cli): \e[31mforged'

PROBES=(
  "status --catalog ''"
  "status --catalog '   '"
  "status --catalog $WS/a-file"
  "status --catalog $WS/a-file/sub"
  "test --catalog $CAT --image $IMG --tests $WS/ok.yaml --junit /missing/dir/r.xml"
  "test --catalog $CAT --image $IMG --tests $WS/ok.yaml --test-timeout -5"
  "test --catalog $CAT --image $IMG --tests $WS/ok.yaml --test-parallelism 0"
  "test --catalog $CAT --image $IMG --tests $WS/empty-metadata.yaml"
  "test --catalog $CAT --image $IMG --tests $WS/wrong-type.yaml"
  "test --catalog $CAT --image $IMG --tests $WS/ok.yaml --docker-host 'not a url'"
  "build-host --catalog $CAT --workspace $WS --template t.pkr.hcl --timeout 0"
  "deprecate --catalog $CAT --image $IMG --eol +999999999-12-31 --reason far"
  "deprecate --catalog $CAT --image $IMG --eol not-a-date --reason x"
  "history --catalog $CAT --image $UNKNOWN"
  "lineage --catalog $CAT --image $UNKNOWN"
  "retire --catalog $CAT --image $UNKNOWN --reason x"
  "promote --catalog $CAT --image $UNKNOWN --to dev"
  "promote --catalog $CAT --image $IMG --to nowhere"
  "serve --catalog $CAT --port 70000"
  "report --catalog $CAT --out /missing/folder/view.html"
  "bless --catalog $CAT --base '' --dockerfile d --context . --target $IMG"
  "bless --catalog $CAT --base $IMG --dockerfile d --context . --target ' '"
  "augment --catalog $CAT --from '' --dockerfile d --context . --target $IMG"
  "promote --catalog $CAT --image $IMG --to dev --config ''"
  "retire --catalog $CAT --policy ''"
  "status --catalog $CAT --no-such-option"
)
snapshot() { run status --json --catalog "$CAT" 2>/dev/null; run history --json --catalog "$CAT" --image "$IMG" 2>/dev/null; ls -R "$HOME"; }

tried=0; good=0; wrong=0; traces=0; changed=0
for probe in "${PROBES[@]}"; do
  before="$(snapshot)"
  rc=0; eval "run $probe" >"$T/out" 2>"$T/err" || rc=$?
  after="$(snapshot)"
  lines="$(grep -c . "$T/err" || true)"
  tried=$((tried + 1)); verdict=""
  if [ "$rc" = 2 ] && [ "$lines" = 1 ]; then good=$((good + 1)); else verdict="$verdict exit=$rc lines=$lines"; fi
  [ "$rc" != 2 ] && wrong=$((wrong + 1))
  if grep -q $'^\tat \|Exception' "$T/err"; then traces=$((traces + 1)); verdict="$verdict stack-trace"; fi
  if [ "$before" != "$after" ]; then changed=$((changed + 1)); verdict="$verdict state-changed"; rm -rf "$HOME/.image-lifecycle"; fi
  printf '%-4s %s | %s\n' "$rc" "${probe//$T/…}" "$(head -c 200 "$T/err" | head -1)${verdict:+  [$verdict ]}"
done
# a reason with a newline and an escape sequence: stored as given, printed escaped (no raw ESC on the terminal)
run deprecate --catalog "$CAT" --image "$IMG" --eol 9999-12-31 --reason "$FORGED" >/dev/null 2>&1 || true
raw=0; run history --catalog "$CAT" --image "$IMG" | grep -q $'\e' && raw=1
echo
echo "tried $tried: exit 2 with one line $good, wrong exit code $wrong, stack traces $traces, state changed $changed; raw escape sequence printed by history: $raw"
rm -rf "$T"
