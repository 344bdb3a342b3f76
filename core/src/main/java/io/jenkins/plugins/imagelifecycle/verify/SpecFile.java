package io.jenkins.plugins.imagelifecycle.verify;

import java.io.Serializable;

/** A parsed spec with the file it came from and that file's sha256, for the record. */
public record SpecFile(String name, String sha256, TestSpec spec) implements Serializable {
}
