package io.jetliner.flink.e2e.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A row count and an order-independent checksum of rows' canonical text: the sum of the first 8
 * bytes of each row's SHA-256. Two summaries are equal when the same rows were added, in any order
 * (a repeated row counts twice).
 */
final class RowSummary {

    private final MessageDigest sha256;
    private long rows;
    private long checksum;

    RowSummary() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void add(String canonicalRow) {
        byte[] digest = sha256.digest(canonicalRow.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        checksum += value;
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowSummary
                && ((RowSummary) other).rows == rows
                && ((RowSummary) other).checksum == checksum;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rows * 31 + checksum);
    }

    @Override
    public String toString() {
        return rows + " rows, checksum " + Long.toHexString(checksum);
    }
}
