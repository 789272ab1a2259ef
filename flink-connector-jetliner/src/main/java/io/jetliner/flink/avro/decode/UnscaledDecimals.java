package io.jetliner.flink.avro.decode;

import java.math.BigInteger;

/**
 * Arithmetic on the unscaled value of an Avro decimal as the file holds it, big-endian two's
 * complement bytes of any length, without a {@link BigInteger}: the check that it has no more
 * digits than its precision is 128-bit arithmetic on longs, and for precision 18 or less the value
 * is a long.
 */
final class UnscaledDecimals {

    /** The largest precision {@link #fitsPrecision} handles: 10^38 is below 2^127. */
    static final int MAX_PRECISION = 38;

    private static final int MAX_BYTES = 16;
    private static final long[] POW10_HIGH = new long[MAX_PRECISION + 1];
    private static final long[] POW10_LOW = new long[MAX_PRECISION + 1];

    static {
        for (int p = 0; p <= MAX_PRECISION; p++) {
            BigInteger pow = BigInteger.TEN.pow(p);
            POW10_LOW[p] = pow.longValue();
            POW10_HIGH[p] = pow.shiftRight(64).longValue();
        }
    }

    private UnscaledDecimals() {}

    /**
     * Whether the value in {@code bytes[offset, offset + length)} (length at least 1) has at most
     * {@code precision} digits, i.e. its magnitude is below 10^precision, for a precision up to
     * {@link #MAX_PRECISION}.
     */
    static boolean fitsPrecision(byte[] bytes, int offset, int length, int precision) {
        int end = offset + length;
        int sign = bytes[offset] >> 7;
        // Leading bytes that only repeat the sign add no magnitude.
        while (offset < end - 1 && bytes[offset] == sign && bytes[offset + 1] >> 7 == sign) {
            offset++;
        }
        if (end - offset > MAX_BYTES) {
            return false;
        }
        long high = sign;
        long low = sign;
        for (int i = offset; i < end; i++) {
            high = (high << 8) | (low >>> 56);
            low = (low << 8) | (bytes[i] & 0xff);
        }
        if (sign < 0) {
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        int highOrder = Long.compareUnsigned(high, POW10_HIGH[precision]);
        return highOrder < 0
                || (highOrder == 0 && Long.compareUnsigned(low, POW10_LOW[precision]) < 0);
    }

    /**
     * The value in {@code bytes[offset, offset + length)} as a long; exact when the value fits in
     * one, as any value of precision 18 or less does, whatever the number of sign bytes before it.
     */
    static long toLong(byte[] bytes, int offset, int length) {
        long value = bytes[offset];
        for (int i = offset + 1, end = offset + length; i < end; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
