package io.jetliner.flink.avro.decode;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A {@link RowFilter} evaluated the plain way, for tests to check the decoder against: on a fully
 * decoded row of Flink values, each comparison made with Flink's own data classes ({@code
 * StringData}, {@code TimestampData}, {@code DecimalData}), {@code BigDecimal} or Java's double
 * operators, and SQL's three-valued logic spelled out with {@code Boolean}s, null for UNKNOWN.
 */
final class FilterOracle {

    private FilterOracle() {}

    /** Whether {@code filter} is TRUE for {@code row} of {@code rowType}. */
    static boolean accepts(RowFilter filter, RowData row, RowType rowType) {
        return Boolean.TRUE.equals(evaluate(filter, row, rowType));
    }

    static Boolean evaluate(RowFilter filter, RowData row, RowType rowType) {
        if (filter instanceof RowFilter.Comparison) {
            RowFilter.Comparison comparison = (RowFilter.Comparison) filter;
            Object value = value(row, rowType, comparison.field);
            return value == null
                    ? null
                    : compare(
                            comparison.operator,
                            value,
                            comparison.literal,
                            type(rowType, comparison.field));
        }
        if (filter instanceof RowFilter.InList) {
            RowFilter.InList in = (RowFilter.InList) filter;
            Object value = value(row, rowType, in.field);
            if (value == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object literal : in.literals) {
                if (literal == null) {
                    sawNull = true;
                } else if (compare(
                        RowFilter.ComparisonOperator.EQUAL,
                        value,
                        literal,
                        type(rowType, in.field))) {
                    return true;
                }
            }
            return sawNull ? null : false;
        }
        if (filter instanceof RowFilter.NullTest) {
            RowFilter.NullTest test = (RowFilter.NullTest) filter;
            return (value(row, rowType, test.field) == null) == test.isNull;
        }
        if (filter instanceof RowFilter.And) {
            Boolean result = true;
            for (RowFilter operand : ((RowFilter.And) filter).operands) {
                Boolean value = evaluate(operand, row, rowType);
                if (Boolean.FALSE.equals(value)) {
                    return false;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        if (filter instanceof RowFilter.Or) {
            Boolean result = false;
            for (RowFilter operand : ((RowFilter.Or) filter).operands) {
                Boolean value = evaluate(operand, row, rowType);
                if (Boolean.TRUE.equals(value)) {
                    return true;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        Boolean value = evaluate(((RowFilter.Not) filter).operand, row, rowType);
        return value == null ? null : !value;
    }

    private static LogicalType type(RowType rowType, String field) {
        return rowType.getTypeAt(rowType.getFieldIndex(field));
    }

    private static Object value(RowData row, RowType rowType, String field) {
        int index = rowType.getFieldIndex(field);
        return RowData.createFieldGetter(rowType.getTypeAt(index), index).getFieldOrNull(row);
    }

    private static boolean compare(
            RowFilter.ComparisonOperator operator, Object value, Object literal, LogicalType type) {
        switch (type.getTypeRoot()) {
            case FLOAT:
            case DOUBLE:
                double v = ((Number) value).doubleValue();
                double l = ((Number) literal).doubleValue();
                switch (operator) {
                    case EQUAL:
                        return v == l;
                    case NOT_EQUAL:
                        return v != l;
                    case LESS_THAN:
                        return v < l;
                    case LESS_THAN_OR_EQUAL:
                        return v <= l;
                    case GREATER_THAN:
                        return v > l;
                    default:
                        return v >= l;
                }
            default:
                return holds(operator, order(value, literal, type));
        }
    }

    private static int order(Object value, Object literal, LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return Boolean.compare((Boolean) value, (Boolean) literal);
            case INTEGER:
            case BIGINT:
                return BigDecimal.valueOf(((Number) value).longValue()).compareTo(exact(literal));
            case DECIMAL:
                return ((DecimalData) value).toBigDecimal().compareTo(exact(literal));
            case VARCHAR:
                return ((StringData) value).compareTo(StringData.fromString((String) literal));
            case DATE:
                return Long.compare((Integer) value, ((LocalDate) literal).toEpochDay());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return ((TimestampData) value)
                        .compareTo(TimestampData.fromLocalDateTime((LocalDateTime) literal));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return ((TimestampData) value)
                        .compareTo(TimestampData.fromInstant((Instant) literal));
            default:
                throw new IllegalArgumentException("no comparison for " + type);
        }
    }

    private static BigDecimal exact(Object literal) {
        return literal instanceof BigDecimal
                ? (BigDecimal) literal
                : BigDecimal.valueOf(((Number) literal).longValue());
    }

    private static boolean holds(RowFilter.ComparisonOperator operator, int order) {
        switch (operator) {
            case EQUAL:
                return order == 0;
            case NOT_EQUAL:
                return order != 0;
            case LESS_THAN:
                return order < 0;
            case LESS_THAN_OR_EQUAL:
                return order <= 0;
            case GREATER_THAN:
                return order > 0;
            default:
                return order >= 0;
        }
    }
}
