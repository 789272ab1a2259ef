package io.jetliner.flink.e2e.s3;

import org.apache.flink.table.data.RowData;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Avro files the object-storage tests read, written with Avro's own writer, and the rows in
 * them as text: one line per record, {@code id|name|note|amount}, so that what a job read and what
 * a file holds compare as plain multisets of strings.
 */
final class Events {

    /** An id, a name, a note that may be null and an amount. */
    static final Schema SCHEMA =
            SchemaBuilder.record("Event")
                    .namespace("io.jetliner.e2e")
                    .fields()
                    .requiredLong("id")
                    .requiredString("name")
                    .optionalString("note")
                    .requiredDouble("amount")
                    .endRecord();

    private Events() {}

    /**
     * Writes the events {@code firstId .. firstId + count - 1} to {@code file} with {@code codec},
     * a block each time about {@code blockBytes} are buffered.
     */
    static void write(Path file, String codec, int blockBytes, long firstId, int count)
            throws IOException {
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            writer.setCodec(CodecFactory.fromString(codec));
            writer.setSyncInterval(blockBytes);
            writer.create(SCHEMA, file.toFile());
            for (long id = firstId; id < firstId + count; id++) {
                writer.append(event(id));
            }
        }
    }

    /** The rows of a local Avro file of events, read with Avro's own reader. */
    static List<String> rowsOf(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>(SCHEMA))) {
            for (GenericRecord record : reader) {
                Object note = record.get("note");
                rows.add(
                        row(
                                (Long) record.get("id"),
                                record.get("name").toString(),
                                note == null ? null : note.toString(),
                                (Double) record.get("amount")));
            }
        }
        return rows;
    }

    /** A row of events as the connector produces it: (id, name, note, amount). */
    static String row(RowData row) {
        return row(
                row.getLong(0),
                row.getString(1).toString(),
                row.isNullAt(2) ? null : row.getString(2).toString(),
                row.getDouble(3));
    }

    static String row(long id, String name, String note, double amount) {
        return id + "|" + name + "|" + note + "|" + amount;
    }

    private static GenericRecord event(long id) {
        GenericRecord event = new GenericData.Record(SCHEMA);
        event.put("id", id);
        // names of many lengths, so that blocks and splits end anywhere within a record
        event.put("name", "event-" + Long.toString(id * 0x9E3779B97F4A7C15L >>> (id % 50), 36));
        event.put("note", id % 7 == 0 ? null : "note " + id % 1000);
        event.put("amount", id / 4.0);
        return event;
    }
}
