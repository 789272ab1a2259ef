package io.jetliner.flink.benchmarks;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Consumes fields of a decoded {@link IndexedRecord} down to every nested value, with the checksum
 * {@link RowDataChecksum} computes from the same values as Flink rows: numbers and the sizes of
 * arrays and maps are summed, timestamps as milliseconds; strings, enums and bytes are handed to
 * the {@link Blackhole} as Avro made them.
 */
final class GenericRecordChecksum {

    private interface ValueReader {
        long read(Object value, Blackhole sink);
    }

    private final int[] positions;
    private final int[] kinds;
    private final ValueReader[] readers;

    private GenericRecordChecksum(Schema recordSchema, int[] positions) {
        this.positions = positions.clone();
        this.kinds = new int[positions.length];
        this.readers = new ValueReader[positions.length];
        List<Schema.Field> fields = recordSchema.getFields();
        for (int i = 0; i < positions.length; i++) {
            Schema fieldSchema = fields.get(positions[i]).schema();
            kinds[i] = ValueKind.of(nonNull(fieldSchema));
            readers[i] = kinds[i] == ValueKind.OTHER ? reader(fieldSchema) : null;
        }
    }

    /** Consumes every field of records of {@code recordSchema}. */
    static GenericRecordChecksum of(Schema recordSchema) {
        return of(recordSchema, IntStream.range(0, recordSchema.getFields().size()).toArray());
    }

    /** Consumes the fields at {@code positions} of records of {@code recordSchema}. */
    static GenericRecordChecksum of(Schema recordSchema, int[] positions) {
        return new GenericRecordChecksum(recordSchema, positions);
    }

    /**
     * Top-level fields of the common kinds are read in one switch, as {@link RowDataChecksum} reads
     * a row's; a null value adds nothing, as there.
     */
    long sum(IndexedRecord record, Blackhole sink) {
        long sum = 0;
        for (int i = 0; i < positions.length; i++) {
            Object value = record.get(positions[i]);
            if (value == null) {
                continue;
            }
            switch (kinds[i]) {
                case ValueKind.BOOLEAN:
                    sum += (Boolean) value ? 1 : 0;
                    break;
                case ValueKind.INT:
                    sum += (Integer) value;
                    break;
                case ValueKind.LONG:
                    sum += (Long) value;
                    break;
                case ValueKind.FLOAT:
                    sum += Float.floatToRawIntBits((Float) value);
                    break;
                case ValueKind.DOUBLE:
                    sum += Double.doubleToRawLongBits((Double) value);
                    break;
                case ValueKind.STRING:
                case ValueKind.BYTES:
                    sink.consume(value);
                    break;
                default:
                    sum += readers[i].read(value, sink);
            }
        }
        return sum;
    }

    /** The non-null branch of a {@code [null, T]} union, else the schema itself. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION || schema.getTypes().size() != 2) {
            return schema;
        }
        List<Schema> branches = schema.getTypes();
        if (branches.get(0).getType() == Schema.Type.NULL) {
            return branches.get(1);
        }
        return branches.get(1).getType() == Schema.Type.NULL ? branches.get(0) : schema;
    }

    private static ValueReader reader(Schema schema) {
        switch (schema.getType()) {
            case NULL:
                return (value, sink) -> 0;
            case BOOLEAN:
                return (value, sink) -> (Boolean) value ? 1 : 0;
            case INT:
                return (value, sink) -> (Integer) value;
            case LONG:
                long unitsPerMilli = unitsPerMilli(schema.getLogicalType());
                return unitsPerMilli == 1
                        ? (value, sink) -> (Long) value
                        : (value, sink) -> Math.floorDiv((Long) value, unitsPerMilli);
            case FLOAT:
                return (value, sink) -> Float.floatToRawIntBits((Float) value);
            case DOUBLE:
                return (value, sink) -> Double.doubleToRawLongBits((Double) value);
            case STRING:
            case ENUM:
            case BYTES:
            case FIXED:
                return (value, sink) -> {
                    sink.consume(value);
                    return 0;
                };
            case RECORD:
                GenericRecordChecksum nested = of(schema);
                return (value, sink) -> nested.sum((IndexedRecord) value, sink);
            case ARRAY:
                ValueReader element = reader(schema.getElementType());
                return (value, sink) -> {
                    List<?> list = (List<?>) value;
                    int size = list.size();
                    long sum = size;
                    for (int i = 0; i < size; i++) {
                        sum += element.read(list.get(i), sink);
                    }
                    return sum;
                };
            case MAP:
                ValueReader mapValue = reader(schema.getValueType());
                return (value, sink) -> {
                    Map<?, ?> map = (Map<?, ?>) value;
                    long sum = map.size();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        sink.consume(entry.getKey());
                        sum += mapValue.read(entry.getValue(), sink);
                    }
                    return sum;
                };
            case UNION:
                return nullableReader(schema);
            default:
                throw new UnsupportedOperationException("no checksum for " + schema);
        }
    }

    private static ValueReader nullableReader(Schema union) {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2 || !branches.contains(Schema.create(Schema.Type.NULL))) {
            throw new UnsupportedOperationException("only [null, T] unions, not " + union);
        }
        Schema nonNull =
                branches.get(0).getType() == Schema.Type.NULL ? branches.get(1) : branches.get(0);
        ValueReader reader = reader(nonNull);
        return (value, sink) -> value == null ? 0 : reader.read(value, sink);
    }

    /** Flink's timestamps count milliseconds; Avro's may count finer. */
    private static long unitsPerMilli(LogicalType logicalType) {
        if (logicalType instanceof LogicalTypes.TimestampMicros
                || logicalType instanceof LogicalTypes.LocalTimestampMicros) {
            return 1_000;
        }
        if (logicalType instanceof LogicalTypes.TimestampNanos
                || logicalType instanceof LogicalTypes.LocalTimestampNanos) {
            return 1_000_000;
        }
        return 1;
    }
}
