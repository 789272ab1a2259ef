package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A decimal of precision above 38, wider than Flink's DECIMAL: kept as the exact value's plain
 * string ({@link BigDecimal#toPlainString()}).
 */
final class DecimalStringReader extends DecimalReader {

    private final BigInteger bound;

    DecimalStringReader(int size, int precision, int scale) {
        super(size, precision, scale);
        this.bound = BigInteger.TEN.pow(precision);
    }

    @Override
    void store(byte[] data, int start, int length, GrowableVector out, int row) {
        BigInteger unscaled = new BigInteger(data, start, length);
        if (unscaled.abs().compareTo(bound) >= 0) {
            throw tooManyDigits(data, start, length);
        }
        byte[] text =
                new BigDecimal(unscaled, scale).toPlainString().getBytes(StandardCharsets.US_ASCII);
        ((BytesVector) out).append(row, text, 0, text.length);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }
}
