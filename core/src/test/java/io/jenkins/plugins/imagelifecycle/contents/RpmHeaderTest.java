package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Header blobs as rpm's database stores them; the real database is read in {@code RpmInventoryIT}. */
class RpmHeaderTest {
    @Test
    void decodesTheStringAndIntegerTagsOfAnInventory() {
        RpmHeader h = RpmHeader.decode(header());
        assertThat(h.string(RpmHeader.NAME)).isEqualTo("openssl-libs");
        assertThat(h.string(RpmHeader.VERSION)).isEqualTo("3.0.7");
        assertThat(h.integer(RpmHeader.EPOCH)).isEqualTo(1);
        assertThat(h.string(RpmHeader.LICENSE)).isNull();

        InstalledPackage p = RpmDatabase.toPackage(h, new OsRelease("rhel", "9.4", null));
        assertThat(p.version()).isEqualTo("1:3.0.7-27.el9");
        assertThat(p.sourceName()).isEqualTo("openssl");
        assertThat(p.sourceVersion()).isEqualTo("1:3.0.7-27.el9");
        assertThat(p.purl()).isEqualTo("pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1");
    }

    @Test
    void aBlobWhoseSizesDisagreeWithItsLengthIsRefusedNamingTheSizes() {
        byte[] whole = header();
        assertThatThrownBy(() -> RpmHeader.decode(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in a blob of " + (whole.length - 3) + " bytes");
        assertThatThrownBy(() -> RpmHeader.decode(new byte[5])).hasMessageContaining("shorter than its 8-byte preamble");
    }

    @Test
    void aStringWithoutItsNulIsRefused() {
        byte[] blob = header();
        blob[blob.length - 1] = 'x';
        assertThatThrownBy(() -> RpmHeader.decode(blob)).hasMessageContaining("without its terminating NUL");
    }

    @Test
    void sourceRpmNamesSplitIntoNameAndVersionRelease() {
        assertThat(RpmDatabase.sourceOf("openssl-3.0.7-27.el9.src.rpm")).containsExactly("openssl", "3.0.7-27.el9");
        assertThat(RpmDatabase.sourceOf("python3.11-libs-3.11.7-1.el9.nosrc.rpm")).containsExactly("python3.11-libs", "3.11.7-1.el9");
        assertThat(RpmDatabase.sourceOf("(none)")).isNull();
        assertThat(RpmDatabase.sourceOf(null)).isNull();
    }

    /** NAME, VERSION, RELEASE, EPOCH, ARCH and SOURCERPM, in rpm's layout; the last data byte is SOURCERPM's NUL. */
    private static byte[] header() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer index = ByteBuffer.allocate(6 * 16);
        entry(index, data, RpmHeader.NAME, "openssl-libs");
        entry(index, data, RpmHeader.VERSION, "3.0.7");
        entry(index, data, RpmHeader.RELEASE, "27.el9");
        while (data.size() % 4 != 0) {
            data.write(0); // rpm aligns integers
        }
        index.putInt(RpmHeader.EPOCH).putInt(4).putInt(data.size()).putInt(1);
        data.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
        entry(index, data, RpmHeader.ARCH, "x86_64");
        entry(index, data, RpmHeader.SOURCERPM, "openssl-3.0.7-27.el9.src.rpm");
        byte[] d = data.toByteArray();
        return ByteBuffer.allocate(8 + index.capacity() + d.length).putInt(6).putInt(d.length).put(index.array()).put(d).array();
    }

    private static void entry(ByteBuffer index, ByteArrayOutputStream data, int tag, String value) {
        index.putInt(tag).putInt(6).putInt(data.size()).putInt(1);
        data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        data.write(0);
    }
}
