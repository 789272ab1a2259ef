package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BooleanVector;
import io.jetliner.flink.avro.decode.vector.DoubleVector;
import io.jetliner.flink.avro.decode.vector.FloatVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;
import io.jetliner.flink.avro.decode.vector.LongVector;

import org.apache.flink.table.data.columnar.vector.BytesColumnVector;
import org.apache.flink.table.data.columnar.vector.DecimalColumnVector;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One column of a {@link CompiledFilter}, with the literals it is compared with, converted to the
 * column's stored form once: {@link #order} places a non-null value of the column against one of
 * them. One subclass per stored form.
 */
abstract class FilterOperand {

    /** The value is less than the literal. */
    static final int LESS = 1;

    /** The value equals the literal. */
    static final int EQUAL = 2;

    /** The value is greater than the literal. */
    static final int GREATER = 4;

    /** Neither: a NaN on either side. */
    static final int UNORDERED = 8;

    /** The column's index among the filter's columns. */
    final int column;

    FilterOperand(int column) {
        this.column = column;
    }

    /**
     * How the non-null value of {@code row} in {@code vector} stands to literal {@code literal}.
     */
    abstract int order(GrowableVector vector, int row, int literal);

    /** The number of literals. */
    abstract int literalCount();

    static int order(double value, double literal) {
        if (value < literal) {
            return LESS;
        }
        if (value > literal) {
            return GREATER;
        }
        return value == literal ? EQUAL : UNORDERED;
    }

    static int order(int comparison) {
        return comparison < 0 ? LESS : comparison > 0 ? GREATER : EQUAL;
    }

    /**
     * Integral values (INT, BIGINT, DATE, timestamps in their unit, compact decimals unscaled)
     * against literals each held as {@code bound + fraction × ε}: the largest long not above the
     * literal, and whether the literal lies above it (1), below it (-1, for a literal below every
     * long) or on it (0). So a literal between two stored values, or beyond every long, still
     * compares exactly.
     */
    abstract static class Integral extends FilterOperand {
        private final long[] bounds;
        private final byte[] fractions;

        Integral(int column, long[] bounds, byte[] fractions) {
            super(column);
            this.bounds = bounds;
            this.fractions = fractions;
        }

        final int order(long value, int literal) {
            long bound = bounds[literal];
            if (value < bound) {
                return LESS;
            }
            if (value > bound) {
                return GREATER;
            }
            int fraction = fractions[literal];
            return fraction == 0 ? EQUAL : fraction > 0 ? LESS : GREATER;
        }

        @Override
        final int literalCount() {
            return bounds.length;
        }
    }

    /** INT and DATE. */
    static final class IntColumn extends Integral {
        IntColumn(int column, long[] bounds, byte[] fractions) {
            super(column, bounds, fractions);
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            return order(((IntVector) vector).getInt(row), literal);
        }
    }

    /** BIGINT, TIMESTAMP, TIMESTAMP_LTZ and DECIMAL of precision up to 18. */
    static final class LongColumn extends Integral {
        LongColumn(int column, long[] bounds, byte[] fractions) {
            super(column, bounds, fractions);
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            return order(((LongVector) vector).getLong(row), literal);
        }
    }

    /** FLOAT and DOUBLE, compared as doubles. */
    abstract static class Floating extends FilterOperand {
        private final double[] literals;

        Floating(int column, double[] literals) {
            super(column);
            this.literals = literals;
        }

        final int order(double value, int literal) {
            return order(value, literals[literal]);
        }

        @Override
        final int literalCount() {
            return literals.length;
        }
    }

    static final class FloatColumn extends Floating {
        FloatColumn(int column, double[] literals) {
            super(column, literals);
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            return order(((FloatVector) vector).getFloat(row), literal);
        }
    }

    static final class DoubleColumn extends Floating {
        DoubleColumn(int column, double[] literals) {
            super(column, literals);
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            return order(((DoubleVector) vector).getDouble(row), literal);
        }
    }

    /** BOOLEAN: FALSE before TRUE. */
    static final class BooleanColumn extends FilterOperand {
        private final boolean[] literals;

        BooleanColumn(int column, boolean[] literals) {
            super(column);
            this.literals = literals;
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            return order(
                    Boolean.compare(((BooleanVector) vector).getBoolean(row), literals[literal]));
        }

        @Override
        int literalCount() {
            return literals.length;
        }
    }

    /**
     * STRING, whether stored as bytes or as enum symbols: UTF-8 bytes compared unsigned, which
     * orders by code point as Flink's {@code StringData} does.
     */
    static final class StringColumn extends FilterOperand {
        private final byte[][] literals;

        StringColumn(int column, byte[][] literals) {
            super(column);
            this.literals = literals;
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            BytesColumnVector.Bytes value = ((BytesColumnVector) vector).getBytes(row);
            byte[] other = literals[literal];
            return order(
                    Arrays.compareUnsigned(
                            value.data,
                            value.offset,
                            value.offset + value.len,
                            other,
                            0,
                            other.length));
        }

        @Override
        int literalCount() {
            return literals.length;
        }
    }

    /** DECIMAL of precision 19 to 38, compared as {@link BigDecimal}s. */
    static final class WideDecimalColumn extends FilterOperand {
        private final int precision;
        private final int scale;
        private final BigDecimal[] literals;

        WideDecimalColumn(int column, int precision, int scale, BigDecimal[] literals) {
            super(column);
            this.precision = precision;
            this.scale = scale;
            this.literals = literals;
        }

        @Override
        int order(GrowableVector vector, int row, int literal) {
            BigDecimal value =
                    ((DecimalColumnVector) vector).getDecimal(row, precision, scale).toBigDecimal();
            return order(value.compareTo(literals[literal]));
        }

        @Override
        int literalCount() {
            return literals.length;
        }
    }
}
