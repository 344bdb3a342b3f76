package io.jenkins.plugins.imagelifecycle.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an in-toto Statement v1 carrying a SLSA Provenance v1 predicate for one built image.
 * Parameters are plain strings chosen by the operation; secrets are never passed in.
 */
public final class SlsaProvenance {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    public static final String BUILD_TYPE_PREFIX = "https://github.com/jenkinsci/image-lifecycle-plugin/buildtypes/";

    private String subjectName;
    private Digest subjectDigest;
    private String buildType;
    private final Map<String, Object> external = new LinkedHashMap<>();
    private final Map<String, Object> internal = new LinkedHashMap<>();
    private final List<ObjectNode> dependencies = new ArrayList<>();
    private String builderId;
    private String invocationId;
    private Instant startedOn;
    private Instant finishedOn;

    public SlsaProvenance subject(String name, Digest digest) {
        this.subjectName = name;
        this.subjectDigest = digest;
        return this;
    }

    /** e.g. {@code bless/v1}: appended to our build type URI. */
    public SlsaProvenance buildType(String operationAndVersion) {
        this.buildType = BUILD_TYPE_PREFIX + operationAndVersion;
        return this;
    }

    public SlsaProvenance external(String key, Object value) {
        if (value != null) {
            external.put(key, value);
        }
        return this;
    }

    public SlsaProvenance internal(String key, Object value) {
        if (value != null) {
            internal.put(key, value);
        }
        return this;
    }

    /** An image this build consumed, by digest (OCI URI form {@code oci://registry/repo}). */
    public SlsaProvenance imageDependency(String name, Digest digest) {
        ObjectNode dep = Json.object().put("uri", "oci://" + name).put("name", name);
        dep.putObject("digest").put(digest.algorithm(), digest.hex());
        dependencies.add(dep);
        return this;
    }

    /** The source the build consumed, as SLSA's {@code git+URL@ref} with a gitCommit digest. */
    public SlsaProvenance sourceDependency(SourceInfo source) {
        if (source.controlled() && source.commit() != null) {
            String url = source.remoteUrl() == null ? "file:unknown" : source.remoteUrl();
            ObjectNode dep = Json.object().put("uri", "git+" + url + (source.branch() == null ? "" : "@refs/heads/" + source.branch()));
            dep.putObject("digest").put("gitCommit", source.commit());
            dep.putObject("annotations").put("dirty", source.dirty());
            dependencies.add(dep);
        }
        return this;
    }

    public SlsaProvenance builder(String id) {
        this.builderId = id;
        return this;
    }

    public SlsaProvenance invocation(String id, Instant started, Instant finished) {
        this.invocationId = id;
        this.startedOn = started;
        this.finishedOn = finished;
        return this;
    }

    public ObjectNode toJson() {
        ObjectNode statement = Json.object();
        statement.put("_type", STATEMENT_TYPE);
        ArrayNode subject = statement.putArray("subject");
        ObjectNode s = subject.addObject().put("name", subjectName);
        s.putObject("digest").put(subjectDigest.algorithm(), subjectDigest.hex());
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", buildType);
        definition.set("externalParameters", Json.MAPPER.valueToTree(external));
        definition.set("internalParameters", Json.MAPPER.valueToTree(internal));
        definition.putArray("resolvedDependencies").addAll(dependencies);
        ObjectNode run = predicate.putObject("runDetails");
        run.putObject("builder").put("id", builderId);
        ObjectNode metadata = run.putObject("metadata");
        metadata.put("invocationId", invocationId);
        metadata.put("startedOn", startedOn.toString());
        metadata.put("finishedOn", finishedOn.toString());
        return statement;
    }
}
