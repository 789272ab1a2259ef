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
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        if (limit - pos >= Long.BYTES) {
            long word = (long) AvroBinary.LONG_LE.get(data, pos);
            int length = AvroBinary.wordVarintLength(word);
            if (length <= Long.BYTES) {
                ((LongVector) out).set(row, AvroBinary.zigzag(AvroBinary.compact(word, length)));
                return pos + length;
            }
        }
        int end = AvroBinary.varintEnd(data, pos, limit);
        ((LongVector) out).set(row, AvroBinary.decodeLong(data, pos, end));
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.varintEnd(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return timestampUnitsPerMilli == 0
                ? new LongVector(capacity)
                : new TimestampVector(capacity, timestampUnitsPerMilli);
    }
}
