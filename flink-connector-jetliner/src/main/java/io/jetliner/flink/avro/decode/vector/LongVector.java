package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.vector.LongColumnVector;

import java.util.Arrays;

/** A growable column of longs: BIGINT, and the storage of timestamps and compact decimals. */
@Internal
public class LongVector extends GrowableVector implements LongColumnVector {

    private long[] values;

    public LongVector(int capacity) {
        super(capacity);
        this.values = new long[capacity];
    }

    public final void set(int row, long value) {
        values[row] = value;
    }

    @Override
    public final long getLong(int row) {
        return values[row];
    }

    @Override
    protected final void resize(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }
}
