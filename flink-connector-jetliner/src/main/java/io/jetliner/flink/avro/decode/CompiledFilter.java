package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A {@link RowFilter} compiled against the columns it reads: evaluates it, in SQL's three-valued
 * logic, for one row of those columns. Made by {@link FilterCompiler}; holds no state of its own,
 * so one serves any number of rows.
 */
abstract class CompiledFilter {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    /** {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN} for {@code row} of {@code columns}. */
    abstract int evaluate(GrowableVector[] columns, int row);

    /** A column compared with one literal. */
    static final class Comparison extends CompiledFilter {
        private final FilterOperand operand;

        /** The {@link FilterOperand} orders for which the comparison holds. */
        private final int holdsFor;

        Comparison(FilterOperand operand, int holdsFor) {
            this.operand = operand;
            this.holdsFor = holdsFor;
        }

        @Override
        int evaluate(GrowableVector[] columns, int row) {
            GrowableVector column = columns[operand.column];
            if (column.isNullAt(row)) {
                return UNKNOWN;
            }
            return (operand.order(column, row, 0) & holdsFor) != 0 ? TRUE : FALSE;
        }
    }

    /** A column in a list of literals, and maybe null. */
    static final class In extends CompiledFilter {
        private final FilterOperand operand;
        private final boolean listHoldsNull;

        In(FilterOperand operand, boolean listHoldsNull) {
            this.operand = operand;
            this.listHoldsNull = listHoldsNull;
        }

        @Override
        int evaluate(GrowableVector[] columns, int row) {
            GrowableVector column = columns[operand.column];
            if (column.isNullAt(row)) {
                return UNKNOWN;
            }
            for (int i = 0, n = operand.literalCount(); i < n; i++) {
                if (operand.order(column, row, i) == FilterOperand.EQUAL) {
                    return TRUE;
                }
            }
            return listHoldsNull ? UNKNOWN : FALSE;
        }
    }

    /** IS NULL, IS NOT NULL. */
    static final class NullTest extends CompiledFilter {
        private final int column;
        private final int ifNull;

        NullTest(int column, boolean isNull) {
            this.column = column;
            this.ifNull = isNull ? TRUE : FALSE;
        }

        @Override
        int evaluate(GrowableVector[] columns, int row) {
            return columns[column].isNullAt(row) ? ifNull : TRUE - ifNull;
        }
    }

    static final class And extends CompiledFilter {
        private final CompiledFilter[] operands;

        And(CompiledFilter[] operands) {
            this.operands = operands;
        }

        @Override
        int evaluate(GrowableVector[] columns, int row) {
            int result = TRUE;
            for (CompiledFilter operand : operands) {
                int value = operand.evaluate(columns, row);
                if (value == FALSE) {
                    return FALSE;
                }
                if (value == UNKNOWN) {
                    result = UNKNOWN;
                }
            }
            return result;
        }
    }

    static final class Or extends CompiledFilter {
        private final CompiledFilter[] operands;

        Or(CompiledFilter[] operands) {
            this.operands = operands;
        }

        @Override
        int evaluate(GrowableVector[] columns, int row) {
            int result = FALSE;
            for (CompiledFilter operand : operands) {
                int value = operand.evaluate(columns, row);
                if (value == TRUE) {
                    return TRUE;
                }
                if (value == UNKNOWN) {
                    result = UNKNOWN;
                }
            }
            return result;
        }
    }

    static final class Not extends CompiledFilter {
        private final CompiledFilter operand;

        Not(CompiledFilter operand) {
            this.operand = operand;
        }

        @Override
        int evaluate(GrowableVector[] columns, int row) {
            int value = operand.evaluate(columns, row);
            return value == UNKNOWN ? UNKNOWN : TRUE - value;
        }
    }
}
