# Runs a benchmark main of core's test classes on the CLI's class path, once per catalog kind (CATALOGS, default
# "embedded postgres"): catalog_mains JAVA_OPTS CLASS ARGS…, where an argument @CATALOG@ becomes the kind.
# Builds the CLI and the test classes first.
catalog_mains() {
  local java_opts="$1" main="$2"; shift 2
  build_cli
  (cd "$ROOT_DIR" && mvn -B -q -o -pl core test-compile) || die "cannot compile the benchmark main"
  local catalog
  for catalog in ${CATALOGS:-embedded postgres}; do
    # shellcheck disable=SC2086
    java $java_opts -cp "$ROOT_DIR/cli/target/image-lifecycle-cli.jar:$ROOT_DIR/core/target/test-classes" \
      "io.jenkins.plugins.imagelifecycle.bench.$main" "${@//@CATALOG@/$catalog}"
  done
}
