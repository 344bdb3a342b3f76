#!/usr/bin/env bash
# Benchmark: OSV advisories against a large catalog, on the embedded catalog and on PostgreSQL: the import of
# ADVISORIES advisories from one zip against IMAGES images of PACKAGES packages each (read, parse, store, match,
# findings opened), and one new advisory. A Java main, not a timed test.
# Usage: bench/advisories.sh [IMAGES] [PACKAGES] [ADVISORIES]   (defaults 5000 300 20000)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
for catalog in embedded postgres; do
  java -Xmx2g -cp "$ROOT_DIR/core/target/classes:$ROOT_DIR/core/target/test-classes:$ROOT_DIR/cli/target/image-lifecycle-cli.jar" \
    io.jenkins.plugins.imagelifecycle.bench.AdvisoryBench "$catalog" "${1:-5000}" "${2:-300}" "${3:-20000}"
done
