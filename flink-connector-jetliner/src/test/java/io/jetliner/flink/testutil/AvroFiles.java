package io.jetliner.flink.testutil;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Avro object-container files in memory, written and read by Avro Java itself. */
public final class AvroFiles {

    /** Every codec the Avro specification and Avro Java know, by their header name. */
    public static final List<String> CODECS =
            List.of("null", "deflate", "snappy", "zstandard", "bzip2", "xz");

    private AvroFiles() {}

    /**
     * Avro Java's codec of that header name, at a random level where it has levels (xz only at the
     * fast levels 0 to 2, whose small dictionaries keep many small files cheap).
     */
    public static CodecFactory codec(String name, Random random) {
        switch (name) {
            case "null":
                return CodecFactory.nullCodec();
            case "deflate":
                return CodecFactory.deflateCodec(1 + random.nextInt(9));
            case "snappy":
                return CodecFactory.snappyCodec();
            case "zstandard":
                return CodecFactory.zstandardCodec(1 + random.nextInt(6), random.nextBoolean());
            case "bzip2":
                return CodecFactory.bzip2Codec();
            case "xz":
                return CodecFactory.xzCodec(random.nextInt(3));
            default:
                throw new IllegalArgumentException("no such codec: " + name);
        }
    }

    /**
     * The bytes of a container file holding {@code data}, written by Avro's {@code DataFileWriter}
     * with raw values (no logical-type conversions).
     */
    public static byte[] write(
            Schema schema,
            List<?> data,
            CodecFactory codec,
            int syncInterval,
            Map<String, byte[]> metadata) {
        GenericData rawValues = new GenericData();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataFileWriter<Object> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(schema, rawValues))) {
            writer.setCodec(codec);
            writer.setSyncInterval(syncInterval);
            metadata.forEach(writer::setMeta);
            writer.create(schema, bytes);
            for (Object datum : data) {
                writer.append(datum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Every datum of a container file, as Avro's own reader decodes it (raw values). */
    public static List<Object> read(byte[] file) {
        List<Object> data = new ArrayList<>();
        try (DataFileReader<Object> reader =
                new DataFileReader<>(
                        new SeekableByteArrayInput(file),
                        new GenericDatumReader<>(null, null, new GenericData()))) {
            for (Object datum : reader) {
                data.add(datum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return data;
    }
}
