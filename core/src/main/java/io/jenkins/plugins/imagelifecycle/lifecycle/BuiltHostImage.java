package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.HostImageDetails;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.Serializable;

/**
 * One host image a Packer build produced, ready to be recorded, with its contents as read on the machine
 * that built it (a Docker-builder artifact from the engine; other artifacts are not readable).
 */
public record BuiltHostImage(ImageRecord record, HostImageDetails details, String provenanceFile, TestReport tests,
                             ImageContentsOperation.Reading contents)
        implements Serializable {
}
