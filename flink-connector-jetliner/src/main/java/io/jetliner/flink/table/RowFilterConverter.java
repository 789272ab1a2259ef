package io.jetliner.flink.table;

import io.jetliner.flink.avro.decode.RowFilter;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Converts the filters Flink's planner offers to a table source into {@link RowFilter}s that the
 * decoder evaluates, where the conversion keeps Flink SQL's result for every row.
 *
 * <p>Converted: {@code =, <>, <, <=, >, >=} between a column and a literal (either order), {@code
 * IN} of literals, {@code IS [NOT] NULL}, {@code AND}, {@code OR}, {@code NOT}, and a BOOLEAN
 * column as a condition of its own ({@code WHERE active}, {@code active IS [NOT] TRUE|FALSE}), on
 * columns read from the Avro records. Each comparison is converted only where Flink compares the
 * two types as the decoder does:
 *
 * <table border="1">
 *   <caption>Comparisons converted</caption>
 *   <tr><th>column</th><th>literal</th></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>INT, BIGINT, DECIMAL</td><td>TINYINT, SMALLINT, INT, BIGINT, DECIMAL (exact)</td></tr>
 *   <tr><td>FLOAT</td><td>FLOAT, DOUBLE</td></tr>
 *   <tr><td>DOUBLE</td><td>TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE</td></tr>
 *   <tr><td>CHAR, VARCHAR, STRING</td><td>CHAR, VARCHAR</td></tr>
 *   <tr><td>DATE</td><td>DATE</td></tr>
 *   <tr><td>TIMESTAMP</td><td>TIMESTAMP, unless {@code timestamp-mapping.legacy} is set (a
 *       TIMESTAMP column may then be an instant in the file)</td></tr>
 *   <tr><td>TIMESTAMP_LTZ</td><td>TIMESTAMP_LTZ</td></tr>
 * </table>
 *
 * <p>Anything else, such as a function of a column ({@code UPPER(s) = 'X'}), a cast, a comparison
 * of two columns, a null literal in a comparison, a column of a partition, a metadata column or a
 * ROW, ARRAY or MAP column, is not converted: an expression converts entirely or not at all.
 */
@Internal
final class RowFilterConverter {

    private static final Set<LogicalTypeRoot> INTEGRAL_LITERALS =
            EnumSet.of(
                    LogicalTypeRoot.TINYINT,
                    LogicalTypeRoot.SMALLINT,
                    LogicalTypeRoot.INTEGER,
                    LogicalTypeRoot.BIGINT);

    private static final Map<FunctionDefinition, BiFunction<String, Object, RowFilter>>
            COMPARISONS =
                    Map.of(
                            BuiltInFunctionDefinitions.EQUALS, RowFilter::equal,
                            BuiltInFunctionDefinitions.NOT_EQUALS, RowFilter::notEqual,
                            BuiltInFunctionDefinitions.LESS_THAN, RowFilter::lessThan,
                            BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                                    RowFilter::lessThanOrEqual,
                            BuiltInFunctionDefinitions.GREATER_THAN, RowFilter::greaterThan,
                            BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                                    RowFilter::greaterThanOrEqual);

    /** The comparison {@code literal OP column} is, as {@code column OP' literal}. */
    private static final Map<FunctionDefinition, FunctionDefinition> MIRRORED =
            Map.of(
                    BuiltInFunctionDefinitions.EQUALS, BuiltInFunctionDefinitions.EQUALS,
                    BuiltInFunctionDefinitions.NOT_EQUALS, BuiltInFunctionDefinitions.NOT_EQUALS,
                    BuiltInFunctionDefinitions.LESS_THAN, BuiltInFunctionDefinitions.GREATER_THAN,
                    BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                            BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                    BuiltInFunctionDefinitions.GREATER_THAN, BuiltInFunctionDefinitions.LESS_THAN,
                    BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                            BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL);

    private final RowType avroColumns;
    private final boolean legacyTimestamps;

    /**
     * @param avroColumns the columns read from the Avro records, as declared: the physical columns
     *     without the partition keys
     * @param legacyTimestamps whether {@code timestamp-mapping.legacy} is set
     */
    RowFilterConverter(RowType avroColumns, boolean legacyTimestamps) {
        this.avroColumns = avroColumns;
        this.legacyTimestamps = legacyTimestamps;
    }

    /** The filter that keeps exactly the rows {@code expression} is TRUE for, if there is one. */
    Optional<RowFilter> convert(ResolvedExpression expression) {
        RowFilter filter = filter(expression);
        if (filter == null) {
            return Optional.empty();
        }
        // Converted by the rules above, it fits its columns; a filter that does not is kept back
        // rather than failing the job.
        try {
            filter.validate(avroColumns);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(filter);
    }

    /** The filter of a condition, or null. */
    private RowFilter filter(ResolvedExpression expression) {
        if (expression instanceof FieldReferenceExpression) {
            String column = booleanColumn(expression);
            return column == null ? null : RowFilter.equal(column, true);
        }
        if (!(expression instanceof CallExpression)) {
            return null;
        }
        CallExpression call = (CallExpression) expression;
        FunctionDefinition function = call.getFunctionDefinition();
        List<ResolvedExpression> operands = call.getResolvedChildren();
        if (COMPARISONS.containsKey(function)) {
            return comparison(function, operands);
        }
        if (function == BuiltInFunctionDefinitions.IN) {
            return in(operands);
        }
        if (function == BuiltInFunctionDefinitions.IS_NULL
                || function == BuiltInFunctionDefinitions.IS_NOT_NULL) {
            String column = operands.size() == 1 ? column(operands.get(0)) : null;
            return column == null
                    ? null
                    : function == BuiltInFunctionDefinitions.IS_NULL
                            ? RowFilter.isNull(column)
                            : RowFilter.isNotNull(column);
        }
        if (function == BuiltInFunctionDefinitions.IS_TRUE
                || function == BuiltInFunctionDefinitions.IS_NOT_TRUE) {
            return truthTest(operands, true, function == BuiltInFunctionDefinitions.IS_NOT_TRUE);
        }
        if (function == BuiltInFunctionDefinitions.IS_FALSE
                || function == BuiltInFunctionDefinitions.IS_NOT_FALSE) {
            return truthTest(operands, false, function == BuiltInFunctionDefinitions.IS_NOT_FALSE);
        }
        if (function == BuiltInFunctionDefinitions.NOT) {
            RowFilter operand = operands.size() == 1 ? filter(operands.get(0)) : null;
            return operand == null ? null : RowFilter.not(operand);
        }
        if (function == BuiltInFunctionDefinitions.AND
                || function == BuiltInFunctionDefinitions.OR) {
            List<RowFilter> converted = new ArrayList<>(operands.size());
            for (ResolvedExpression operand : operands) {
                RowFilter filter = filter(operand);
                if (filter == null) {
                    return null;
                }
                converted.add(filter);
            }
            if (converted.isEmpty()) {
                return null;
            }
            return function == BuiltInFunctionDefinitions.AND
                    ? RowFilter.and(converted)
                    : RowFilter.or(converted);
        }
        return null;
    }

    private RowFilter comparison(FunctionDefinition function, List<ResolvedExpression> operands) {
        if (operands.size() != 2) {
            return null;
        }
        ResolvedExpression left = operands.get(0);
        ResolvedExpression right = operands.get(1);
        if (left instanceof ValueLiteralExpression && right instanceof FieldReferenceExpression) {
            return comparison(MIRRORED.get(function), List.of(right, left));
        }
        String column = column(left);
        if (column == null || !(right instanceof ValueLiteralExpression)) {
            return null;
        }
        Object literal = literal((ValueLiteralExpression) right, columnType(column));
        return literal == null ? null : COMPARISONS.get(function).apply(column, literal);
    }

    private RowFilter in(List<ResolvedExpression> operands) {
        String column = operands.isEmpty() ? null : column(operands.get(0));
        if (column == null || operands.size() < 2) {
            return null;
        }
        List<Object> literals = new ArrayList<>(operands.size() - 1);
        for (ResolvedExpression operand : operands.subList(1, operands.size())) {
            if (!(operand instanceof ValueLiteralExpression)) {
                return null;
            }
            ValueLiteralExpression literal = (ValueLiteralExpression) operand;
            if (literal.isNull()) {
                literals.add(null);
                continue;
            }
            Object value = literal(literal, columnType(column));
            if (value == null) {
                return null;
            }
            literals.add(value);
        }
        return RowFilter.in(column, literals);
    }

    /**
     * {@code column IS [NOT] TRUE|FALSE}: never UNKNOWN, so a null column is not TRUE, nor FALSE.
     */
    private RowFilter truthTest(List<ResolvedExpression> operands, boolean value, boolean negated) {
        String column = operands.size() == 1 ? booleanColumn(operands.get(0)) : null;
        if (column == null) {
            return null;
        }
        RowFilter test = RowFilter.and(RowFilter.isNotNull(column), RowFilter.equal(column, value));
        return negated ? RowFilter.not(test) : test;
    }

    /** The name of the Avro column of a primitive type that {@code expression} is, or null. */
    private String column(ResolvedExpression expression) {
        if (!(expression instanceof FieldReferenceExpression)) {
            return null;
        }
        String name = ((FieldReferenceExpression) expression).getName();
        LogicalType type = columnType(name);
        return type == null
                        || type.is(LogicalTypeFamily.CONSTRUCTED)
                        || type.is(LogicalTypeFamily.USER_DEFINED)
                ? null
                : name;
    }

    private String booleanColumn(ResolvedExpression expression) {
        String column = column(expression);
        return column != null && columnType(column).is(LogicalTypeRoot.BOOLEAN) ? column : null;
    }

    private LogicalType columnType(String name) {
        int index = avroColumns.getFieldIndex(name);
        return index < 0 ? null : avroColumns.getTypeAt(index);
    }

    /**
     * The Java value of a non-null literal that Flink compares with a column of {@code column}'s
     * type as the decoder does, or null.
     */
    private Object literal(ValueLiteralExpression literal, LogicalType column) {
        if (literal.isNull()) {
            return null;
        }
        LogicalTypeRoot type = literal.getOutputDataType().getLogicalType().getTypeRoot();
        switch (column.getTypeRoot()) {
            case BOOLEAN:
                return type == LogicalTypeRoot.BOOLEAN ? value(literal, Boolean.class) : null;
            case INTEGER:
            case BIGINT:
            case DECIMAL:
                if (INTEGRAL_LITERALS.contains(type)) {
                    Number number = value(literal, Number.class);
                    return number == null ? null : number.longValue();
                }
                return type == LogicalTypeRoot.DECIMAL ? value(literal, BigDecimal.class) : null;
            case FLOAT:
            case DOUBLE:
                boolean floating = type == LogicalTypeRoot.FLOAT || type == LogicalTypeRoot.DOUBLE;
                // an integer becomes a float, not a double, beside a FLOAT in Java and Flink SQL
                if (floating
                        || (INTEGRAL_LITERALS.contains(type)
                                && column.is(LogicalTypeRoot.DOUBLE))) {
                    Number number = value(literal, Number.class);
                    return number == null ? null : number.doubleValue();
                }
                return null;
            case CHAR:
            case VARCHAR:
                return type == LogicalTypeRoot.CHAR || type == LogicalTypeRoot.VARCHAR
                        ? value(literal, String.class)
                        : null;
            case DATE:
                return type == LogicalTypeRoot.DATE ? value(literal, LocalDate.class) : null;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return type == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE && !legacyTimestamps
                        ? value(literal, LocalDateTime.class)
                        : null;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return type == LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                        ? value(literal, Instant.class)
                        : null;
            default:
                return null;
        }
    }

    private static <T> T value(ValueLiteralExpression literal, Class<T> kind) {
        return literal.getValueAs(kind).orElse(null);
    }
}
