#!/usr/bin/env bash
# Benchmark: signing and verifying one image in a warm JVM (cosign's format, ECDSA P-256) against a
# docker-registry of the script's own on loopback; each round its own image. No peer runs here: Debian's
# skopeo is built with sigstore disabled and cosign is not installable, so the figures are absolute
# (the goals are: sign at most 30 ms, verify at most 20 ms). A Java main (SigningBench), not a timed test.
# Usage: bench/signing.sh [ROUNDS] [WARM_UP]   (defaults 200 50)
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
source "$ROOT_DIR/bench/lib/own-registry.sh"
WS="$(mktemp -d -t signing-bench.XXXXXX)"
trap 'stop_own_registry; rm -rf "$WS"' EXIT
build_cli
(cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
start_own_registry "$WS/registry"
java -cp "$ROOT_DIR/core/target/classes:$ROOT_DIR/core/target/test-classes:$ROOT_DIR/cli/target/image-lifecycle-cli.jar" \
  io.jenkins.plugins.imagelifecycle.bench.SigningBench "$OWN_REGISTRY" "${1:-200}" "${2:-50}"
