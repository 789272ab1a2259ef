package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import org.apache.avro.Schema;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The filter of a {@link RecordDecoder}: reads only the fields a {@link RowFilter} needs from a
 * record, skipping the others, into a scratch row of one, and evaluates the filter there. The
 * decoder then decodes the record into its batch only if the filter accepts it. Not thread-safe.
 */
final class RecordFilter {

    private final RecordReader reader;
    private final GrowableVector[] columns;
    private final CompiledFilter condition;

    private RecordFilter(RecordReader reader, GrowableVector[] columns, CompiledFilter condition) {
        this.reader = reader;
        this.columns = columns;
        this.condition = condition;
    }

    /**
     * The filter for records of {@code writerSchema}, read as written or, if {@code readerSchema}
     * is not null, resolved to it; {@code mapped} is the row type of the schema read as. A field
     * missing from it, not primitive, or of a type its literals do not fit is {@code
     * INCOMPATIBLE_SCHEMA}.
     */
    static RecordFilter compile(
            Schema writerSchema, @Nullable Schema readerSchema, RowType mapped, RowFilter filter) {
        try {
            FilterCompiler.validate(filter, mapped);
        } catch (IllegalArgumentException e) {
            throw new JetlinerException(
                    JetlinerException.Kind.INCOMPATIBLE_SCHEMA,
                    "the filter " + filter + " does not apply to the file: " + e.getMessage());
        }
        Set<String> names = filter.fieldNames();
        List<RowField> fields = new ArrayList<>(names.size());
        for (RowField field : mapped.getFields()) {
            if (names.contains(field.getName())) {
                fields.add(field);
            }
        }
        RowType filterType = new RowType(fields);
        RecordReader reader =
                readerSchema == null
                        ? ReaderCompiler.compile(writerSchema, mapped, filterType)
                        : ResolvingCompiler.compile(writerSchema, readerSchema, mapped, filterType);
        return new RecordFilter(
                reader, reader.createFieldVectors(1), FilterCompiler.compile(filter, filterType));
    }

    /** A filter sharing this one's compiled readers and condition, with columns of its own. */
    RecordFilter copy() {
        return new RecordFilter(reader, reader.createFieldVectors(1), condition);
    }

    /**
     * Reads the filter's fields of the record at {@code pos}, returning the position after the
     * record.
     */
    int read(byte[] data, int pos, int limit) {
        for (GrowableVector column : columns) {
            column.reset();
        }
        return reader.readFields(data, pos, limit, columns, 0);
    }

    /** Whether the filter is TRUE for the record read last. */
    boolean accepts() {
        return condition.evaluate(columns, 0) == CompiledFilter.TRUE;
    }
}
