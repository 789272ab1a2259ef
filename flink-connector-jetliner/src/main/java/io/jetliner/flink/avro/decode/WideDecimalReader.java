package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.DecimalBytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A decimal of precision 19 to 38, kept as the file's unscaled bytes. */
final class WideDecimalReader extends DecimalReader {

    WideDecimalReader(int size, int precision, int scale) {
        super(size, precision, scale);
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        int length = readUnscaledLength(in);
        int start = in.position();
        if (!UnscaledDecimals.fitsPrecision(in.data(), start, length, precision)) {
            throw tooManyDigits(in, length);
        }
        ((DecimalBytesVector) out).append(row, in.data(), start, length);
        in.advance(length);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new DecimalBytesVector(capacity);
    }
}
