package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.csv.CsvRowDataSerializationSchema;
import org.apache.flink.formats.json.JsonFormatOptions;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * How {@code cat} prints rows: exactly as Flink's {@code json} and {@code csv} formats write them
 * (so {@code cat} and {@code convert} agree), one row a line.
 */
@Internal
public enum RowFormat {

    /**
     * Flink's json format: one JSON object a line, timestamps in ISO-8601, decimals as plain
     * numbers, bytes in base64, nulls written.
     */
    JSON {
        @Override
        SerializationSchema<RowData> serializer(RowType type) {
            return new JsonRowDataSerializationSchema(
                    type,
                    TimestampFormat.ISO_8601,
                    JsonFormatOptions.MapNullKeyMode.FAIL,
                    "null",
                    true,
                    false);
        }

        @Override
        void writeHeader(RowType type, OutputStream out) {}
    },

    /** Flink's csv format, after a header line of the column names. */
    CSV {
        @Override
        SerializationSchema<RowData> serializer(RowType type) {
            return new CsvRowDataSerializationSchema.Builder(type).build();
        }

        @Override
        void writeHeader(RowType type, OutputStream out) throws IOException {
            RowType header =
                    RowType.of(
                            type.getFieldNames().stream()
                                    .map(name -> new VarCharType())
                                    .toArray(LogicalType[]::new),
                            type.getFieldNames().toArray(new String[0]));
            SerializationSchema<RowData> names = serializer(header);
            open(names);
            Object[] values = type.getFieldNames().stream().map(StringData::fromString).toArray();
            writeLine(names.serialize(GenericRowData.of(values)), out);
        }
    };

    abstract SerializationSchema<RowData> serializer(RowType type);

    abstract void writeHeader(RowType type, OutputStream out) throws IOException;

    /** A writer of rows of {@code type} to {@code out}, the header (if any) written. */
    public RowWriter writer(RowType type, OutputStream out) {
        SerializationSchema<RowData> serializer = serializer(type);
        open(serializer);
        try {
            writeHeader(type, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row -> writeLine(serializer.serialize(row), out);
    }

    private static void open(SerializationSchema<RowData> serializer) {
        try {
            // Neither format's open() reads its context: it only builds the Jackson mapper.
            serializer.open(null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + serializer, e);
        }
    }

    private static void writeLine(byte[] line, OutputStream out) {
        try {
            int length = line.length;
            // Flink's csv format ends each row with a line separator; json does not.
            while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
                length--;
            }
            out.write(line, 0, length);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row. */
    @FunctionalInterface
    public interface RowWriter {
        void write(RowData row);
    }
}
