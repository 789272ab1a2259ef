package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;

/**
 * Avro {@code time-micros}: a long of microseconds, kept as Flink's TIME is, milliseconds of the
 * day in an int (the microseconds below a millisecond are dropped).
 */
final class TimeMicrosReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.varintEnd(data, pos, limit);
        long micros = AvroBinary.decodeLong(data, pos, end);
        ((IntVector) out).set(row, (int) Math.floorDiv(micros, 1000L));
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.varintEnd(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new IntVector(capacity);
    }
}
