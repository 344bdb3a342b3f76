package io.jenkins.plugins.imagelifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {
    @Test
    void hashesContentAndParsesItsOwnForm() {
        Digest d = Digest.sha256("hello");
        assertThat(d).hasToString("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(Digest.parse(d.toString())).isEqualTo(d);
        assertThat(d.shortHex()).isEqualTo("2cf24dba5fb0");
    }

    @Test
    void refusesUpperCaseWrongLengthAndUnknownAlgorithms() {
        assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64))).hasMessageContaining("lower-case hex");
        assertThatThrownBy(() -> Digest.parse("sha256:abcd")).hasMessageContaining("has 4 hex characters; sha256 needs 64");
        assertThatThrownBy(() -> Digest.parse("crc32:abcd")).hasMessageContaining("algorithm 'crc32'");
        assertThatThrownBy(() -> Digest.parse("abcd")).hasMessageContaining("no algorithm");
        assertThat(Digest.isDigest("sha256:" + "0".repeat(64))).isTrue();
    }
}
