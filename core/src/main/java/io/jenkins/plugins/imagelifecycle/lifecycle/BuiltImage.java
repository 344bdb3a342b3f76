package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.Serializable;

/**
 * What a successful build returns to whoever records it (the controller, in Jenkins).
 *
 * @param record         the catalog record to write
 * @param pushedRef      the tag that was pushed
 * @param provenanceFile absolute path of the provenance JSON written beside the build output
 * @param imageId        the local image id on the engine that built it
 * @param tests          the image tests run before the push, or null when none were given
 * @param junitFile      where their JUnit XML was written, or null
 */
public record BuiltImage(ImageRecord record, String pushedRef, String provenanceFile, String imageId,
                         TestReport tests, String junitFile) implements Serializable {
}
