package io.jetliner.flink.avro.container;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Files written by Avro's own {@link DataFileWriter}, and what Avro's own {@link DataFileReader}
 * reads from them: the reference the container reader is checked against.
 */
final class AvroFiles {

    static final Schema RECORD_SCHEMA =
            SchemaBuilder.record("Event")
                    .namespace("io.jetliner.test")
                    .fields()
                    .requiredLong("id")
                    .requiredBytes("payload")
                    .optionalString("note")
                    .endRecord();

    /** How a test file is written; {@code flushProbability} is the chance of a flush per record. */
    record Spec(
            int records,
            CodecFactory codec,
            int syncInterval,
            double flushProbability,
            byte[] sync,
            Map<String, byte[]> metadata) {

        /** {@code records} records, uncompressed, in blocks of Avro's default size. */
        static Spec of(int records) {
            return new Spec(
                    records, CodecFactory.nullCodec(), 64 << 10, 0, RawContainer.SYNC, Map.of());
        }
    }

    private AvroFiles() {}

    /** Writes {@code spec.records()} random records of {@link #RECORD_SCHEMA}. */
    static byte[] write(Spec spec, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(RECORD_SCHEMA))) {
            writer.setCodec(spec.codec());
            writer.setSyncInterval(spec.syncInterval());
            spec.metadata().forEach(writer::setMeta);
            writer.create(RECORD_SCHEMA, out, spec.sync());
            for (int i = 0; i < spec.records(); i++) {
                writer.append(randomRecord(i, random));
                if (random.nextDouble() < spec.flushProbability()) {
                    writer.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static GenericRecord randomRecord(long id, Random random) {
        GenericRecord record = new GenericData.Record(RECORD_SCHEMA);
        record.put("id", id);
        byte[] payload = new byte[random.nextInt(48)];
        random.nextBytes(payload);
        record.put("payload", ByteBuffer.wrap(payload));
        record.put("note", random.nextBoolean() ? null : "note " + random.nextInt(1000));
        return record;
    }

    /**
     * The blocks Avro's reader finds reading the whole file, as {offset, record count} pairs:
     * {@link DataFileReader#previousSync()} is the start of the block the next record comes from.
     */
    static List<long[]> blocks(byte[] file) {
        List<long[]> blocks = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = open(file)) {
            GenericRecord reuse = null;
            while (reader.hasNext()) {
                long blockStart = reader.previousSync();
                if (blocks.isEmpty() || blocks.get(blocks.size() - 1)[0] != blockStart) {
                    blocks.add(new long[] {blockStart, 0});
                }
                reuse = reader.next(reuse);
                blocks.get(blocks.size() - 1)[1]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    /**
     * How many records Avro's reader reads from {@code [start, end)} with the loop Hadoop's and
     * Flink's Avro input formats use: {@code sync(start)}, then records until {@code
     * pastSync(end)}.
     */
    static long recordsInRange(DataFileReader<GenericRecord> reader, long start, long end)
            throws IOException {
        try {
            reader.sync(start);
        } catch (EOFException e) {
            // Avro's in-memory input refuses to seek to its very end; nothing starts there.
            return 0;
        }
        long records = 0;
        GenericRecord reuse = null;
        while (reader.hasNext() && !reader.pastSync(end)) {
            reuse = reader.next(reuse);
            records++;
        }
        return records;
    }

    static DataFileReader<GenericRecord> open(byte[] file) throws IOException {
        return new DataFileReader<>(
                new SeekableByteArrayInput(file), new GenericDatumReader<GenericRecord>());
    }
}
