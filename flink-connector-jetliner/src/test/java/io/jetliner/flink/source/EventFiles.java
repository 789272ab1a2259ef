package io.jetliner.flink.source;

import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The events the source's tests read, and Avro files of them written as a job expects to find
 * files: complete under a hidden name, then renamed into place.
 *
 * <p>An event's values follow from its id, so a test can check what it read against what was
 * written from the ids alone.
 */
public final class EventFiles {

    /** An id, a name, a note that may be null and an amount. */
    public static final Schema SCHEMA =
            SchemaBuilder.record("Event")
                    .namespace("io.jetliner.test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("name")
                    .optionalString("note")
                    .requiredDouble("amount")
                    .endRecord();

    /** {@link #SCHEMA} as Flink rows, by the type mapping. */
    public static final RowType ROW_TYPE =
            RowType.of(
                    new LogicalType[] {
                        new BigIntType(false),
                        new VarCharType(false, VarCharType.MAX_LENGTH),
                        new VarCharType(true, VarCharType.MAX_LENGTH),
                        new DoubleType(false)
                    },
                    new String[] {"id", "name", "note", "amount"});

    private EventFiles() {}

    /** The event with this id: names of several lengths, every fifth note null. */
    public static GenericRecord event(long id) {
        GenericRecord event = new GenericData.Record(SCHEMA);
        event.put("id", id);
        event.put("name", name(id));
        event.put("note", note(id));
        event.put("amount", amount(id));
        return event;
    }

    public static String name(long id) {
        return "n" + Long.toString(id * 0x9E3779B97F4A7C15L >>> (id % 40), 36);
    }

    public static String note(long id) {
        return id % 5 == 0 ? null : "note " + id % 1000;
    }

    public static double amount(long id) {
        return id / 8.0;
    }

    /**
     * A checksum of one event's values, to be summed over many events: any value read wrong, or any
     * event lost or read twice, changes the sum.
     */
    public static long checksum(long id, String name, String note, double amount) {
        long h = id * 0x9E3779B97F4A7C15L;
        h = 31 * h + name.hashCode();
        h = 31 * h + (note == null ? 0x7F4A7C15 : note.hashCode());
        h = 31 * h + Double.hashCode(amount);
        return h ^ (h >>> 29);
    }

    /** The checksum of the event with this id as {@link #event} makes it. */
    public static long checksum(long id) {
        return checksum(id, name(id), note(id), amount(id));
    }

    /**
     * Writes the events with ids 0, 1, 2, ... to {@code file} in blocks of exactly {@code
     * recordsPerBlock} records each, with Avro's own writer, and returns the file offset of each
     * block.
     */
    public static long[] writeBlocks(Path file, CodecFactory codec, int... recordsPerBlock) {
        long[] offsets = new long[recordsPerBlock.length];
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            writer.setCodec(codec);
            // no block ends but where sync() ends it
            writer.setSyncInterval(1 << 20);
            writer.create(SCHEMA, file.toFile());
            long id = 0;
            long offset = writer.sync();
            for (int block = 0; block < recordsPerBlock.length; block++) {
                offsets[block] = offset;
                for (int i = 0; i < recordsPerBlock[block]; i++) {
                    writer.append(event(id++));
                }
                offset = writer.sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return offsets;
    }

    /**
     * Writes {@code records} to {@code file} with Avro's own writer: first under a hidden name in
     * the same directory, then renamed, so that a source watching the directory never sees it
     * incomplete.
     */
    public static Path write(
            Path file,
            Schema schema,
            CodecFactory codec,
            int syncInterval,
            Iterable<? extends GenericRecord> records) {
        Path hidden = file.resolveSibling("." + file.getFileName() + ".inprogress");
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.setCodec(codec);
            writer.setSyncInterval(syncInterval);
            writer.create(schema, hidden.toFile());
            for (GenericRecord record : records) {
                writer.append(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.move(hidden, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
