package io.jetliner.flink.benchmarks;

import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The table connectors {@link SqlBenchmark} compares, each declaring a table over one Avro file
 * with the columns its own type mapping gives the file's schema.
 */
public enum SqlConnector {

    /** {@code 'connector' = 'jetliner'}, cutting the file into splits of {@code splitSize}. */
    JETLINER("Jetliner") {
        @Override
        RowType rowType(Schema schema) {
            return AvroTypes.toRowType(schema);
        }

        @Override
        String options(Path file, long splitSize) {
            return String.format(
                    "'connector' = 'jetliner', 'path' = '%s', 'split-size' = '%d b'",
                    file.toUri(), splitSize);
        }
    },

    /**
     * {@code 'connector' = 'filesystem', 'format' = 'avro'}: Flink's own reader (one split per
     * local file, so {@code splitSize} does not apply), with the column types Flink's avro format
     * derives from the schema ({@code timestamp-millis} as {@code TIMESTAMP(3)}).
     */
    FLINK_AVRO("Flink avro") {
        @Override
        RowType rowType(Schema schema) {
            return (RowType)
                    AvroSchemaConverter.convertToDataType(schema.toString()).getLogicalType();
        }

        @Override
        String options(Path file, long splitSize) {
            return String.format(
                    "'connector' = 'filesystem', 'format' = 'avro', 'path' = '%s'", file.toUri());
        }
    };

    private final String label;

    SqlConnector(String label) {
        this.label = label;
    }

    /** The name of the connector in reports. */
    public String label() {
        return label;
    }

    /** {@code CREATE TABLE name (...) WITH (...)} over {@code file}. */
    public String createTable(String name, Schema schema, Path file, long splitSize) {
        return String.format(
                "CREATE TABLE %s (%s) WITH (%s)",
                name, columns(rowType(schema)), options(file, splitSize));
    }

    /** {@code CREATE TABLE name (...)} of the same columns, discarding what it is given. */
    public String createBlackhole(String name, Schema schema) {
        return String.format(
                "CREATE TABLE %s (%s) WITH ('connector' = 'blackhole')",
                name, columns(rowType(schema)));
    }

    abstract RowType rowType(Schema schema);

    abstract String options(Path file, long splitSize);

    private static String columns(RowType type) {
        return type.getFields().stream()
                .map(field -> "`" + field.getName() + "` " + field.getType().asSerializableString())
                .collect(Collectors.joining(", "));
    }
}
