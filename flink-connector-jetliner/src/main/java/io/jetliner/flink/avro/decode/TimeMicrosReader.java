package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;

/**
 * Avro {@code time-micros}: a long of microseconds, kept as Flink's TIME is, milliseconds of the
 * day in an int (the microseconds below a millisecond are dropped).
 */
final class TimeMicrosReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((IntVector) out).set(row, (int) Math.floorDiv(in.readLong(), 1000L));
    }

    @Override
    void skip(BlockCursor in) {
        in.readLong();
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new IntVector(capacity);
    }
}
