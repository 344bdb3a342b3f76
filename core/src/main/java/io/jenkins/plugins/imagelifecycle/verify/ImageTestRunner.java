package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerSettings;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.docker.ImageConfig;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs container-structure-test specs against an image on the real engine: command tests each in a
 * fresh container with a time limit, file tests from one created-but-never-started container's
 * archive (no shell needed), metadata from the image config. Independent tests run in parallel
 * within a limit; every container is removed.
 */
public final class ImageTestRunner {
    public static final int DEFAULT_PARALLELISM = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** What a time limit of 0 means: none, in practice. */
    private static final Duration NO_LIMIT = Duration.ofDays(365);

    private final DockerContainers containers;
    private final int parallelism;
    private final Duration timeout;
    private final Map<String, String> hostEnvironment;
    private final Path workingDirectory;

    /**
     * @param parallelism independent tests run at once, 1 or more
     * @param commandTimeout each command test's time limit; zero means none, as in container-structure-test
     */
    public ImageTestRunner(DockerContainers containers, int parallelism, Duration commandTimeout) {
        this(containers, parallelism, commandTimeout, System.getenv(), Path.of("").toAbsolutePath());
    }

    /**
     * @param hostEnvironment  where {@code containerRunOptions.envVars} names are looked up: this process's
     *                         environment, as CST looks them up in its own
     * @param workingDirectory what a relative {@code containerRunOptions.envFile} is resolved against
     */
    public ImageTestRunner(DockerContainers containers, int parallelism, Duration commandTimeout,
                           Map<String, String> hostEnvironment, Path workingDirectory) {
        checkSettings(parallelism, commandTimeout);
        this.containers = containers;
        this.parallelism = parallelism;
        this.timeout = commandTimeout.isZero() ? NO_LIMIT : commandTimeout;
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.workingDirectory = workingDirectory;
    }

    /** Refuses settings no run can have, before anything is built or run. */
    public static void checkSettings(int parallelism, Duration commandTimeout) {
        if (parallelism < 1) {
            throw new BadInputException("Test parallelism " + parallelism + " is not valid; expected 1 or more tests at once");
        }
        if (commandTimeout.isNegative()) {
            throw new BadInputException("Test timeout " + commandTimeout.toSeconds()
                    + " s is not valid; expected a number of seconds, 0 for no limit");
        }
    }

    public TestReport run(String image, List<SpecFile> specs, PrintStream log) {
        SpecParser.requireTests(specs);
        Instant started = Instant.now();
        List<Callable<TestResult>> tasks = new ArrayList<>();
        FileSystemView files = new FileSystemView(containers, image);
        Supplier<ImageConfig> config = once(() -> containers.config(image));
        for (SpecFile file : specs) {
            if (file.holdsNoTest()) {
                // counted as none, as CST counts it; the run as a whole holds tests, or it was refused
                continue;
            }
            if (!file.valid()) {
                // as CST: a file that does not validate is one failing result, and the other files still run
                tasks.add(() -> TestResult.fail(file.name(), "spec", 0, file.problem()));
                continue;
            }
            TestSpec spec = file.spec();
            SpecContext context = context(spec, config);
            // CST's order within a file: command, file content, file existence, license, metadata
            for (TestSpec.CommandTest t : spec.commandTests()) {
                tasks.add(() -> CommandTestRun.run(containers, image, t, context, timeout));
            }
            for (TestSpec.FileContentTest t : spec.fileContentTests()) {
                tasks.add(() -> FileTestRun.content(files, t));
            }
            for (TestSpec.FileExistenceTest t : spec.fileExistenceTests()) {
                tasks.add(() -> FileTestRun.existence(files, t, context.expansionEnv()));
            }
            for (TestSpec.LicenseTest t : spec.licenseTests()) {
                tasks.add(() -> LicenseTestRun.run(files, t));
            }
            if (spec.metadataTest() != null && !spec.metadataTest().isEmpty()) {
                tasks.add(() -> MetadataTestRun.run(config.get(), spec.metadataTest()));
            }
        }
        log.println("Testing " + image + ": " + tasks.size() + " test(s), up to " + parallelism + " at a time");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tasks.size())));
        List<TestResult> results = new ArrayList<>();
        try {
            List<Future<TestResult>> futures = new ArrayList<>();
            for (Callable<TestResult> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<TestResult> f : futures) {
                TestResult r = get(f);
                log.println((r.passed() ? "PASS " : "FAIL ") + r.name() + " (" + r.durationMillis() + " ms)"
                        + (r.passed() ? "" : ": " + r.message()));
                results.add(r);
            }
        } finally {
            pool.shutdownNow();
            files.close();
        }
        List<TestReport.SpecRef> refs = specs.stream().map(s -> new TestReport.SpecRef(s.name(), s.sha256())).toList();
        TestReport report = new TestReport(image, refs, results, started, Instant.now());
        log.println("Tests of " + image + ": " + report.summary());
        return report;
    }

    /**
     * What CST's driver works out per file: {@code globalEnvVars} expanded against the image's environment
     * (CST commits them into the image, so commands see them and expand them), the run options.
     */
    private SpecContext context(TestSpec spec, Supplier<ImageConfig> config) {
        Map<String, String> imageEnv = spec.globalEnvVars().isEmpty() && !needsExpansion(spec)
                ? Map.of() : MetadataTestRun.environment(config.get());
        Map<String, String> expansion = new LinkedHashMap<>(imageEnv);
        List<String> global = new ArrayList<>();
        for (TestSpec.KeyValue kv : spec.globalEnvVars()) {
            String value = GoExpand.expand(String.valueOf(kv.value()), imageEnv);
            global.add(kv.key() + "=" + value);
            expansion.put(kv.key(), value);
        }
        try {
            return new SpecContext(global, expansion, RunOptionsMapping.settings(spec.containerRunOptions()),
                    RunOptionsMapping.environment(spec.containerRunOptions(), hostEnvironment, workingDirectory), null);
        } catch (IllegalArgumentException e) {
            return new SpecContext(global, expansion, ContainerSettings.DEFAULT, List.of(), e.getMessage());
        }
    }

    /** Whether any command, argument or existence path names a variable: only then is the image inspected for it. */
    private static boolean needsExpansion(TestSpec spec) {
        return spec.commandTests().stream().anyMatch(t -> t.command() != null && t.command().contains("$")
                || t.args().stream().anyMatch(a -> a.contains("$")))
                || spec.fileExistenceTests().stream().anyMatch(t -> t.path() != null && t.path().contains("$"));
    }

    /** The image is inspected on first use only, and once for all the run's tests. */
    private static Supplier<ImageConfig> once(Supplier<ImageConfig> inspect) {
        ImageConfig[] config = new ImageConfig[1];
        return () -> {
            synchronized (config) {
                if (config[0] == null) {
                    config[0] = inspect.get();
                }
                return config[0];
            }
        };
    }

    private static TestResult get(Future<TestResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("image tests interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return TestResult.fail("(runner)", "error", 0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
