package io.jetliner.flink.avro.decode;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link RowFilter} against the row type of the columns it reads: finds each field's
 * column, checks that its type is primitive and fits the operation, and converts every literal to
 * the column's stored form (see {@link FilterOperand}), so that evaluation compares stored values
 * without converting them.
 */
final class FilterCompiler {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final RowType rowType;

    private FilterCompiler(RowType rowType) {
        this.rowType = rowType;
    }

    /**
     * The filter over rows of {@code rowType}.
     *
     * @throws IllegalArgumentException naming the field and what does not fit
     */
    static CompiledFilter compile(RowFilter filter, RowType rowType) {
        return new FilterCompiler(rowType).compile(filter);
    }

    /** Checks that {@link #compile} would succeed. */
    static void validate(RowFilter filter, RowType rowType) {
        compile(filter, rowType);
    }

    private CompiledFilter compile(RowFilter filter) {
        if (filter instanceof RowFilter.Comparison) {
            RowFilter.Comparison comparison = (RowFilter.Comparison) filter;
            return new CompiledFilter.Comparison(
                    operand(comparison.field, List.of(comparison.literal)),
                    holdsFor(comparison.operator));
        }
        if (filter instanceof RowFilter.InList) {
            RowFilter.InList in = (RowFilter.InList) filter;
            List<Object> literals = new ArrayList<>(in.literals);
            boolean listHoldsNull = literals.removeIf(literal -> literal == null);
            return new CompiledFilter.In(operand(in.field, literals), listHoldsNull);
        }
        if (filter instanceof RowFilter.NullTest) {
            RowFilter.NullTest test = (RowFilter.NullTest) filter;
            return new CompiledFilter.NullTest(column(test.field), test.isNull);
        }
        if (filter instanceof RowFilter.And) {
            return new CompiledFilter.And(compileAll(((RowFilter.And) filter).operands));
        }
        if (filter instanceof RowFilter.Or) {
            return new CompiledFilter.Or(compileAll(((RowFilter.Or) filter).operands));
        }
        if (filter instanceof RowFilter.Not) {
            return new CompiledFilter.Not(compile(((RowFilter.Not) filter).operand));
        }
        throw new IllegalArgumentException("unknown filter " + filter.getClass().getName());
    }

    private CompiledFilter[] compileAll(List<RowFilter> filters) {
        CompiledFilter[] compiled = new CompiledFilter[filters.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compile(filters.get(i));
        }
        return compiled;
    }

    private static int holdsFor(RowFilter.ComparisonOperator operator) {
        switch (operator) {
            case EQUAL:
                return FilterOperand.EQUAL;
            case NOT_EQUAL:
                return FilterOperand.LESS | FilterOperand.GREATER | FilterOperand.UNORDERED;
            case LESS_THAN:
                return FilterOperand.LESS;
            case LESS_THAN_OR_EQUAL:
                return FilterOperand.LESS | FilterOperand.EQUAL;
            case GREATER_THAN:
                return FilterOperand.GREATER;
            case GREATER_THAN_OR_EQUAL:
                return FilterOperand.GREATER | FilterOperand.EQUAL;
            default:
                throw new IllegalArgumentException("unknown operator " + operator);
        }
    }

    /** The index of a primitive field. */
    private int column(String field) {
        int index = rowType.getFieldIndex(field);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "no field '"
                            + field
                            + "' to filter on; the rows have "
                            + rowType.getFieldNames());
        }
        LogicalType type = rowType.getTypeAt(index);
        if (type.is(LogicalTypeFamily.CONSTRUCTED) || type.is(LogicalTypeFamily.USER_DEFINED)) {
            throw new IllegalArgumentException(
                    "field '"
                            + field
                            + "' is "
                            + type
                            + ": a filter reads only fields of primitive types");
        }
        return index;
    }

    private FilterOperand operand(String field, List<Object> literals) {
        int column = column(field);
        LogicalType type = rowType.getTypeAt(column);
        int n = literals.size();
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                boolean[] booleans = new boolean[n];
                for (int i = 0; i < n; i++) {
                    booleans[i] = literal(Boolean.class, field, type, literals.get(i));
                }
                return new FilterOperand.BooleanColumn(column, booleans);
            case INTEGER:
            case BIGINT:
            case DATE:
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return integral(column, field, type, literals, 0);
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                if (DecimalData.isCompact(decimal.getPrecision())) {
                    return integral(column, field, type, literals, decimal.getScale());
                }
                BigDecimal[] decimals = new BigDecimal[n];
                for (int i = 0; i < n; i++) {
                    decimals[i] = exact(field, type, literals.get(i));
                }
                return new FilterOperand.WideDecimalColumn(
                        column, decimal.getPrecision(), decimal.getScale(), decimals);
            case FLOAT:
            case DOUBLE:
                double[] doubles = new double[n];
                for (int i = 0; i < n; i++) {
                    doubles[i] = literal(Number.class, field, type, literals.get(i)).doubleValue();
                }
                return type.getTypeRoot() == LogicalTypeRoot.FLOAT
                        ? new FilterOperand.FloatColumn(column, doubles)
                        : new FilterOperand.DoubleColumn(column, doubles);
            case CHAR:
            case VARCHAR:
                byte[][] strings = new byte[n][];
                for (int i = 0; i < n; i++) {
                    strings[i] =
                            literal(String.class, field, type, literals.get(i))
                                    .getBytes(StandardCharsets.UTF_8);
                }
                return new FilterOperand.StringColumn(column, strings);
            default:
                throw new IllegalArgumentException(
                        "field '"
                                + field
                                + "' is "
                                + type
                                + ": a filter compares only BOOLEAN, INT, BIGINT, FLOAT, DOUBLE,"
                                + " DECIMAL, STRING, DATE, TIMESTAMP and TIMESTAMP_LTZ fields;"
                                + " any primitive field can be tested with IS [NOT] NULL");
        }
    }

    /**
     * Literals of a column stored as longs: each as {@code literal × 10^scale} (the unscaled value
     * of a decimal, else the literal itself) in the column's unit, as a bound and a fraction.
     */
    private static FilterOperand integral(
            int column, String field, LogicalType type, List<Object> literals, int scale) {
        int n = literals.size();
        long[] bounds = new long[n];
        byte[] fractions = new byte[n];
        for (int i = 0; i < n; i++) {
            BigDecimal value = inColumnUnit(field, type, literals.get(i)).movePointRight(scale);
            BigDecimal bound = value.setScale(0, RoundingMode.FLOOR);
            if (bound.compareTo(LONG_MAX) > 0) {
                bounds[i] = Long.MAX_VALUE;
                fractions[i] = 1;
            } else if (bound.compareTo(LONG_MIN) < 0) {
                bounds[i] = Long.MIN_VALUE;
                fractions[i] = -1;
            } else {
                bounds[i] = bound.longValueExact();
                fractions[i] = (byte) (bound.compareTo(value) == 0 ? 0 : 1);
            }
        }
        return type.getTypeRoot() == LogicalTypeRoot.INTEGER
                        || type.getTypeRoot() == LogicalTypeRoot.DATE
                ? new FilterOperand.IntColumn(column, bounds, fractions)
                : new FilterOperand.LongColumn(column, bounds, fractions);
    }

    /**
     * A literal in the unit the column stores: days for DATE, 10^-p seconds for a timestamp of
     * precision p, else the number.
     */
    private static BigDecimal inColumnUnit(String field, LogicalType type, Object literal) {
        switch (type.getTypeRoot()) {
            case DATE:
                return BigDecimal.valueOf(
                        literal(LocalDate.class, field, type, literal).toEpochDay());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                LocalDateTime local = literal(LocalDateTime.class, field, type, literal);
                return timestampUnits(
                        local.toEpochSecond(ZoneOffset.UTC),
                        local.getNano(),
                        ((TimestampType) type).getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                Instant instant = literal(Instant.class, field, type, literal);
                return timestampUnits(
                        instant.getEpochSecond(),
                        instant.getNano(),
                        ((LocalZonedTimestampType) type).getPrecision());
            default:
                return exact(field, type, literal);
        }
    }

    private static BigDecimal timestampUnits(long epochSecond, int nano, int precision) {
        return BigDecimal.valueOf(epochSecond)
                .add(BigDecimal.valueOf(nano, 9))
                .movePointRight(precision);
    }

    /** An integral or decimal literal, exactly. */
    private static BigDecimal exact(String field, LogicalType type, Object literal) {
        if (literal instanceof BigDecimal) {
            return (BigDecimal) literal;
        }
        if (literal instanceof Long
                || literal instanceof Integer
                || literal instanceof Short
                || literal instanceof Byte) {
            return BigDecimal.valueOf(((Number) literal).longValue());
        }
        throw doesNotFit(field, type, literal, "Byte, Short, Integer, Long or BigDecimal");
    }

    private static <T> T literal(Class<T> kind, String field, LogicalType type, Object literal) {
        if (!kind.isInstance(literal)) {
            throw doesNotFit(field, type, literal, kind.getSimpleName());
        }
        return kind.cast(literal);
    }

    private static IllegalArgumentException doesNotFit(
            String field, LogicalType type, Object literal, String expected) {
        return new IllegalArgumentException(
                "field '"
                        + field
                        + "' is "
                        + type
                        + ", but the literal "
                        + RowFilter.sql(literal)
                        + " is of class "
                        + literal.getClass().getSimpleName()
                        + "; the field takes "
                        + expected
                        + " literals");
    }
}
