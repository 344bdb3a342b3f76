package io.jenkins.plugins.imagelifecycle.plugin.steps;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * The bad step arguments of the sweep, step by step, each with a word its one line must hold (the bad value, or the
 * parameter that carries it) and the call as a Jenkinsfile writes it.
 */
final class StepsBadInputProbes {
    /** A registry nobody listens on: no probe may get as far as talking to it. */
    static final String HOST = "127.0.0.1:5999";
    static final String IMAGE = HOST + "/blessed/sweep:1";
    static final String TARGET = HOST + "/apps/sweep:1";
    static final String SHORT_DIGEST = "sha256:12ab";
    static final String UNKNOWN_DIGEST = "sha256:" + "0".repeat(64);

    record Probe(String names, String shown, Step step) {
    }

    private final String blessed;

    /** @param blessed the digest of the catalog's one image, a blessed one */
    StepsBadInputProbes(String blessed) {
        this.blessed = blessed;
    }

    private static <T extends Step> T with(T step, Consumer<T> settings) {
        settings.accept(step);
        return step;
    }

    List<Probe> all() {
        return Stream.of(builds(), tests(), placements(), endOfLife()).flatMap(List::stream).toList();
    }

    private static BlessImageStep bless(String base, String dockerfile, String target) {
        return with(new BlessImageStep(base, dockerfile, target), s -> s.setContext("blessed"));
    }

    private List<Probe> builds() {
        String upstream = HOST + "/upstream/base:1";
        return List.of(
                new Probe("base", "blessImage(base: '', dockerfile: 'blessed/Dockerfile', target: '" + TARGET + "')",
                        bless("", "blessed/Dockerfile", TARGET)),
                new Probe("'Apps'", "blessImage(base: '" + upstream + "', dockerfile: 'blessed/Dockerfile', target: '" + HOST + "/Apps/x:1')",
                        bless(upstream, "blessed/Dockerfile", HOST + "/Apps/x:1")),
                new Probe(SHORT_DIGEST, "blessImage(base: '" + HOST + "/upstream/base@" + SHORT_DIGEST + "', …)",
                        bless(HOST + "/upstream/base@" + SHORT_DIGEST, "blessed/Dockerfile", TARGET)),
                new Probe("no/Dockerfile", "blessImage(base: '" + upstream + "', dockerfile: 'no/Dockerfile', …)",
                        bless(upstream, "no/Dockerfile", TARGET)),
                new Probe("NOEQUALS", "blessImage(…, buildArgs: ['NOEQUALS'])",
                        with(bless(upstream, "blessed/Dockerfile", TARGET), s -> s.setBuildArgs(List.of("NOEQUALS")))),
                new Probe("parallelism 0", "blessImage(…, tests: ['tests/ok.yaml'], testParallelism: 0)",
                        with(bless(upstream, "blessed/Dockerfile", TARGET), s -> {
                            s.setTests(List.of("tests/ok.yaml"));
                            s.setTestParallelism(0);
                        })),
                new Probe("-5", "blessImage(…, testTimeout: -5)",
                        with(bless(upstream, "blessed/Dockerfile", TARGET), s -> s.setTestTimeout(-5))),
                new Probe("../outside", "blessImage(…, context: '../outside')",
                        with(bless(upstream, "blessed/Dockerfile", TARGET), s -> s.setContext("../outside"))),
                new Probe("no-such-id", "blessImage(…, credentialsId: 'no-such-id')",
                        with(bless(upstream, "blessed/Dockerfile", TARGET), s -> s.setCredentialsId("no-such-id"))),
                new Probe("no-such-key", "blessImage(…, signingKeyCredentialsId: 'no-such-key')",
                        with(bless(upstream, "blessed/Dockerfile", TARGET), s -> s.setSigningKeyCredentialsId("no-such-key"))),
                new Probe(UNKNOWN_DIGEST, "augmentImage(from: '" + UNKNOWN_DIGEST + "', dockerfile: 'app/Dockerfile', …)",
                        new AugmentImageStep(UNKNOWN_DIGEST, "app/Dockerfile", TARGET)),
                new Probe(SHORT_DIGEST, "augmentImage(from: '" + SHORT_DIGEST + "', …)",
                        new AugmentImageStep(SHORT_DIGEST, "app/Dockerfile", TARGET)),
                new Probe("no/such/source", "augmentImage(from: blessed.digest, …, source: 'no/such/source')",
                        with(new AugmentImageStep(blessed, "app/Dockerfile", TARGET), s -> {
                            s.setContext("app");
                            s.setSource("no/such/source");
                        })),
                new Probe("template", "buildHostImage(template: ' ')", new BuildHostImageStep(" ")),
                new Probe("missing.pkr.hcl", "buildHostImage(template: 'packer/missing.pkr.hcl')",
                        new BuildHostImageStep("packer/missing.pkr.hcl")),
                new Probe("0 minutes", "buildHostImage(template: 'packer/file.pkr.hcl', timeout: 0)",
                        with(new BuildHostImageStep("packer/file.pkr.hcl"), s -> s.setTimeout(0))),
                new Probe("NOEQUALS", "buildHostImage(template: 'packer/file.pkr.hcl', vars: ['NOEQUALS'])",
                        with(new BuildHostImageStep("packer/file.pkr.hcl"), s -> s.setVars(List.of("NOEQUALS")))),
                new Probe("SWEEP_UNSET_VARIABLE", "buildHostImage(…, sensitiveVarEnv: ['token=SWEEP_UNSET_VARIABLE'])",
                        with(new BuildHostImageStep("packer/file.pkr.hcl"), s -> s.setSensitiveVarEnv(List.of("token=SWEEP_UNSET_VARIABLE")))),
                new Probe("missing.pkrvars.hcl", "buildHostImage(…, varFiles: ['packer/missing.pkrvars.hcl'])",
                        with(new BuildHostImageStep("packer/file.pkr.hcl"), s -> s.setVarFiles(List.of("packer/missing.pkrvars.hcl")))));
    }

    private List<Probe> tests() {
        List<String> ok = List.of("tests/ok.yaml");
        return List.of(
                new Probe("parallelism 0", "testImage(image: blessed.digest, tests: ['tests/ok.yaml'], testParallelism: 0)",
                        with(new TestImageStep(blessed, ok), s -> s.setTestParallelism(0))),
                new Probe("-1", "testImage(image: blessed.digest, tests: ['tests/ok.yaml'], testTimeout: -1)",
                        with(new TestImageStep(blessed, ok), s -> s.setTestTimeout(-1))),
                new Probe("needs tests", "testImage(image: blessed.digest, tests: [])", new TestImageStep(blessed, List.of())),
                new Probe("tests/missing.yaml", "testImage(image: blessed.digest, tests: ['tests/missing.yaml'])",
                        new TestImageStep(blessed, List.of("tests/missing.yaml"))),
                new Probe(UNKNOWN_DIGEST, "testImage(image: '" + UNKNOWN_DIGEST + "', tests: ['tests/ok.yaml'])",
                        new TestImageStep(UNKNOWN_DIGEST, ok)),
                new Probe("../outside.xml", "testImage(image: blessed.digest, tests: ['tests/ok.yaml'], junit: '../outside.xml')",
                        with(new TestImageStep(blessed, ok), s -> s.setJunit("../outside.xml"))));
    }

    private List<Probe> placements() {
        return List.of(
                new Probe("nowhere", "promoteImage(image: blessed.digest, to: 'nowhere')", new PromoteImageStep(blessed, "nowhere")),
                new Probe(UNKNOWN_DIGEST, "promoteImage(image: '" + UNKNOWN_DIGEST + "', to: 'dev')", new PromoteImageStep(UNKNOWN_DIGEST, "dev")),
                new Probe(SHORT_DIGEST, "promoteImage(image: '" + SHORT_DIGEST + "', to: 'dev')", new PromoteImageStep(SHORT_DIGEST, "dev")),
                new Probe("image", "promoteImage(image: '', to: 'dev')", new PromoteImageStep("", "dev")),
                new Probe("to", "promoteImage(image: blessed.digest)", new PromoteImageStep(blessed, null)),
                new Probe("CVE-2026-1 soon", "promoteImage(image: blessed.digest, to: 'dev', waiveAdvisories: ['CVE-2026-1 soon'])",
                        with(new PromoteImageStep(blessed, "dev"), s -> s.setWaiveAdvisories(List.of("CVE-2026-1 soon")))),
                new Probe("2027-02-30", "promoteImage(…, waiveAdvisories: ['CVE-2026-1 until 2027-02-30: not reachable'])",
                        with(new PromoteImageStep(blessed, "dev"), s -> s.setWaiveAdvisories(List.of("CVE-2026-1 until 2027-02-30: not reachable")))),
                new Probe("nowhere", "rollbackImage(environment: 'nowhere')", new RollbackImageStep("nowhere")),
                new Probe(SHORT_DIGEST, "rollbackImage(environment: 'dev', to: '" + SHORT_DIGEST + "')",
                        with(new RollbackImageStep("dev"), s -> s.setTo(SHORT_DIGEST))),
                new Probe("nowhere", "checkImage(image: blessed.digest, environment: 'nowhere')", new CheckImageStep(blessed, "nowhere")),
                new Probe("image", "checkImage(image: '', environment: 'dev')", new CheckImageStep("", "dev")),
                new Probe(SHORT_DIGEST, "checkImage(image: '" + SHORT_DIGEST + "', environment: 'dev')", new CheckImageStep(SHORT_DIGEST, "dev")),
                new Probe("environment", "verifyImage(image: '" + IMAGE + "')", new VerifyImageStep(IMAGE)),
                new Probe("nowhere", "verifyImage(image: '" + IMAGE + "', environment: 'nowhere')",
                        with(new VerifyImageStep(IMAGE), s -> s.setEnvironment("nowhere"))),
                new Probe("trusts no key", "verifyImage(image: '" + IMAGE + "', environment: 'dev')",
                        with(new VerifyImageStep(IMAGE), s -> s.setEnvironment("dev"))),
                new Probe("'Bad Ref'", "verifyImage(image: 'Bad Ref', environment: 'dev')",
                        with(new VerifyImageStep("Bad Ref"), s -> s.setEnvironment("dev"))));
    }

    private List<Probe> endOfLife() {
        return List.of(
                new Probe(UNKNOWN_DIGEST, "retireImage(image: '" + UNKNOWN_DIGEST + "', reason: 'x')",
                        with(new RetireImageStep(UNKNOWN_DIGEST), s -> s.setReason("x"))),
                new Probe("reason", "retireImage(image: blessed.digest)", new RetireImageStep(blessed)),
                new Probe(SHORT_DIGEST, "retireImage(image: '" + SHORT_DIGEST + "', reason: 'x')",
                        with(new RetireImageStep(SHORT_DIGEST), s -> s.setReason("x"))));
    }
}
