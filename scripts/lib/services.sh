# Shared by scripts/demo and scripts/test: find or start the real components the project needs
# (DESIGN.md §3), and stop what was started. Source it; do not run it.
# Everything listens on loopback only.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${IMAGE_LIFECYCLE_STATE:-$ROOT/.work}"
mkdir -p "$STATE_DIR"
STARTED_PIDS=()
APT_UPDATED=""

say() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# install_missing CMD:PACKAGE ... — installs the Debian packages whose command is missing.
install_missing() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"; pkg="${pair#*:}"
    if ! command -v "$cmd" >/dev/null 2>&1 && ! [ -e "$cmd" ]; then missing+=("$pkg"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing: ${missing[*]} (install these Debian packages, or run this script as root on Debian)"
  fi
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >"$STATE_DIR/apt-update.log" 2>&1 \
      || die "apt-get update failed: see $STATE_DIR/apt-update.log"
    APT_UPDATED=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
      >>"$STATE_DIR/apt-install.log" 2>&1 || die "apt-get install ${missing[*]} failed: see $STATE_DIR/apt-install.log"
}

# ensure_docker — reuses a running engine (DOCKER_HOST or the default socket) or starts dockerd.
ensure_docker() {
  install_missing docker:docker.io dockerd:docker.io
  if docker info >/dev/null 2>&1; then say "Docker engine: reusing the running one"; return 0; fi
  [ -n "${DOCKER_HOST:-}" ] && die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"
  [ "$(id -u)" = 0 ] || die "no Docker engine is running and only root can start dockerd here"
  say "starting dockerd --storage-driver=vfs (log: $STATE_DIR/dockerd.log)"
  dockerd --storage-driver=vfs >"$STATE_DIR/dockerd.log" 2>&1 &
  STARTED_PIDS+=("$!")
  echo "$!" >"$STATE_DIR/dockerd.pid"
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { say "Docker engine is up"; return 0; }
    sleep 1
  done
  die "dockerd did not answer within 60 s: see $STATE_DIR/dockerd.log"
}

# ensure_registry PORT — reuses a registry answering on 127.0.0.1:PORT or starts docker-registry there.
ensure_registry() {
  local port="$1" conf data
  install_missing docker-registry:docker-registry curl:curl
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then
    say "registry 127.0.0.1:$port: reusing the running one"; return 0
  fi
  conf="$STATE_DIR/registry-$port.yml"; data="$STATE_DIR/registry-$port"
  mkdir -p "$data"
  cat >"$conf" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  say "starting docker-registry on 127.0.0.1:$port (log: $STATE_DIR/registry-$port.log)"
  docker-registry serve "$conf" >"$STATE_DIR/registry-$port.log" 2>&1 &
  STARTED_PIDS+=("$!")
  for _ in $(seq 1 30); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null && return 0
    sleep 0.5
  done
  die "docker-registry did not answer on 127.0.0.1:$port within 15 s: see $STATE_DIR/registry-$port.log"
}

# stop_started — stops what this script started, newest first; a reused component is left running.
stop_started() {
  local i pid
  for ((i=${#STARTED_PIDS[@]}-1; i>=0; i--)); do
    pid="${STARTED_PIDS[$i]}"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  done
  STARTED_PIDS=()
}

# build_cli — packages the CLI jar unless it is newer than every source file.
build_cli() {
  local jar="$ROOT/cli/target/image-lifecycle-cli.jar"
  if [ -f "$jar" ] && [ -z "$(find "$ROOT/core/src/main" "$ROOT/cli/src/main" "$ROOT/pom.xml" "$ROOT/core/pom.xml" "$ROOT/cli/pom.xml" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  say "building the CLI (mvn -B -q -DskipTests -pl cli -am package)"
  # everything the build prints goes to standard error: standard output is the command's (--json)
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests -pl cli -am package) >&2 || die "the CLI build failed"
}

# cli_java_opts COMMAND — the JVM options cli gives COMMAND (benchmarks that start the CLI themselves use them too)
cli_java_opts() {
  case "${1:-}" in
    bless|augment|contents|release-notes) echo "-Xshare:auto" ;;
    *) echo "-Xshare:auto -XX:TieredStopAtLevel=1" ;;
  esac
}

# cli ARGS… — runs the CLI jar tuned for short runs: C1 only, and a class-data-sharing archive made
# by the first run after each build (JDK 17's dynamic CDS), which halves the JVM's start-up. Commands that
# read image layers (each push reads the image's contents) hash hundreds of megabytes, which C1 does at a
# third of C2's speed (docs/performance.md): they keep the full compiler.
cli() {
  local jar="$ROOT/cli/target/image-lifecycle-cli.jar" jsa="$STATE_DIR/image-lifecycle-cli.jsa" rc=0
  local opts
  read -ra opts <<<"$(cli_java_opts "${1:-}")"
  if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
    java "${opts[@]}" -XX:SharedArchiveFile="$jsa" -jar "$jar" "$@" || rc=$?
  else
    # each run writes its own archive and moves it into place, so parallel runs cannot clobber it
    java "${opts[@]}" -XX:ArchiveClassesAtExit="$jsa.$$" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" "$@" || rc=$?
    [ -s "$jsa.$$" ] && mv -f "$jsa.$$" "$jsa" || rm -f "$jsa.$$"
  fi
  return "$rc"
}
