#!/usr/bin/env bash
# Benchmark: release notes between two synthetic inventories of 500 packages and 20 000 file entries each —
# the comparison and its Markdown alone, warm, ITERATIONS times after WARM_UP unmeasured ones; then the
# whole path through an embedded SQLite catalog (stored inventories, ReleaseNotesOperation.between, the
# Markdown), CATALOG_ITERATIONS times. Medians. A Java main (ReleaseNotesBench), not a timed test.
# Usage: bench/release-notes.sh [ITERATIONS] [WARM_UP] [CATALOG_ITERATIONS]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
WS="$(mktemp -d -t release-notes-bench.XXXXXX)"
trap 'rm -rf "$WS"' EXIT
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
java -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
  io.jenkins.plugins.imagelifecycle.bench.ReleaseNotesBench "${1:-500}" "${2:-200}" "${3:-50}" "$WS"
