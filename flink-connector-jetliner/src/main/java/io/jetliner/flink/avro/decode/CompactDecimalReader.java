package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.CompactDecimalVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A decimal of precision 18 or less, kept as its unscaled long. */
final class CompactDecimalReader extends DecimalReader {

    private final long bound;

    CompactDecimalReader(int size, int precision, int scale) {
        super(size, precision, scale);
        long bound = 1;
        for (int i = 0; i < precision; i++) {
            bound *= 10;
        }
        this.bound = bound;
    }

    @Override
    void store(byte[] data, int start, int length, GrowableVector out, int row) {
        long value;
        if (length <= Long.BYTES) {
            value = UnscaledDecimals.toLong(data, start, length);
            if (value >= bound || value <= -bound) {
                throw tooManyDigits(data, start, length);
            }
        } else if (UnscaledDecimals.fitsPrecision(data, start, length, precision)) {
            value = UnscaledDecimals.toLong(data, start, length);
        } else {
            throw tooManyDigits(data, start, length);
        }
        ((CompactDecimalVector) out).set(row, value);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new CompactDecimalVector(capacity);
    }
}
