#!/usr/bin/env bash
# Benchmark: the deploy-time check (check --image D --env prod) of one digest in a warm JVM, against a catalog of
# 100 000 images with 3 000 verified placements, on the embedded catalog and on PostgreSQL. Goal: under 5 ms.
# A Java main, not a timed test.
# Usage: bench/check.sh [ROUNDS] [WARM_UP]   (defaults 2000 500)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
for catalog in embedded postgres; do
  java -Xmx2g -cp "$ROOT_DIR/core/target/classes:$ROOT_DIR/core/target/test-classes:$ROOT_DIR/cli/target/image-lifecycle-cli.jar" \
    io.jenkins.plugins.imagelifecycle.bench.CheckBench "$catalog" "${1:-2000}" "${2:-500}"
done
