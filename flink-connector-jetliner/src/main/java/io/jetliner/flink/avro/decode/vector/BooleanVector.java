package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.vector.BooleanColumnVector;

import java.util.Arrays;

/** A growable column of booleans. */
@Internal
public final class BooleanVector extends GrowableVector implements BooleanColumnVector {

    private boolean[] values;

    public BooleanVector(int capacity) {
        super(capacity);
        this.values = new boolean[capacity];
    }

    public void set(int row, boolean value) {
        values[row] = value;
    }

    @Override
    public boolean getBoolean(int row) {
        return values[row];
    }

    @Override
    protected void resize(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }
}
