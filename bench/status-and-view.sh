#!/usr/bin/env bash
# Benchmark: listings of a catalog of 100 000 images (a tag, three events and a test run each; each family's newest
# in dev, qa and prod): `status --json` from the CLI (its own JVM, -Xmx256m, output discarded, started as
# scripts/image-lifecycle starts it: its class-data-sharing archive and JVM options) and the lifecycle view's JSON
# in a warm JVM with -Xmx256m (as the plugin serves it), in random order each round, on the embedded catalog and
# on PostgreSQL. A Java main, not a timed test.
# Usage: bench/status-and-view.sh [RUNS]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/bench/lib/catalog-main.sh"
build_cli
# the launcher's archive is made by the first run after a build: a status, as a user's first command might be
EMPTY="$(mktemp -d)"; cli status --json --catalog "$EMPTY" >/dev/null; rm -rf "$EMPTY"
export LISTING_CLI_JAVA_OPTS="$(cli_java_opts status) -XX:SharedArchiveFile=$STATE_DIR/image-lifecycle-cli.jsa"
catalog_mains -Xmx256m ListingBench "${1:-5}" @CATALOG@ "$ROOT_DIR/cli/target/image-lifecycle-cli.jar"
