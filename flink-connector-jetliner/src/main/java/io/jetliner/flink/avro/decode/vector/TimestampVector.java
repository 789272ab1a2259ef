package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.columnar.vector.TimestampColumnVector;

/**
 * A column of timestamps kept as the file's longs (milli-, micro- or nanoseconds since the epoch),
 * so that decoding is a long store; they become {@link TimestampData} when read.
 */
@Internal
public final class TimestampVector extends LongVector implements TimestampColumnVector {

    private final long unitsPerMilli;
    private final int nanosPerUnit;

    /** {@code unitsPerMilli}: 1 for milliseconds, 1,000 for microseconds, 1,000,000 for nanos. */
    public TimestampVector(int capacity, int unitsPerMilli) {
        super(capacity);
        this.unitsPerMilli = unitsPerMilli;
        this.nanosPerUnit = 1_000_000 / unitsPerMilli;
    }

    @Override
    public TimestampData getTimestamp(int row, int precision) {
        long value = getLong(row);
        return TimestampData.fromEpochMillis(
                Math.floorDiv(value, unitsPerMilli),
                (int) Math.floorMod(value, unitsPerMilli) * nanosPerUnit);
    }
}
