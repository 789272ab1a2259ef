package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.vector.FloatColumnVector;

import java.util.Arrays;

/** A growable column of floats. */
@Internal
public final class FloatVector extends GrowableVector implements FloatColumnVector {

    private float[] values;

    public FloatVector(int capacity) {
        super(capacity);
        this.values = new float[capacity];
    }

    public void set(int row, float value) {
        values[row] = value;
    }

    @Override
    public float getFloat(int row) {
        return values[row];
    }

    @Override
    protected void resize(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }
}
