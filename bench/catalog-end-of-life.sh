#!/usr/bin/env bash
# Benchmark: an H2 catalog of 100 000 synthetic images; descendants of one base (50 descendants) and a
# cascade retirement of 10 000 descendants, RUNS times, medians. A Java main, not a timed test.
# Usage: bench/catalog-end-of-life.sh [RUNS]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
for catalog in ${CATALOGS:-embedded postgres}; do
  java -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
    io.jenkins.plugins.imagelifecycle.bench.CatalogBench "${1:-3}" "$catalog"
done
