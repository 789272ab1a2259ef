package io.jetliner.flink.avro.container;

import org.apache.avro.file.DataFileConstants;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds container file bytes by hand, field by field, for the files a well-behaved writer never
 * produces: missing keys, zero-record blocks, lying sizes, wrong markers. Varints are written with
 * Avro's own encoder, so the reader under test is checked against Avro's encoding, not its own.
 */
final class RawContainer {

    static final byte[] SYNC = {
        (byte) 0xc3,
        0x01,
        0x7e,
        0x55,
        (byte) 0x80,
        0x00,
        0x13,
        (byte) 0xff,
        0x42,
        0x42,
        0x10,
        (byte) 0x9a,
        0x07,
        0x6e,
        0x21,
        (byte) 0xd4
    };

    static final String LONG_SCHEMA = "\"long\"";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);

    /** A header with {@code metadata} as one map block, then {@link #SYNC}. */
    static RawContainer withHeader(Map<String, byte[]> metadata) {
        RawContainer container = new RawContainer().magic().varint(metadata.size());
        metadata.forEach((key, value) -> container.string(key).bytes(value));
        if (!metadata.isEmpty()) {
            container.varint(0);
        }
        return container.raw(SYNC);
    }

    /** A header with a schema of one long and no codec key. */
    static RawContainer withLongSchema() {
        return withHeader(Map.of(DataFileConstants.SCHEMA, utf8(LONG_SCHEMA)));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    RawContainer magic() {
        return raw(DataFileConstants.MAGIC);
    }

    /** A well-formed block: its count, its size, its payload and {@link #SYNC}. */
    RawContainer block(long recordCount, byte[] payload) {
        return varint(recordCount).bytes(payload).raw(SYNC);
    }

    /** A block of {@code recordCount} longs, each its own index, encoded by Avro. */
    RawContainer longBlock(int recordCount) {
        RawContainer payload = new RawContainer();
        for (int i = 0; i < recordCount; i++) {
            payload.varint(i);
        }
        return block(recordCount, payload.toByteArray());
    }

    RawContainer varint(long value) {
        try {
            encoder.writeLong(value);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RawContainer bytes(byte[] value) {
        return varint(value.length).raw(value);
    }

    RawContainer string(String value) {
        return bytes(utf8(value));
    }

    RawContainer raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** The offset the next byte will be written at. */
    long size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
