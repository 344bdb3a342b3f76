#!/usr/bin/env bash
# Benchmark: a catalog (embedded SQLite, then PostgreSQL) of 100 000 synthetic images; descendants of one base (50 descendants) and a
# cascade retirement of 10 000 descendants, RUNS times, medians. A Java main, not a timed test.
# Usage: bench/catalog-end-of-life.sh [RUNS]
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/bench/lib/catalog-main.sh"
catalog_mains "" CatalogBench "${1:-3}" @CATALOG@
