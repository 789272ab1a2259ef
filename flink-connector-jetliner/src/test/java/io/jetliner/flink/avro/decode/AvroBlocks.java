package io.jetliner.flink.avro.decode;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Writes the payload of one decompressed block with Avro's own Java encoder. */
final class AvroBlocks {

    private AvroBlocks() {}

    /** The records written one after the other, as a block holds them. */
    static byte[] encode(Schema schema, Object... records) {
        return write(out -> EncoderFactory.get().binaryEncoder(out, null), schema, records);
    }

    /**
     * The records written by Avro's blocking encoder, which writes the item count of every array
     * and map block as a negative number followed by the block's size in bytes.
     */
    static byte[] encodeBlocking(Schema schema, Object... records) {
        return write(out -> EncoderFactory.get().blockingBinaryEncoder(out, null), schema, records);
    }

    /** Bytes written directly with the encoder's primitives, for what Avro would not write. */
    static byte[] raw(Consumer<RawEncoder> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.accept(new RawEncoder(encoder));
        return out.toByteArray();
    }

    static GenericRecord record(Schema schema, Object... fieldValues) {
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < fieldValues.length; i++) {
            record.put(i, fieldValues[i]);
        }
        return record;
    }

    static ByteBuffer bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(bytes);
    }

    static GenericData.Fixed fixed(Schema schema, byte[] bytes) {
        return new GenericData.Fixed(schema, bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private interface EncoderFactoryMethod {
        BinaryEncoder create(ByteArrayOutputStream out);
    }

    private static byte[] write(EncoderFactoryMethod factory, Schema schema, Object... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = factory.create(out);
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
        try {
            for (Object record : records) {
                writer.write(record, encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Avro's binary primitives without a schema, and without IOException. */
    static final class RawEncoder {
        private final BinaryEncoder encoder;

        RawEncoder(BinaryEncoder encoder) {
            this.encoder = encoder;
        }

        RawEncoder writeLong(long value) {
            try {
                encoder.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        RawEncoder writeString(String value) {
            try {
                encoder.writeString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        RawEncoder writeBytes(byte... value) {
            try {
                encoder.writeFixed(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
