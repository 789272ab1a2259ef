package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.CompactDecimalVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A decimal of precision 18 or less, kept as its unscaled long. */
final class CompactDecimalReader extends DecimalReader {

    private final long bound;

    CompactDecimalReader(int size, int precision, int scale) {
        super(size, precision, scale);
        this.bound = pow10(precision);
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        int length = readUnscaledLength(in);
        byte[] data = in.data();
        int start = in.position();
        long value;
        if (length <= Long.BYTES) {
            value = UnscaledDecimals.toLong(data, start, length);
            if (value >= bound || value <= -bound) {
                throw tooManyDigits(in, length);
            }
        } else if (UnscaledDecimals.fitsPrecision(data, start, length, precision)) {
            value = UnscaledDecimals.toLong(data, start, length);
        } else {
            throw tooManyDigits(in, length);
        }
        ((CompactDecimalVector) out).set(row, value);
        in.advance(length);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new CompactDecimalVector(capacity);
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
