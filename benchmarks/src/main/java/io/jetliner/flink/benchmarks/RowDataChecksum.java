package io.jetliner.flink.benchmarks;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import org.openjdk.jmh.infra.Blackhole;

import java.util.stream.IntStream;

/**
 * Consumes fields of a {@link RowData} the way a Flink operator reads them, through the typed
 * getters, down to every nested value. Numbers (and the sizes of arrays and maps) are summed into a
 * checksum that {@link GenericRecordChecksum} computes equally from a {@code GenericRecord};
 * strings and bytes are handed to the {@link Blackhole} as they are, never converted.
 */
final class RowDataChecksum {

    private interface FieldReader {
        long read(RowData row, int position, Blackhole sink);
    }

    private interface ElementReader {
        long read(ArrayData array, int index, Blackhole sink);
    }

    private final int[] positions;
    private final int[] kinds;
    private final boolean[] nullable;
    private final FieldReader[] readers;

    private RowDataChecksum(RowType type, int[] positions) {
        this.positions = positions.clone();
        this.kinds = new int[positions.length];
        this.nullable = new boolean[positions.length];
        this.readers = new FieldReader[positions.length];
        for (int i = 0; i < positions.length; i++) {
            LogicalType fieldType = type.getTypeAt(positions[i]);
            kinds[i] = ValueKind.of(fieldType);
            nullable[i] = fieldType.isNullable();
            readers[i] = kinds[i] == ValueKind.OTHER ? nonNullFieldReader(fieldType) : null;
        }
    }

    /** Consumes every field of rows of {@code type}. */
    static RowDataChecksum of(RowType type) {
        return of(type, IntStream.range(0, type.getFieldCount()).toArray());
    }

    /** Consumes the fields at {@code positions} of rows of {@code type}. */
    static RowDataChecksum of(RowType type, int[] positions) {
        return new RowDataChecksum(type, positions);
    }

    /**
     * Top-level fields of the common kinds are read in one switch, as generated code would read
     * them, so that the read-back costs what reading the values costs rather than a chain of calls
     * through lambdas; {@link GenericRecordChecksum} reads a record's fields the same way.
     */
    long sum(RowData row, Blackhole sink) {
        long sum = 0;
        for (int i = 0; i < positions.length; i++) {
            int position = positions[i];
            if (nullable[i] && row.isNullAt(position)) {
                continue;
            }
            switch (kinds[i]) {
                case ValueKind.BOOLEAN:
                    sum += row.getBoolean(position) ? 1 : 0;
                    break;
                case ValueKind.INT:
                    sum += row.getInt(position);
                    break;
                case ValueKind.LONG:
                    sum += row.getLong(position);
                    break;
                case ValueKind.FLOAT:
                    sum += Float.floatToRawIntBits(row.getFloat(position));
                    break;
                case ValueKind.DOUBLE:
                    sum += Double.doubleToRawLongBits(row.getDouble(position));
                    break;
                case ValueKind.STRING:
                    sink.consume(row.getString(position));
                    break;
                case ValueKind.BYTES:
                    sink.consume(row.getBinary(position));
                    break;
                default:
                    sum += readers[i].read(row, position, sink);
            }
        }
        return sum;
    }

    private static FieldReader fieldReader(LogicalType type) {
        FieldReader reader = nonNullFieldReader(type);
        if (!type.isNullable()) {
            return reader;
        }
        return (row, position, sink) ->
                row.isNullAt(position) ? 0 : reader.read(row, position, sink);
    }

    private static FieldReader nonNullFieldReader(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (row, position, sink) -> row.getBoolean(position) ? 1 : 0;
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
                return (row, position, sink) -> row.getInt(position);
            case BIGINT:
                return (row, position, sink) -> row.getLong(position);
            case FLOAT:
                return (row, position, sink) -> Float.floatToRawIntBits(row.getFloat(position));
            case DOUBLE:
                return (row, position, sink) -> Double.doubleToRawLongBits(row.getDouble(position));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int timestampPrecision = LogicalTypeChecks.getPrecision(type);
                return (row, position, sink) ->
                        row.getTimestamp(position, timestampPrecision).getMillisecond();
            case CHAR:
            case VARCHAR:
                return (row, position, sink) -> {
                    sink.consume(row.getString(position));
                    return 0;
                };
            case BINARY:
            case VARBINARY:
                return (row, position, sink) -> {
                    sink.consume(row.getBinary(position));
                    return 0;
                };
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return (row, position, sink) -> {
                    sink.consume(
                            row.getDecimal(position, decimal.getPrecision(), decimal.getScale()));
                    return 0;
                };
            case ROW:
                RowType rowType = (RowType) type;
                RowDataChecksum nested = of(rowType);
                int arity = rowType.getFieldCount();
                return (row, position, sink) -> nested.sum(row.getRow(position, arity), sink);
            case ARRAY:
                ElementReader element = elementReader(((ArrayType) type).getElementType());
                return (row, position, sink) -> {
                    ArrayData array = row.getArray(position);
                    return array.size() + sumElements(array, element, sink);
                };
            case MAP:
                MapType mapType = (MapType) type;
                ElementReader key = elementReader(mapType.getKeyType());
                ElementReader value = elementReader(mapType.getValueType());
                return (row, position, sink) -> {
                    MapData map = row.getMap(position);
                    return map.size()
                            + sumElements(map.keyArray(), key, sink)
                            + sumElements(map.valueArray(), value, sink);
                };
            default:
                throw new UnsupportedOperationException("no checksum for " + type);
        }
    }

    private static long sumElements(ArrayData array, ElementReader element, Blackhole sink) {
        long sum = 0;
        for (int i = 0, size = array.size(); i < size; i++) {
            sum += element.read(array, i, sink);
        }
        return sum;
    }

    private static ElementReader elementReader(LogicalType type) {
        ElementReader reader = nonNullElementReader(type);
        if (!type.isNullable()) {
            return reader;
        }
        return (array, index, sink) -> array.isNullAt(index) ? 0 : reader.read(array, index, sink);
    }

    private static ElementReader nonNullElementReader(LogicalType type) {
        LogicalTypeRoot root = type.getTypeRoot();
        switch (root) {
            case BOOLEAN:
                return (array, index, sink) -> array.getBoolean(index) ? 1 : 0;
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
                return (array, index, sink) -> array.getInt(index);
            case BIGINT:
                return (array, index, sink) -> array.getLong(index);
            case FLOAT:
                return (array, index, sink) -> Float.floatToRawIntBits(array.getFloat(index));
            case DOUBLE:
                return (array, index, sink) -> Double.doubleToRawLongBits(array.getDouble(index));
            case CHAR:
            case VARCHAR:
                return (array, index, sink) -> {
                    sink.consume(array.getString(index));
                    return 0;
                };
            case ROW:
                RowType rowType = (RowType) type;
                RowDataChecksum nested = of(rowType);
                int arity = rowType.getFieldCount();
                return (array, index, sink) -> nested.sum(array.getRow(index, arity), sink);
            default:
                throw new UnsupportedOperationException("no checksum for elements of " + type);
        }
    }
}
