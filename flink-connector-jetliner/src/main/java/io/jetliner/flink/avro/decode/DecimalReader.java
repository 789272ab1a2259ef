package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Avro {@code decimal(p, s)} on {@code bytes} or {@code fixed}: the unscaled value as big-endian
 * two's complement bytes. Subclasses keep it by precision; a value with more digits than {@code p}
 * is a decode error, never a wrong number.
 */
abstract class DecimalReader extends FieldReader {

    /** {@link #VARIABLE_SIZE} for {@code bytes}, else the size of the {@code fixed}. */
    private final int size;

    final int precision;
    final int scale;

    DecimalReader(int size, int precision, int scale) {
        this.size = size;
        this.precision = precision;
        this.scale = scale;
    }

    @Override
    final int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        if (size != VARIABLE_SIZE) {
            int end = AvroBinary.require(pos, limit, size, "a decimal");
            store(data, pos, size, out, row);
            return end;
        }
        long unscaledLength = AvroBinary.readLength(data, pos, limit);
        int start = AvroBinary.end(unscaledLength);
        int length = AvroBinary.value(unscaledLength);
        if (length == 0) {
            throw new DecodeException(pos, "decimal value of zero bytes");
        }
        store(data, start, length, out, row);
        return start + length;
    }

    /** Keeps the unscaled value {@code data[start, start + length)}, at least one byte. */
    abstract void store(byte[] data, int start, int length, GrowableVector out, int row);

    final DecodeException tooManyDigits(byte[] data, int start, int length) {
        BigDecimal value = new BigDecimal(new BigInteger(data, start, length), scale);
        return new DecodeException(
                start,
                "decimal value "
                        + value.toPlainString()
                        + " has more digits than its precision "
                        + precision);
    }

    @Override
    final int skip(byte[] data, int pos, int limit) {
        return size == VARIABLE_SIZE
                ? AvroBinary.skipLengthPrefixed(data, pos, limit)
                : AvroBinary.require(pos, limit, size, "a decimal");
    }

    @Override
    final int fixedSize() {
        return size;
    }
}
