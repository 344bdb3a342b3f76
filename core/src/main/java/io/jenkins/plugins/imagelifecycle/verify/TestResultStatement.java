package io.jenkins.plugins.imagelifecycle.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.support.Json;

/**
 * The in-toto Statement v1 with the test-result predicate
 * ({@code https://in-toto.io/attestation/test-result/v0.1}) whose subject is the tested image.
 */
public final class TestResultStatement {
    public static final String PREDICATE_TYPE = "https://in-toto.io/attestation/test-result/v0.1";

    private TestResultStatement() {
    }

    public static ObjectNode of(String imageName, Digest digest, TestReport report) {
        ObjectNode statement = Json.object();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject().put("name", imageName);
        subject.putObject("digest").put(digest.algorithm(), digest.hex());
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.put("result", report.passed() ? "PASSED" : "FAILED");
        ArrayNode configuration = predicate.putArray("configuration");
        for (TestReport.SpecRef spec : report.specs()) {
            ObjectNode c = configuration.addObject().put("name", spec.name());
            c.putObject("digest").put("sha256", spec.sha256());
        }
        ArrayNode passed = predicate.putArray("passedTests");
        ArrayNode warned = predicate.putArray("warnedTests");
        ArrayNode failed = predicate.putArray("failedTests");
        report.results().forEach(r -> (r.passed() ? passed : failed).add(r.name()));
        warned.removeAll();
        return statement;
    }
}
