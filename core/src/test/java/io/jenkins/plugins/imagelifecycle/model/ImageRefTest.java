package io.jenkins.plugins.imagelifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageRefTest {
    private static final String HEX = "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
        "busybox, docker.io, library/busybox, latest",
        "busybox:1.36, docker.io, library/busybox, 1.36",
        "acme/app:2, docker.io, acme/app, 2",
        "index.docker.io/acme/app, docker.io, acme/app, latest",
        "localhost/app:1, localhost, app, 1",
        "127.0.0.1:5000/blessed/busybox:1.35, 127.0.0.1:5000, blessed/busybox, 1.35",
        "registry.example.com:443/a/b/c:v1.0-rc_1, registry.example.com:443, a/b/c, v1.0-rc_1",
        "Registry.Example.com/app:1, Registry.Example.com, app, 1",
        "[::1]:5000/app:1, [::1]:5000, app, 1",
        "my__app/x-y.v2:1, docker.io, my__app/x-y.v2, 1",
    })
    void normalisesAsDockerDoes(String given, String registry, String repository, String tag) {
        ImageRef ref = ImageRef.parse(given);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tagOrLatest()).isEqualTo(tag);
    }

    @Test
    void keepsTagAndDigestTogetherAndPrintsCanonically() {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/app:1@sha256:" + HEX);
        assertThat(ref.tag()).contains("1");
        assertThat(ref.digest()).contains(Digest.parse("sha256:" + HEX));
        assertThat(ref).hasToString("127.0.0.1:5000/app:1@sha256:" + HEX);
        assertThat(ImageRef.parse("busybox")).hasToString("docker.io/library/busybox");
        assertThat(ref.withoutDigest()).hasToString("127.0.0.1:5000/app:1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reg.example.com/MyApp:1 | Path component 'MyApp'",
        "reg.example.com//app:1 | empty path component",
        "reg.example.com/app/:1 | empty path component",
        "app@sha256:abc | has 3 hex characters; sha256 needs 64",
        "app@md5:" + "0123456789abcdef0123456789abcdef | algorithm 'md5'",
        "app: | empty tag",
        "app:-bad | Tag '-bad'",
        "'app:1 ; rm -rf /' | whitespace",
        "app$(id) | the character '$'",
        "app`id` | the character '`'",
        "app&x | the character '&'",
        "a_-b | Path component 'a_-b'",
    })
    void refusesBadReferencesNamingTheBadPart(String given, String expected) {
        assertThatThrownBy(() -> ImageRef.parse(given)).isInstanceOf(BadInputException.class).hasMessageContaining(expected);
    }

    @Test
    void refusesTagsOver128CharactersAndEmptyReferences() {
        assertThatThrownBy(() -> ImageRef.parse("app:" + "t".repeat(129)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("129 characters long; at most 128");
        assertThat(ImageRef.parse("app:" + "t".repeat(128)).tagOrLatest()).hasSize(128);
        assertThatThrownBy(() -> ImageRef.parse("")).isInstanceOf(BadInputException.class).hasMessageContaining("empty");
    }
}
