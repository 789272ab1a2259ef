package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.columnar.vector.MapColumnVector;

/**
 * A column of maps: each row is a range of entries in a key vector and a value vector that hold the
 * entries of every row of the batch, one after the other.
 */
@Internal
public final class MapVector extends GrowableVector implements MapColumnVector {

    private final BytesVector keys;
    private final GrowableVector values;
    private final ArrayVector.ElementRanges ranges;

    public MapVector(int capacity, BytesVector keys, GrowableVector values) {
        super(capacity);
        this.keys = keys;
        this.values = values;
        this.ranges = new ArrayVector.ElementRanges(capacity);
    }

    public BytesVector keys() {
        return keys;
    }

    public GrowableVector values() {
        return values;
    }

    /** The number of entries the batch holds so far: where the next row's entries start. */
    public int entryCount() {
        return ranges.elementCount;
    }

    /** Makes entries {@code [entryCount(), end)} the value of {@code row}. */
    public void finishRow(int row, int end) {
        ranges.finishRow(row, end);
    }

    @Override
    public MapData getMap(int row) {
        return new VectorMap(keys, values, ranges.offsets[row], ranges.lengths[row]);
    }

    @Override
    protected void resize(int capacity) {
        ranges.resize(capacity);
    }

    @Override
    public void reset() {
        ranges.elementCount = 0;
        keys.reset();
        values.reset();
    }
}
