package io.jetliner.flink.avro.decode;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink internal values for tests: decoded rows copied out of their batch into {@code Generic*}
 * data (so they compare by value and outlive the batch), and expected rows built by hand.
 */
final class FlinkRows {

    private FlinkRows() {}

    /** Decodes a whole block, {@code maxRows} per batch, into one batch reused throughout. */
    static List<GenericRowData> decode(
            Schema writer, RowType projected, byte[] block, long records, int maxRows) {
        return decode(RecordDecoder.compile(writer, projected), block, records, maxRows);
    }

    /** Decodes a whole block with {@code decoder}, {@code maxRows} per batch. */
    static List<GenericRowData> decode(
            RecordDecoder decoder, byte[] block, long records, int maxRows) {
        RowBatch batch = decoder.createBatch(maxRows);
        decoder.startBlock(block, 0, block.length, records);
        List<GenericRowData> rows = new ArrayList<>();
        while (decoder.remainingRecords() > 0) {
            int n = decoder.decode(batch, maxRows);
            for (int i = 0; i < n; i++) {
                rows.add(copy(batch.row(i), decoder.rowType()));
            }
        }
        return rows;
    }

    static List<GenericRowData> decode(
            Schema writer, RowType projected, byte[] block, long records) {
        return decode(writer, projected, block, records, 1024);
    }

    static List<GenericRowData> decode(Schema writer, byte[] block, long records) {
        return decode(writer, null, block, records);
    }

    /** A deep copy of a row into {@code Generic*} data. */
    static GenericRowData copy(RowData row, RowType type) {
        GenericRowData copy = new GenericRowData(type.getFieldCount());
        for (int i = 0; i < type.getFieldCount(); i++) {
            LogicalType fieldType = type.getTypeAt(i);
            if (fieldType.getTypeRoot() == LogicalTypeRoot.NULL) {
                // Flink's field getters have no case for NULL, whose only value is null.
                assertThat(row.isNullAt(i)).isTrue();
                continue;
            }
            copy.setField(
                    i,
                    copy(RowData.createFieldGetter(fieldType, i).getFieldOrNull(row), fieldType));
        }
        return copy;
    }

    private static Object copy(Object value, LogicalType type) {
        if (value == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case ROW:
                return copy((RowData) value, (RowType) type);
            case ARRAY:
                return copy((ArrayData) value, ((ArrayType) type).getElementType());
            case MAP:
                MapType mapType = (MapType) type;
                MapData map = (MapData) value;
                Object[] keys = copy(map.keyArray(), mapType.getKeyType()).toObjectArray();
                Object[] values = copy(map.valueArray(), mapType.getValueType()).toObjectArray();
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < keys.length; i++) {
                    entries.put(keys[i], values[i]);
                }
                return new GenericMapData(entries);
            case CHAR:
            case VARCHAR:
                return StringData.fromString(value.toString());
            case BINARY:
            case VARBINARY:
                return ((byte[]) value).clone();
            default:
                return value;
        }
    }

    private static GenericArrayData copy(ArrayData array, LogicalType elementType) {
        ArrayData.ElementGetter getter =
                elementType.getTypeRoot() == LogicalTypeRoot.NULL
                        ? null
                        : ArrayData.createElementGetter(elementType);
        Object[] elements = new Object[array.size()];
        for (int i = 0; i < elements.length; i++) {
            if (elementType.getTypeRoot() == LogicalTypeRoot.NULL) {
                assertThat(array.isNullAt(i)).isTrue();
                continue;
            }
            elements[i] = copy(getter.getElementOrNull(array, i), elementType);
        }
        return new GenericArrayData(elements);
    }

    static GenericRowData row(Object... fields) {
        return GenericRowData.of(fields);
    }

    static StringData str(String value) {
        return StringData.fromString(value);
    }

    static GenericArrayData array(Object... elements) {
        return new GenericArrayData(elements);
    }

    /** A map of alternating keys and values, in that order. */
    static GenericMapData map(Object... keysAndValues) {
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new GenericMapData(entries);
    }
}
