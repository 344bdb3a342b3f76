package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tests an image of the catalog, by its recorded digest, and records the run. The test itself
 * ({@link #runOn}) needs only the engine; recording needs only the catalog.
 */
public final class ImageTestOperation {
    private final Catalog catalog;

    public ImageTestOperation(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The image to test, refused when it is unknown or retired. */
    public ImageRecord target(String refOrDigest) {
        ImageRecord image = catalog.require(refOrDigest);
        TestRunRecorder.requireTestable(image);
        return image;
    }

    /** Pulls the image by digest if the engine lacks it, and runs the specs against it. */
    public static TestReport runOn(DockerEngine engine, ImageRecord image, List<SpecFile> specs, ImageTestRunner runner,
                                   Function<String, Optional<RegistryCredentials>> credentials, PrintStream log) {
        SpecParser.requireTests(specs);
        ImageRef pinned = ImageRef.parse(image.repository() + "@" + image.digest());
        engine.pullIfMissing(pinned, credentials.apply(pinned.registry()).orElse(null), log);
        return runner.run(pinned.toString(), specs, log);
    }

    public static ImageTestRunner runner(DockerEngine engine, int parallelism, java.time.Duration timeout) {
        return new ImageTestRunner(new DockerContainers(engine), parallelism, timeout);
    }

    public void record(ImageRecord image, TestReport report, String actor) {
        new TestRunRecorder(catalog).record(image, report, actor);
    }
}
