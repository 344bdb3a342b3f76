package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.docker.ImageConfig;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /**
     * @param parallelism independent tests run at once, 1 or more
     * @param commandTimeout each command test's time limit; zero means none, as in container-structure-test
     */
    public ImageTestRunner(DockerContainers containers, int parallelism, Duration commandTimeout) {
        checkSettings(parallelism, commandTimeout);
        this.containers = containers;
        this.parallelism = parallelism;
        this.timeout = commandTimeout.isZero() ? NO_LIMIT : commandTimeout;
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
        ImageConfig[] config = new ImageConfig[1];
        for (SpecFile file : specs) {
            TestSpec spec = file.spec();
            for (TestSpec.CommandTest t : spec.commandTests()) {
                tasks.add(() -> CommandTestRun.run(containers, image, t, spec.globalEnvVars(), timeout));
            }
            for (TestSpec.FileExistenceTest t : spec.fileExistenceTests()) {
                tasks.add(() -> FileTestRun.existence(files, t));
            }
            for (TestSpec.FileContentTest t : spec.fileContentTests()) {
                tasks.add(() -> FileTestRun.content(files, t));
            }
            if (spec.metadataTest() != null && !spec.metadataTest().isEmpty()) {
                tasks.add(() -> {
                    synchronized (config) {
                        if (config[0] == null) {
                            config[0] = containers.config(image);
                        }
                    }
                    return MetadataTestRun.run(config[0], spec.metadataTest());
                });
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
