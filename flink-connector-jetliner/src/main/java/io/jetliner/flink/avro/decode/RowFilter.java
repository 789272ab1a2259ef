package io.jetliner.flink.avro.decode;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A condition on the top-level primitive fields of a file's records, evaluated while decoding: a
 * record is decoded into a row only if the condition is TRUE for it. Fields are matched by name and
 * need not be among the fields read.
 *
 * <p>The logic is SQL's, with three values: a comparison with a null value is UNKNOWN, {@code NOT}
 * of UNKNOWN is UNKNOWN, {@code AND} is FALSE if any operand is FALSE, {@code OR} is TRUE if any
 * operand is TRUE; a record whose condition is UNKNOWN is dropped, as SQL's {@code WHERE} drops it.
 *
 * <p>Literals are Java values of the field's type:
 *
 * <table border="1">
 *   <caption>Field types and their literals</caption>
 *   <tr><th>field</th><th>literal</th><th>compared</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td><td>FALSE before TRUE</td></tr>
 *   <tr><td>INT, BIGINT</td><td>{@link Byte}, {@link Short}, {@link Integer}, {@link Long},
 *       {@link BigDecimal}</td><td>exactly</td></tr>
 *   <tr><td>DECIMAL</td><td>the same</td><td>exactly</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>any of those, {@link Float}, {@link Double}</td>
 *       <td>as doubles, with Java's (and Flink SQL's) operators: NaN is neither less than, equal
 *       to nor greater than any value, and not equal to every value, itself included</td></tr>
 *   <tr><td>STRING (also enum symbols)</td><td>{@link String}</td>
 *       <td>by UTF-8 bytes, unsigned, as Flink's {@code StringData}</td></tr>
 *   <tr><td>DATE</td><td>{@link LocalDate}</td><td></td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link LocalDateTime}</td><td>exactly, to the nanosecond</td></tr>
 *   <tr><td>TIMESTAMP_LTZ</td><td>{@link Instant}</td><td>exactly, to the nanosecond</td></tr>
 * </table>
 *
 * <p>{@link #isNull} and {@link #isNotNull} apply to a field of any primitive type. Whether the
 * fields exist and the literals fit their types is checked against the files' row type ({@link
 * #validate}) when a source is built and when a decoder is compiled for a file.
 *
 * <pre>{@code
 * RowFilter filter =
 *         RowFilter.and(
 *                 RowFilter.greaterThan("amount", 100.0),
 *                 RowFilter.in("country", "FR", "DE"));
 * }</pre>
 *
 * <p>Immutable, with value equality.
 */
@PublicEvolving
public abstract class RowFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The classes a literal may be of. */
    private static final Set<Class<?>> LITERAL_CLASSES =
            Set.of(
                    Boolean.class,
                    Byte.class,
                    Short.class,
                    Integer.class,
                    Long.class,
                    Float.class,
                    Double.class,
                    BigDecimal.class,
                    String.class,
                    LocalDate.class,
                    LocalDateTime.class,
                    Instant.class);

    RowFilter() {}

    /** {@code field = value}. */
    public static RowFilter equal(String field, Object value) {
        return new Comparison(field, ComparisonOperator.EQUAL, value);
    }

    /** {@code field <> value}. */
    public static RowFilter notEqual(String field, Object value) {
        return new Comparison(field, ComparisonOperator.NOT_EQUAL, value);
    }

    /** {@code field < value}. */
    public static RowFilter lessThan(String field, Object value) {
        return new Comparison(field, ComparisonOperator.LESS_THAN, value);
    }

    /** {@code field <= value}. */
    public static RowFilter lessThanOrEqual(String field, Object value) {
        return new Comparison(field, ComparisonOperator.LESS_THAN_OR_EQUAL, value);
    }

    /** {@code field > value}. */
    public static RowFilter greaterThan(String field, Object value) {
        return new Comparison(field, ComparisonOperator.GREATER_THAN, value);
    }

    /** {@code field >= value}. */
    public static RowFilter greaterThanOrEqual(String field, Object value) {
        return new Comparison(field, ComparisonOperator.GREATER_THAN_OR_EQUAL, value);
    }

    /**
     * {@code field IN (values)}: TRUE if the field equals one of the values; else UNKNOWN if the
     * field or one of the values is null, else FALSE.
     */
    public static RowFilter in(String field, Object... values) {
        if (values == null) {
            throw new IllegalArgumentException("the values of IN are missing");
        }
        return in(field, Arrays.asList(values));
    }

    /** {@code field IN (values)}, as {@link #in(String, Object...)}. */
    public static RowFilter in(String field, Collection<?> values) {
        return new InList(field, values);
    }

    /** {@code field IS NULL}: never UNKNOWN. */
    public static RowFilter isNull(String field) {
        return new NullTest(field, true);
    }

    /** {@code field IS NOT NULL}: never UNKNOWN. */
    public static RowFilter isNotNull(String field) {
        return new NullTest(field, false);
    }

    /** {@code operands[0] AND operands[1] AND ...}: at least one operand. */
    public static RowFilter and(RowFilter... operands) {
        return and(operands == null ? null : Arrays.asList(operands));
    }

    /** The conjunction of at least one operand, as {@link #and(RowFilter...)}. */
    public static RowFilter and(List<? extends RowFilter> operands) {
        List<RowFilter> checked = operands("AND", operands);
        return checked.size() == 1 ? checked.get(0) : new And(checked);
    }

    /** {@code operands[0] OR operands[1] OR ...}: at least one operand. */
    public static RowFilter or(RowFilter... operands) {
        return or(operands == null ? null : Arrays.asList(operands));
    }

    /** The disjunction of at least one operand, as {@link #or(RowFilter...)}. */
    public static RowFilter or(List<? extends RowFilter> operands) {
        List<RowFilter> checked = operands("OR", operands);
        return checked.size() == 1 ? checked.get(0) : new Or(checked);
    }

    /** {@code NOT operand}: UNKNOWN stays UNKNOWN. */
    public static RowFilter not(RowFilter operand) {
        if (operand == null) {
            throw new IllegalArgumentException("the operand of NOT is null");
        }
        return new Not(operand);
    }

    /** The names of the fields the condition reads, in the order they first appear. */
    public final Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        collectFieldNames(names);
        return Collections.unmodifiableSet(names);
    }

    /**
     * Checks that every field exists in {@code rowType} (top-level, by name), is of a primitive
     * type the condition supports, and that every literal fits its field's type.
     *
     * @throws IllegalArgumentException naming the field, its type and what does not fit
     */
    public final void validate(RowType rowType) {
        FilterCompiler.validate(this, rowType);
    }

    abstract void collectFieldNames(Set<String> names);

    /** The condition in SQL, as the planner's plans and error messages show it. */
    @Override
    public abstract String toString();

    private static String requireField(String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("a filter's field name is missing");
        }
        return field;
    }

    private static Object requireLiteral(String field, Object value) {
        if (value != null && !LITERAL_CLASSES.contains(value.getClass())) {
            throw new IllegalArgumentException(
                    "the literal "
                            + value
                            + " for field '"
                            + field
                            + "' is a "
                            + value.getClass().getName()
                            + "; literals are "
                            + LITERAL_CLASSES.stream()
                                    .map(Class::getSimpleName)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        }
        return value;
    }

    private static List<RowFilter> operands(String operator, List<? extends RowFilter> operands) {
        if (operands == null || operands.isEmpty()) {
            throw new IllegalArgumentException(operator + " needs at least one operand");
        }
        for (RowFilter operand : operands) {
            if (operand == null) {
                throw new IllegalArgumentException("an operand of " + operator + " is null");
            }
        }
        return List.copyOf(operands);
    }

    /** A literal as SQL writes it. */
    static String sql(Object literal) {
        if (literal == null) {
            return "NULL";
        }
        if (literal instanceof String) {
            return "'" + ((String) literal).replace("'", "''") + "'";
        }
        if (literal instanceof LocalDate) {
            return "DATE '" + literal + "'";
        }
        if (literal instanceof LocalDateTime) {
            return "TIMESTAMP '" + literal.toString().replace('T', ' ') + "'";
        }
        if (literal instanceof Instant) {
            return "TIMESTAMP_LTZ '" + literal + "'";
        }
        if (literal instanceof BigDecimal) {
            return ((BigDecimal) literal).toPlainString();
        }
        if (literal instanceof Boolean) {
            return literal.toString().toUpperCase(java.util.Locale.ROOT);
        }
        return literal.toString();
    }

    private static String quotedName(String field) {
        return "`" + field.replace("`", "``") + "`";
    }

    /** The operators of {@link Comparison}. */
    enum ComparisonOperator {
        EQUAL("="),
        NOT_EQUAL("<>"),
        LESS_THAN("<"),
        LESS_THAN_OR_EQUAL("<="),
        GREATER_THAN(">"),
        GREATER_THAN_OR_EQUAL(">=");

        final String symbol;

        ComparisonOperator(String symbol) {
            this.symbol = symbol;
        }
    }

    /** A field compared with a literal. */
    static final class Comparison extends RowFilter {
        private static final long serialVersionUID = 1L;

        final String field;
        final ComparisonOperator operator;
        final Object literal;

        Comparison(String field, ComparisonOperator operator, Object literal) {
            this.field = requireField(field);
            this.operator = operator;
            if (literal == null) {
                throw new IllegalArgumentException(
                        "field '"
                                + field
                                + "' compared with null: a comparison with null is never TRUE;"
                                + " use isNull or isNotNull");
            }
            this.literal = requireLiteral(field, literal);
        }

        @Override
        void collectFieldNames(Set<String> names) {
            names.add(field);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Comparison)) {
                return false;
            }
            Comparison that = (Comparison) other;
            return field.equals(that.field)
                    && operator == that.operator
                    && literal.equals(that.literal);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass().getSimpleName(), field, operator, literal);
        }

        @Override
        public String toString() {
            return quotedName(field) + " " + operator.symbol + " " + sql(literal);
        }
    }

    /** A field in a list of literals, null among them maybe. */
    static final class InList extends RowFilter {
        private static final long serialVersionUID = 1L;

        final String field;
        final List<Object> literals;

        InList(String field, Collection<?> literals) {
            this.field = requireField(field);
            if (literals == null || literals.isEmpty()) {
                throw new IllegalArgumentException(
                        "field '" + field + "' IN an empty list: give at least one value");
            }
            List<Object> checked = new ArrayList<>(literals.size());
            for (Object literal : literals) {
                checked.add(requireLiteral(field, literal));
            }
            this.literals = Collections.unmodifiableList(checked);
        }

        @Override
        void collectFieldNames(Set<String> names) {
            names.add(field);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof InList)) {
                return false;
            }
            InList that = (InList) other;
            return field.equals(that.field) && literals.equals(that.literals);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass().getSimpleName(), field, literals);
        }

        @Override
        public String toString() {
            return quotedName(field)
                    + " IN ("
                    + literals.stream().map(RowFilter::sql).collect(Collectors.joining(", "))
                    + ")";
        }
    }

    /** {@code IS NULL} or {@code IS NOT NULL}. */
    static final class NullTest extends RowFilter {
        private static final long serialVersionUID = 1L;

        final String field;
        final boolean isNull;

        NullTest(String field, boolean isNull) {
            this.field = requireField(field);
            this.isNull = isNull;
        }

        @Override
        void collectFieldNames(Set<String> names) {
            names.add(field);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof NullTest)) {
                return false;
            }
            NullTest that = (NullTest) other;
            return field.equals(that.field) && isNull == that.isNull;
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass().getSimpleName(), field, isNull);
        }

        @Override
        public String toString() {
            return quotedName(field) + (isNull ? " IS NULL" : " IS NOT NULL");
        }
    }

    /** Two or more operands joined by one connective: {@link And} or {@link Or}. */
    abstract static class Junction extends RowFilter {
        private static final long serialVersionUID = 1L;

        final List<RowFilter> operands;
        private final String connective;

        Junction(List<RowFilter> operands, String connective) {
            this.operands = operands;
            this.connective = connective;
        }

        @Override
        void collectFieldNames(Set<String> names) {
            operands.forEach(operand -> operand.collectFieldNames(names));
        }

        @Override
        public boolean equals(Object other) {
            return other != null
                    && other.getClass() == getClass()
                    && operands.equals(((Junction) other).operands);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass().getSimpleName(), operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(joining(" " + connective + " "));
        }
    }

    /** All of two or more operands. */
    static final class And extends Junction {
        private static final long serialVersionUID = 1L;

        And(List<RowFilter> operands) {
            super(operands, "AND");
        }
    }

    /** Any of two or more operands. */
    static final class Or extends Junction {
        private static final long serialVersionUID = 1L;

        Or(List<RowFilter> operands) {
            super(operands, "OR");
        }
    }

    /** The negation of an operand. */
    static final class Not extends RowFilter {
        private static final long serialVersionUID = 1L;

        final RowFilter operand;

        Not(RowFilter operand) {
            this.operand = Objects.requireNonNull(operand);
        }

        @Override
        void collectFieldNames(Set<String> names) {
            operand.collectFieldNames(names);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Not)) {
                return false;
            }
            Not that = (Not) other;
            return operand.equals(that.operand);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass().getSimpleName(), operand);
        }

        @Override
        public String toString() {
            return "NOT (" + operand + ")";
        }
    }

    /** Joins operands, each in parentheses, so that the text reads as the tree is built. */
    private static java.util.stream.Collector<CharSequence, ?, String> joining(String operator) {
        return Collectors.joining(") " + operator.trim() + " (", "(", ")");
    }
}
