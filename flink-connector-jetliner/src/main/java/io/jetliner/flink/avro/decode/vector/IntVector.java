package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.vector.IntColumnVector;

import java.util.Arrays;

/** A growable column of ints: INT, DATE (days) and TIME (milliseconds of the day). */
@Internal
public class IntVector extends GrowableVector implements IntColumnVector {

    private int[] values;

    public IntVector(int capacity) {
        super(capacity);
        this.values = new int[capacity];
    }

    public final void set(int row, int value) {
        values[row] = value;
    }

    @Override
    public final int getInt(int row) {
        return values[row];
    }

    @Override
    protected final void resize(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }
}
