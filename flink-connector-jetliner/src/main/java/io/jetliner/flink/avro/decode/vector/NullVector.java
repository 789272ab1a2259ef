package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;

/** The column of Avro's {@code null} type: every value is null. */
@Internal
public final class NullVector extends GrowableVector {

    public NullVector(int capacity) {
        super(capacity);
    }

    @Override
    public boolean isNullAt(int row) {
        return true;
    }

    @Override
    protected void resize(int capacity) {}
}
