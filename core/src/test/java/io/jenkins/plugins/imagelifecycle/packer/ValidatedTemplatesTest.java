package io.jenkins.plugins.imagelifecycle.packer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validation is remembered by everything it read; any change to that validates again; no secret's value is in it. */
class ValidatedTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void theKeyChangesWithTheTemplateVarFilesAndVariableNamesButNotWithValues() throws Exception {
        Path binary = Files.writeString(dir.resolve("packer"), "#!/bin/sh\n");
        Path template = Files.writeString(dir.resolve("host.pkr.hcl"), "source \"docker\" \"x\" {}\n");
        Path varFile = Files.writeString(dir.resolve("vars.pkrvars.hcl"), "size = 1\n");
        ValidatedTemplates validated = new ValidatedTemplates(dir.resolve("cache"));
        String key = validated.key(binary, template, Map.of("tag", "1"), List.of(varFile), Set.of("token"));

        assertThat(validated.key(binary, template, Map.of("tag", "1"), List.of(varFile), Set.of("token"))).isEqualTo(key);
        assertThat(validated.key(binary, template, Map.of("tag", "2"), List.of(varFile), Set.of("token")))
                .as("another value of the same variable: the builds of one template").isEqualTo(key);
        assertThat(validated.key(binary, template, Map.of("label", "1"), List.of(varFile), Set.of("token"))).isNotEqualTo(key);
        assertThat(validated.key(binary, template, Map.of("tag", "1"), List.of(varFile), Set.of("token", "other"))).isNotEqualTo(key);
        assertThat(validated.key(binary, template, Map.of("tag", "1"), List.of(), Set.of("token"))).isNotEqualTo(key);
        Files.writeString(varFile, "size = 2\n");
        assertThat(validated.key(binary, template, Map.of("tag", "1"), List.of(varFile), Set.of("token"))).isNotEqualTo(key);
        Files.writeString(varFile, "size = 1\n");
        Files.writeString(template, "source \"docker\" \"y\" {}\n");
        assertThat(validated.key(binary, template, Map.of("tag", "1"), List.of(varFile), Set.of("token"))).isNotEqualTo(key);
        Files.writeString(template, "source \"docker\" \"x\" {}\n");

        assertThat(validated.validatedBefore(key)).isFalse();
        validated.remember(key);
        assertThat(validated.validatedBefore(key)).isTrue();
        assertThat(Files.size(dir.resolve("cache").resolve(key))).as("a marker: nothing of the inputs written").isZero();
    }

    @Test
    void aTemplateDirectoryIsReadWholeAndTheCacheFollowsXdg() throws Exception {
        Path binary = Files.writeString(dir.resolve("packer"), "#!/bin/sh\n");
        Path template = Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(template.resolve("a.pkr.hcl"), "a\n");
        ValidatedTemplates validated = ValidatedTemplates.of(Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString()));
        String before = validated.key(binary, template, Map.of(), List.of(), Set.of());
        Files.writeString(template.resolve("b.pkr.hcl"), "b\n");
        assertThat(validated.key(binary, template, Map.of(), List.of(), Set.of())).isNotEqualTo(before);
        validated.remember(before);
        assertThat(dir.resolve("xdg/image-lifecycle/packer-validated").resolve(before)).exists();
    }
}
