package io.jetliner.flink.datagen;

import org.apache.flink.annotation.PublicEvolving;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Writes generated rows to an Avro object-container file with Avro Java's {@link DataFileWriter},
 * drawing them from a {@link Random} of a fixed seed: the same rows on every machine and in every
 * codec.
 */
@PublicEvolving
public final class SeededAvroWriter {

    /** The seed of every generated file. */
    public static final long SEED = 20_240_601L;

    /** How often, in rows, the progress callback hears of the rows written so far. */
    static final int PROGRESS_INTERVAL = 8192;

    /** Fills one row of a schema from its row number and the shared random sequence. */
    @FunctionalInterface
    public interface RowFiller {
        void fill(GenericData.Record row, long index, Random random);
    }

    private SeededAvroWriter() {}

    /**
     * Writes {@code rows} rows of {@code schema}, each filled by {@code filler}, compressed with
     * {@code codec} (an Avro codec name such as {@code snappy} or {@code zstandard}) to {@code
     * file}. {@code progress} hears the rows written so far now and then, and at the end.
     */
    public static void write(
            Schema schema,
            RowFiller filler,
            String codec,
            long rows,
            Path file,
            LongConsumer progress)
            throws IOException {
        CodecFactory codecFactory = codec(codec);
        Random random = new Random(SEED);
        GenericData.Record row = new GenericData.Record(schema);
        try (OutputStream out = Files.newOutputStream(file);
                DataFileWriter<GenericRecord> writer =
                        new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(schema))) {
            writer.setCodec(codecFactory);
            writer.create(schema, out);
            for (long index = 0; index < rows; index++) {
                filler.fill(row, index, random);
                writer.append(row);
                if ((index + 1) % PROGRESS_INTERVAL == 0) {
                    progress.accept(index + 1);
                }
            }
        }
        progress.accept(rows);
    }

    private static CodecFactory codec(String name) {
        try {
            return CodecFactory.fromString(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "unknown codec '"
                            + name
                            + "': use null, deflate, snappy, zstandard, bzip2 or xz",
                    e);
        }
    }
}
