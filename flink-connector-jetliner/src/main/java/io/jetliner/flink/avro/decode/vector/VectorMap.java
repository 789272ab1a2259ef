package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;

/**
 * A map value: a view of a range of a key vector and a value vector, as Flink's {@code
 * ColumnarMapData} is, its keys and values read as {@link VectorArray}s.
 */
@Internal
public final class VectorMap implements MapData {

    private final GrowableVector keys;
    private final GrowableVector values;
    private final int offset;
    private final int size;

    public VectorMap(GrowableVector keys, GrowableVector values, int offset, int size) {
        this.keys = keys;
        this.values = values;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ArrayData keyArray() {
        return new VectorArray(keys, offset, size);
    }

    @Override
    public ArrayData valueArray() {
        return new VectorArray(values, offset, size);
    }

    @Override
    public boolean equals(Object o) {
        throw new UnsupportedOperationException(
                "a map of a batch is a view: compare its entries one by one");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException(
                "a map of a batch is a view: hash its entries one by one");
    }
}
