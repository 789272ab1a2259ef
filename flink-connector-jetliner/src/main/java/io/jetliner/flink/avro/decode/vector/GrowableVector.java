package io.jetliner.flink.avro.decode.vector;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.vector.ColumnVector;

import java.util.Arrays;

/**
 * A column of decoded values that grows as it is written: the top-level columns of a batch have the
 * batch's capacity, but the elements of arrays and maps can be any number, and their vectors grow
 * to hold them. Growth is explicit ({@link #ensureCapacity}) so that writes are plain array stores.
 *
 * <p>Every slot's null flag is written by whoever writes the slot, so nothing needs clearing
 * between batches; {@link #reset()} only forgets variable-length content (bytes, elements).
 */
@Internal
public abstract class GrowableVector implements ColumnVector {

    /** The largest array the JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private boolean[] nulls;

    protected GrowableVector(int capacity) {
        this.nulls = new boolean[capacity];
    }

    public final int capacity() {
        return nulls.length;
    }

    @Override
    public boolean isNullAt(int row) {
        return nulls[row];
    }

    public final void setNull(int row) {
        nulls[row] = true;
    }

    public final void setNotNull(int row) {
        nulls[row] = false;
    }

    /**
     * Makes room for rows {@code [0, rows)}, keeping what is written; more than an array holds is
     * {@code SIZE_LIMIT_EXCEEDED}.
     */
    public final void ensureCapacity(long rows) {
        if (rows > nulls.length) {
            int capacity = grownCapacity(nulls.length, rows);
            nulls = Arrays.copyOf(nulls, capacity);
            resize(capacity);
        }
    }

    /** Grows the value arrays to {@code capacity} rows, keeping their content. */
    protected abstract void resize(int capacity);

    /** Forgets the variable-length content of the previous batch. */
    public void reset() {}

    /** Doubles, or more if needed, within what an array can hold. */
    static int grownCapacity(int current, long required) {
        if (required > MAX_CAPACITY) {
            throw new JetlinerException(
                    JetlinerException.Kind.SIZE_LIMIT_EXCEEDED,
                    "a column of one batch would need "
                            + required
                            + " slots, more than an array holds");
        }
        return (int) Math.min(MAX_CAPACITY, Math.max(required, Math.max(16L, 2L * current)));
    }
}
