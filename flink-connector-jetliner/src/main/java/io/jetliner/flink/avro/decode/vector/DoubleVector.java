package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.vector.DoubleColumnVector;

import java.util.Arrays;

/** A growable column of doubles. */
@Internal
public final class DoubleVector extends GrowableVector implements DoubleColumnVector {

    private double[] values;

    public DoubleVector(int capacity) {
        super(capacity);
        this.values = new double[capacity];
    }

    public void set(int row, double value) {
        values[row] = value;
    }

    @Override
    public double getDouble(int row) {
        return values[row];
    }

    @Override
    protected void resize(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }
}
