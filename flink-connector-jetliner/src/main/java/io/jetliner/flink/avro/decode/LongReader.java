package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.LongVector;
import io.jetliner.flink.avro.decode.vector.TimestampVector;

/**
 * Avro {@code long}, also as a timestamp: a zig-zag varint stored as is; a timestamp column
 * converts it from the file's unit when read.
 */
final class LongReader extends FieldReader {

    private final int timestampUnitsPerMilli;

    /** A reader of plain longs. */
    LongReader() {
        this(0);
    }

    /** A reader of timestamps in units of {@code 1 / unitsPerMilli} milliseconds. */
    LongReader(int timestampUnitsPerMilli) {
        this.timestampUnitsPerMilli = timestampUnitsPerMilli;
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((LongVector) out).set(row, in.readLong());
    }

    @Override
    void skip(BlockCursor in) {
        in.readLong();
    }

    @Override
    GrowableVector createVector(int capacity) {
        return timestampUnitsPerMilli == 0
                ? new LongVector(capacity)
                : new TimestampVector(capacity, timestampUnitsPerMilli);
    }
}
