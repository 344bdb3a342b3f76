package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** What a front end reports of the build (the CLI's --json, the steps' return value), in a fresh mutable map. */
    public Map<String, Object> summary() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ref", pushedRef);
        map.put("digest", record.digest());
        map.put("pinned", record.repository() + "@" + record.digest());
        map.put("role", record.role().id());
        map.put("parent", record.parentDigest());
        map.put("base", record.baseRef());
        map.put("baseDigest", record.baseDigest());
        map.put("stage", record.stage().id());
        map.put("provenanceFile", provenanceFile);
        if (tests != null) {
            map.put("tests", tests.passed() ? "PASSED" : "FAILED");
            map.put("testsSummary", tests.summary());
            map.put("junitFile", junitFile);
        }
        return map;
    }
}
