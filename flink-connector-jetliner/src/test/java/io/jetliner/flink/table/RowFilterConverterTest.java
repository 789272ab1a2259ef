package io.jetliner.flink.table;

import io.jetliner.flink.avro.decode.RowFilter;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of Flink's resolved filter expressions become {@link RowFilter}s, and which ones. */
class RowFilterConverterTest {

    private static final DataType COLUMNS =
            DataTypes.ROW(
                    DataTypes.FIELD("n", DataTypes.INT()),
                    DataTypes.FIELD("big", DataTypes.BIGINT().notNull()),
                    DataTypes.FIELD("f", DataTypes.FLOAT()),
                    DataTypes.FIELD("d", DataTypes.DOUBLE()),
                    DataTypes.FIELD("s", DataTypes.STRING()),
                    DataTypes.FIELD("flag", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("price", DataTypes.DECIMAL(9, 2)),
                    DataTypes.FIELD("day", DataTypes.DATE()),
                    DataTypes.FIELD("local", DataTypes.TIMESTAMP(6)),
                    DataTypes.FIELD("at", DataTypes.TIMESTAMP_LTZ(3)),
                    DataTypes.FIELD("raw", DataTypes.BYTES()),
                    DataTypes.FIELD("r", DataTypes.ROW(DataTypes.FIELD("x", DataTypes.INT()))));

    private static final RowFilterConverter CONVERTER =
            new RowFilterConverter((RowType) COLUMNS.getLogicalType(), false);

    @Test
    void convertsEachComparisonWithTheColumnOnEitherSide() {
        assertThat(convert(call(BuiltInFunctionDefinitions.EQUALS, column("n"), literal(5))))
                .contains(RowFilter.equal("n", 5L));
        assertThat(convert(call(BuiltInFunctionDefinitions.NOT_EQUALS, literal(5), column("n"))))
                .contains(RowFilter.notEqual("n", 5L));
        assertThat(convert(call(BuiltInFunctionDefinitions.LESS_THAN, literal(5), column("n"))))
                .contains(RowFilter.greaterThan("n", 5L));
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                                        literal(5L),
                                        column("big"))))
                .contains(RowFilter.greaterThanOrEqual("big", 5L));
        assertThat(convert(call(BuiltInFunctionDefinitions.GREATER_THAN, literal(5), column("n"))))
                .contains(RowFilter.lessThan("n", 5L));
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                                        column("s"),
                                        literal("x"))))
                .contains(RowFilter.greaterThanOrEqual("s", "x"));
    }

    @Test
    void convertsLiteralsOfEveryComparableType() {
        BigDecimal half = new BigDecimal("2.50");
        LocalDate day = LocalDate.of(2024, 2, 29);
        LocalDateTime local = LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456_789_000);
        Instant at = Instant.parse("2024-02-29T01:02:03.456Z");

        assertThat(equal("n", literal(half))).contains(RowFilter.equal("n", half));
        assertThat(equal("price", literal(7))).contains(RowFilter.equal("price", 7L));
        assertThat(equal("price", literal(half))).contains(RowFilter.equal("price", half));
        assertThat(equal("d", literal(2.5))).contains(RowFilter.equal("d", 2.5));
        assertThat(equal("d", literal(3))).contains(RowFilter.equal("d", 3.0));
        assertThat(equal("f", literal(0.5f))).contains(RowFilter.equal("f", 0.5));
        assertThat(equal("flag", literal(true))).contains(RowFilter.equal("flag", true));
        assertThat(equal("day", literal(day))).contains(RowFilter.equal("day", day));
        assertThat(equal("local", literal(local))).contains(RowFilter.equal("local", local));
        assertThat(equal("at", literal(at, DataTypes.TIMESTAMP_LTZ(3))))
                .contains(RowFilter.equal("at", at));
    }

    @Test
    void convertsInNullTestsTruthTestsAndTheirCombinations() {
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.IN,
                                        column("s"),
                                        literal("a"),
                                        new ValueLiteralExpression(null, DataTypes.STRING()),
                                        literal("b"))))
                .contains(RowFilter.in("s", "a", null, "b"));
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_NULL, column("raw"))))
                .contains(RowFilter.isNull("raw"));
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_NOT_NULL, column("d"))))
                .contains(RowFilter.isNotNull("d"));
        assertThat(convert(column("flag"))).contains(RowFilter.equal("flag", true));
        RowFilter isTrue =
                RowFilter.and(RowFilter.isNotNull("flag"), RowFilter.equal("flag", true));
        RowFilter isFalse =
                RowFilter.and(RowFilter.isNotNull("flag"), RowFilter.equal("flag", false));
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_TRUE, column("flag"))))
                .contains(isTrue);
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_NOT_TRUE, column("flag"))))
                .contains(RowFilter.not(isTrue));
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_FALSE, column("flag"))))
                .contains(isFalse);
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_NOT_FALSE, column("flag"))))
                .contains(RowFilter.not(isFalse));
        ResolvedExpression nPositive =
                call(BuiltInFunctionDefinitions.GREATER_THAN, column("n"), literal(0));
        ResolvedExpression noNote = call(BuiltInFunctionDefinitions.IS_NULL, column("s"));
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.NOT,
                                        call(
                                                BuiltInFunctionDefinitions.OR,
                                                nPositive,
                                                call(
                                                        BuiltInFunctionDefinitions.AND,
                                                        noNote,
                                                        column("flag"))))))
                .contains(
                        RowFilter.not(
                                RowFilter.or(
                                        RowFilter.greaterThan("n", 0L),
                                        RowFilter.and(
                                                RowFilter.isNull("s"),
                                                RowFilter.equal("flag", true)))));
    }

    @Test
    void convertsNothingWhereFlinkWouldCompareOtherwiseOrTheDecoderCannotRead() {
        // a function of a column, two columns, a null literal
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.EQUALS,
                                        call(BuiltInFunctionDefinitions.UPPER, column("s")),
                                        literal("X"))))
                .isEmpty();
        assertThat(convert(call(BuiltInFunctionDefinitions.EQUALS, column("n"), column("big"))))
                .isEmpty();
        assertThat(equal("n", new ValueLiteralExpression(null, DataTypes.INT()))).isEmpty();
        // columns the decoder does not compare, or that are not in the records
        assertThat(equal("raw", literal(new byte[] {1}))).isEmpty();
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_NULL, column("r")))).isEmpty();
        assertThat(convert(call(BuiltInFunctionDefinitions.IS_NULL, column("dt")))).isEmpty();
        // literals Flink would compare as another type than the decoder
        assertThat(equal("n", literal(2.5))).isEmpty();
        assertThat(equal("f", literal(3))).isEmpty();
        assertThat(equal("d", literal(new BigDecimal("0.1")))).isEmpty();
        assertThat(equal("s", literal(5))).isEmpty();
        assertThat(equal("at", literal(LocalDateTime.of(2024, 1, 1, 0, 0)))).isEmpty();
        assertThat(
                        new RowFilterConverter((RowType) COLUMNS.getLogicalType(), true)
                                .convert(
                                        call(
                                                BuiltInFunctionDefinitions.EQUALS,
                                                column("local"),
                                                literal(LocalDateTime.of(2024, 1, 1, 0, 0)))))
                .as("a TIMESTAMP column may be an instant under the legacy mapping")
                .isEmpty();
        // all or nothing
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.OR,
                                        call(BuiltInFunctionDefinitions.IS_NULL, column("n")),
                                        call(
                                                BuiltInFunctionDefinitions.EQUALS,
                                                call(BuiltInFunctionDefinitions.UPPER, column("s")),
                                                literal("X")))))
                .isEmpty();
        assertThat(
                        convert(
                                call(
                                        BuiltInFunctionDefinitions.IN,
                                        column("n"),
                                        literal(1),
                                        column("big"))))
                .isEmpty();
    }

    private static Optional<RowFilter> equal(String name, ResolvedExpression literal) {
        return convert(call(BuiltInFunctionDefinitions.EQUALS, column(name), literal));
    }

    private static Optional<RowFilter> convert(ResolvedExpression expression) {
        return CONVERTER.convert(expression);
    }

    private static FieldReferenceExpression column(String name) {
        RowType row = (RowType) COLUMNS.getLogicalType();
        int index = row.getFieldIndex(name);
        DataType type =
                index < 0
                        ? DataTypes.STRING()
                        : TypeConversions.fromLogicalToDataType(row.getTypeAt(index));
        return new FieldReferenceExpression(name, type, 0, Math.max(index, 0));
    }

    private static ValueLiteralExpression literal(Object value) {
        return new ValueLiteralExpression(value);
    }

    private static ValueLiteralExpression literal(Object value, DataType type) {
        return new ValueLiteralExpression(value, type.notNull());
    }

    private static CallExpression call(
            BuiltInFunctionDefinition function, ResolvedExpression... args) {
        return CallExpression.permanent(function, Arrays.asList(args), DataTypes.BOOLEAN());
    }
}
