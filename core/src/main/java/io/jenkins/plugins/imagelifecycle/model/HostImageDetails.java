package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** What Packer reported of one host image, and the template that made it. Variables hold no secret. */
public record HostImageDetails(String digest, String buildName, String builderId, String artifactId, String artifactString,
                               List<String> files, String templatePath, String templateSha256, String packerVersion,
                               Map<String, String> variables, String sourceImage, String sourceKind) implements Serializable {
}
