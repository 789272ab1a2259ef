package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.DecimalBytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A decimal of precision 19 to 38, kept as the file's unscaled bytes. */
final class WideDecimalReader extends DecimalReader {

    WideDecimalReader(int size, int precision, int scale) {
        super(size, precision, scale);
    }

    @Override
    void store(byte[] data, int start, int length, GrowableVector out, int row) {
        if (!UnscaledDecimals.fitsPrecision(data, start, length, precision)) {
            throw tooManyDigits(data, start, length);
        }
        ((DecimalBytesVector) out).append(row, data, start, length);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new DecimalBytesVector(capacity);
    }
}
