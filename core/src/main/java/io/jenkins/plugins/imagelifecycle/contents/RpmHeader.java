package io.jenkins.plugins.imagelifecycle.contents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One package's header as rpm stores it in its database: a count of index entries and of data bytes
 * (big-endian), the index (tag, type, offset, count: 16 bytes each), then the data. Only the string and
 * 32-bit integer tags an inventory needs are decoded; the signature region and file lists are skipped.
 */
final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    /** rpm's own limits (header.c): more would be a damaged or hostile blob. */
    private static final int MAX_INDEX = 0xffff;
    private static final int MAX_DATA = 256 * 1024 * 1024;

    private final Map<Integer, Object> values;

    private RpmHeader(Map<Integer, Object> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException naming what is wrong when the blob is not a header */
    static RpmHeader decode(byte[] blob) {
        if (blob.length < 8) {
            throw new IllegalArgumentException("a header of " + blob.length + " bytes, shorter than its 8-byte preamble");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int indexCount = b.getInt();
        int dataLength = b.getInt();
        if (indexCount < 1 || indexCount > MAX_INDEX || dataLength < 0 || dataLength > MAX_DATA
                || 8L + 16L * indexCount + dataLength != blob.length) {
            throw new IllegalArgumentException("a header declaring " + indexCount + " entries and " + dataLength
                    + " data bytes in a blob of " + blob.length + " bytes");
        }
        int dataStart = 8 + 16 * indexCount;
        Map<Integer, Object> values = new HashMap<>();
        for (int i = 0; i < indexCount; i++) {
            int tag = b.getInt();
            int type = b.getInt();
            int offset = b.getInt();
            int count = b.getInt();
            if (!wanted(tag)) {
                continue;
            }
            if (offset < 0 || offset >= dataLength) {
                throw new IllegalArgumentException("tag " + tag + " at offset " + offset + " outside the " + dataLength + " data bytes");
            }
            int at = dataStart + offset;
            if (type == TYPE_INT32 && count >= 1) {
                if (at + 4 > blob.length) {
                    throw new IllegalArgumentException("tag " + tag + " runs past the end of the header");
                }
                values.put(tag, ByteBuffer.wrap(blob, at, 4).getInt());
            } else if (type == TYPE_STRING || type == TYPE_STRING_ARRAY || type == TYPE_I18NSTRING) {
                values.put(tag, string(blob, at, tag)); // the first string: the untranslated one
            }
        }
        return new RpmHeader(values);
    }

    private static boolean wanted(int tag) {
        return tag == NAME || tag == VERSION || tag == RELEASE || tag == EPOCH || tag == LICENSE || tag == ARCH
                || tag == SOURCERPM;
    }

    private static String string(byte[] blob, int at, int tag) {
        int end = at;
        while (end < blob.length && blob[end] != 0) {
            end++;
        }
        if (end == blob.length) {
            throw new IllegalArgumentException("tag " + tag + " is a string without its terminating NUL");
        }
        return new String(blob, at, end - at, StandardCharsets.UTF_8);
    }

    String string(int tag) {
        return values.get(tag) instanceof String s ? s : null;
    }

    Integer integer(int tag) {
        return values.get(tag) instanceof Integer n ? n : null;
    }
}
