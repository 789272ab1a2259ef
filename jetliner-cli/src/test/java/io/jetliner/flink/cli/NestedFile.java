package io.jetliner.flink.cli;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small file of nested records: {@code id}, a nullable record {@code address} of {@code city} and
 * {@code zip}, an array {@code tags} and a map {@code scores}. Row {@code i} has id {@code i}, city
 * {@code "city-" + i}, zip {@code 10000 + i}, and no address when {@code i} is a multiple of three.
 */
final class NestedFile {

    static final Schema ADDRESS =
            SchemaBuilder.record("Address")
                    .fields()
                    .requiredString("city")
                    .requiredInt("zip")
                    .endRecord();

    static final Schema SCHEMA =
            SchemaBuilder.record("Customer")
                    .namespace("test")
                    .fields()
                    .requiredLong("id")
                    .name("address")
                    .type()
                    .unionOf()
                    .nullType()
                    .and()
                    .type(ADDRESS)
                    .endUnion()
                    .nullDefault()
                    .name("tags")
                    .type()
                    .array()
                    .items()
                    .stringType()
                    .noDefault()
                    .name("scores")
                    .type()
                    .map()
                    .values()
                    .doubleType()
                    .noDefault()
                    .endRecord();

    private NestedFile() {}

    static Path write(Path file, int rows) throws IOException {
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(SCHEMA, file.toFile());
            for (int i = 0; i < rows; i++) {
                GenericData.Record row = new GenericData.Record(SCHEMA);
                row.put("id", (long) i);
                if (i % 3 != 0) {
                    GenericData.Record address = new GenericData.Record(ADDRESS);
                    address.put("city", "city-" + i);
                    address.put("zip", 10_000 + i);
                    row.put("address", address);
                }
                row.put("tags", List.of("t" + i));
                row.put("scores", Map.of("s", i * 0.5));
                writer.append(row);
            }
        }
        return file;
    }
}
