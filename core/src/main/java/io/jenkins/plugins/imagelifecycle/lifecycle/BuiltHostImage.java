package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.HostImageDetails;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.Serializable;

/** One host image a Packer build produced, ready to be recorded. */
public record BuiltHostImage(ImageRecord record, HostImageDetails details, String provenanceFile, TestReport tests)
        implements Serializable {
}
