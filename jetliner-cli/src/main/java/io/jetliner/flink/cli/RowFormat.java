package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.csv.CsvRowDataSerializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How {@code cat} prints rows, one a line: in the encodings of Flink's json and csv formats. */
@Internal
public enum RowFormat {

    /**
     * Flink's json format (ISO-8601 timestamps, plain decimals, base64 bytes, nulls written); see
     * {@link JsonRowEncoder}.
     */
    JSON {
        @Override
        public RowWriter writer(RowType type, OutputStream out) {
            JsonRowEncoder encoder = new JsonRowEncoder(type, out);
            return row -> {
                try {
                    encoder.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
    },

    /**
     * Flink's csv format, after a header line of the column names. Columns of Avro's {@code null}
     * type are empty.
     */
    CSV {
        @Override
        public RowWriter writer(RowType type, OutputStream out) {
            RowType writable = (RowType) withoutNullType(type);
            SerializationSchema<RowData> header = csv(headerType(writable));
            writeLine(header.serialize(headerRow(writable)), out);
            SerializationSchema<RowData> rows = csv(writable);
            long[] written = {0};
            return row -> {
                byte[] line;
                try {
                    line = rows.serialize(row);
                } catch (RuntimeException e) {
                    throw new UserError(
                            "Flink's csv format cannot write row "
                                    + (written[0] + 1)
                                    + " of "
                                    + writable.asSummaryString()
                                    + "; --format json can",
                            e);
                }
                written[0]++;
                writeLine(line, out);
            };
        }
    };

    /** A writer of rows of {@code type} to {@code out}, the header (if any) written. */
    public abstract RowWriter writer(RowType type, OutputStream out);

    /** Writes one row. */
    @FunctionalInterface
    public interface RowWriter {
        void write(RowData row);
    }

    private static SerializationSchema<RowData> csv(RowType type) {
        SerializationSchema<RowData> serializer;
        try {
            serializer = new CsvRowDataSerializationSchema.Builder(type).build();
        } catch (RuntimeException e) {
            throw new UserError(
                    "Flink's csv format cannot write "
                            + type.asSummaryString()
                            + "; --format json can",
                    e);
        }
        try {
            // Its open() only builds the Jackson mapper; it reads nothing of the context.
            serializer.open(null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the csv format", e);
        }
        return serializer;
    }

    private static RowType headerType(RowType type) {
        LogicalType[] names = new LogicalType[type.getFieldCount()];
        Arrays.fill(names, new VarCharType(VarCharType.MAX_LENGTH));
        return RowType.of(names, type.getFieldNames().toArray(new String[0]));
    }

    private static RowData headerRow(RowType type) {
        return GenericRowData.of(
                type.getFieldNames().stream().map(StringData::fromString).toArray());
    }

    /** The type with Avro's {@code null} (Flink's NULL, which the csv format lacks) as STRING. */
    private static LogicalType withoutNullType(LogicalType type) {
        if (type.is(LogicalTypeRoot.NULL)) {
            return new VarCharType(true, VarCharType.MAX_LENGTH);
        }
        if (type instanceof RowType) {
            RowType row = (RowType) type;
            return new RowType(
                    row.isNullable(),
                    row.getFields().stream()
                            .map(
                                    f ->
                                            new RowType.RowField(
                                                    f.getName(), withoutNullType(f.getType())))
                            .collect(Collectors.toList()));
        }
        return type;
    }

    private static void writeLine(byte[] line, OutputStream out) {
        try {
            int length = line.length;
            // Flink's csv format ends each row with a line separator of its own.
            while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
                length--;
            }
            out.write(line, 0, length);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
