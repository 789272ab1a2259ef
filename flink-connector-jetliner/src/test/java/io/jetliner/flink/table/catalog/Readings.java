package io.jetliner.flink.table.catalog;

import org.apache.flink.types.Row;

import org.apache.avro.LogicalTypes;
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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Sensor readings written by Avro's own writer for the catalog tests; every value follows from the
 * reading's id.
 */
final class Readings {

    private static final Schema TIMESTAMP_MILLIS =
            LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

    /** The schema of the first files: no {@code tags}. */
    static final Schema V1 =
            SchemaBuilder.record("Reading")
                    .namespace("io.jetliner.test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("sensor")
                    .optionalDouble("value")
                    .name("at")
                    .type(TIMESTAMP_MILLIS)
                    .noDefault()
                    .endRecord();

    /** The schema of later files: a {@code tags} array added. */
    static final Schema V2 =
            SchemaBuilder.record("Reading")
                    .namespace("io.jetliner.test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("sensor")
                    .optionalDouble("value")
                    .name("at")
                    .type(TIMESTAMP_MILLIS)
                    .noDefault()
                    .name("tags")
                    .type()
                    .array()
                    .items()
                    .stringType()
                    .arrayDefault(List.of())
                    .endRecord();

    /** The columns {@link #V2} maps to, as DESCRIBE prints them: name and type. */
    static final List<List<String>> V2_COLUMNS =
            List.of(
                    List.of("id", "BIGINT NOT NULL"),
                    List.of("sensor", "STRING NOT NULL"),
                    List.of("value", "DOUBLE"),
                    List.of("at", "TIMESTAMP_LTZ(3) NOT NULL"),
                    List.of("tags", "ARRAY<STRING NOT NULL> NOT NULL"));

    private static final long AT_BASE = 1_700_000_000_000L;

    private Readings() {}

    /**
     * Writes readings {@code [firstId, firstId + count)} with {@code schema} to {@code file} (its
     * directories made as needed) and dates the file {@code modifiedSecond} seconds after the epoch
     * of the test, so that which file is newest is the test's choice.
     */
    static Path write(Path file, Schema schema, long firstId, int count, long modifiedSecond) {
        try {
            Files.createDirectories(file.getParent());
            try (DataFileWriter<GenericRecord> writer =
                    new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                writer.setCodec(CodecFactory.snappyCodec());
                writer.create(schema, file.toFile());
                for (long id = firstId; id < firstId + count; id++) {
                    writer.append(reading(schema, id));
                }
            }
            Files.setLastModifiedTime(
                    file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + modifiedSecond)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row {@code SELECT id, sensor, value} reads for a reading. */
    static Row idSensorValue(long id) {
        return Row.of(id, sensor(id), value(id));
    }

    private static GenericRecord reading(Schema schema, long id) {
        GenericRecord reading = new GenericData.Record(schema);
        reading.put("id", id);
        reading.put("sensor", sensor(id));
        reading.put("value", value(id));
        reading.put("at", AT_BASE + id);
        if (schema.getField("tags") != null) {
            reading.put("tags", List.of("tag-" + id % 3));
        }
        return reading;
    }

    private static String sensor(long id) {
        return "sensor-" + id % 4;
    }

    private static Double value(long id) {
        return id % 5 == 0 ? null : id / 4.0;
    }
}
