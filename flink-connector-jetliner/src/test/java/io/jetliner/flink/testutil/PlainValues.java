package io.jetliner.flink.testutil;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies Flink internal data of any implementation (e.g. the decoder's reused columnar views, or
 * the oracle's generic rows) into plain, immutable-by-convention Java values that outlive the batch
 * and compare structurally: {@link Row} for ROW, {@link List} for ARRAY, {@link Map} for MAP,
 * {@code String}, {@code byte[]}, {@code BigDecimal}, {@code TimestampData}, boxed primitives,
 * {@link Json} for the oracle's JSON strings, and null.
 *
 * <p>It reads through {@link RowData#createFieldGetter} and {@link ArrayData#createElementGetter},
 * the accessors Flink's own operators use, and asks {@code isNullAt} before every read, also for a
 * NOT NULL type, so that a null where the type forbids one shows up as a difference instead of a
 * garbage value.
 */
public final class PlainValues {

    private PlainValues() {}

    /** A ROW: its field names and values, in order. */
    public record Row(List<String> names, List<Object> values) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < names.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=');
                text.append(RowComparison.describe(values.get(i)));
            }
            return text.append('}').toString();
        }
    }

    /** A STRING the oracle knows to hold JSON: compared as JSON trees. */
    public record Json(String text) {}

    /** What a value of type NULL that claims not to be null reads as. */
    public enum Impossible {
        NOT_NULL_VALUE_OF_TYPE_NULL
    }

    /** A copy of {@code row}, read as {@code type}. */
    public static Row of(RowData row, RowType type) {
        if (row.getArity() != type.getFieldCount()) {
            throw new IllegalStateException(
                    "row has arity "
                            + row.getArity()
                            + " but its type "
                            + type
                            + " has "
                            + type.getFieldCount()
                            + " fields");
        }
        List<Object> values = new ArrayList<>(type.getFieldCount());
        for (int i = 0; i < type.getFieldCount(); i++) {
            LogicalType fieldType = type.getTypeAt(i);
            if (row.isNullAt(i)) {
                values.add(null);
            } else if (fieldType.getTypeRoot() == LogicalTypeRoot.NULL) {
                values.add(Impossible.NOT_NULL_VALUE_OF_TYPE_NULL);
            } else {
                Object field = RowData.createFieldGetter(fieldType, i).getFieldOrNull(row);
                values.add(of(field, fieldType));
            }
        }
        return new Row(type.getFieldNames(), Collections.unmodifiableList(values));
    }

    private static Object of(Object internal, LogicalType type) {
        if (internal == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return internal instanceof JsonStringData
                        ? new Json(internal.toString())
                        : internal.toString();
            case BINARY:
            case VARBINARY:
                return ((byte[]) internal).clone();
            case DECIMAL:
                return ((DecimalData) internal).toBigDecimal();
            case ROW:
                return of((RowData) internal, (RowType) type);
            case ARRAY:
                return list((ArrayData) internal, ((ArrayType) type).getElementType());
            case MAP:
                return map((MapData) internal, (MapType) type);
            default:
                // Boolean, Integer (also DATE and TIME), Long, Float, Double, TimestampData:
                // immutable already.
                return internal;
        }
    }

    private static List<Object> list(ArrayData array, LogicalType elementType) {
        List<Object> elements = new ArrayList<>(array.size());
        if (elementType.getTypeRoot() == LogicalTypeRoot.NULL) {
            for (int i = 0; i < array.size(); i++) {
                elements.add(array.isNullAt(i) ? null : Impossible.NOT_NULL_VALUE_OF_TYPE_NULL);
            }
            return Collections.unmodifiableList(elements);
        }
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        for (int i = 0; i < array.size(); i++) {
            elements.add(
                    array.isNullAt(i) ? null : of(getter.getElementOrNull(array, i), elementType));
        }
        return Collections.unmodifiableList(elements);
    }

    private static Map<Object, Object> map(MapData map, MapType type) {
        List<Object> keys = list(map.keyArray(), type.getKeyType());
        List<Object> values = list(map.valueArray(), type.getValueType());
        if (keys.size() != map.size() || values.size() != map.size()) {
            throw new IllegalStateException(
                    "map of size "
                            + map.size()
                            + " has "
                            + keys.size()
                            + " keys and "
                            + values.size()
                            + " values");
        }
        Map<Object, Object> entries = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (entries.containsKey(keys.get(i))) {
                throw new IllegalStateException("map has the key " + keys.get(i) + " twice");
            }
            entries.put(keys.get(i), values.get(i));
        }
        return Collections.unmodifiableMap(entries);
    }
}
