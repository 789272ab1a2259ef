package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.util.InstantiationUtil;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static io.jetliner.flink.avro.decode.RowFilter.and;
import static io.jetliner.flink.avro.decode.RowFilter.equal;
import static io.jetliner.flink.avro.decode.RowFilter.greaterThan;
import static io.jetliner.flink.avro.decode.RowFilter.in;
import static io.jetliner.flink.avro.decode.RowFilter.isNotNull;
import static io.jetliner.flink.avro.decode.RowFilter.isNull;
import static io.jetliner.flink.avro.decode.RowFilter.lessThan;
import static io.jetliner.flink.avro.decode.RowFilter.not;
import static io.jetliner.flink.avro.decode.RowFilter.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filter model: how it is built, printed, compared, shipped, and checked against a file. */
class RowFilterTest {

    private static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "long"},
              {"name": "name", "type": ["null", "string"]},
              {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "raw", "type": "bytes"},
              {"name": "nothing", "type": "null"},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "either", "type": ["int", "string"]}]}
            """);

    @Test
    void printsAsSqlWithEveryOperandInParentheses() {
        RowFilter filter =
                or(
                        and(greaterThan("id", 5L), not(equal("name", "it's"))),
                        in("name", "a", null),
                        isNull("ts"),
                        isNotNull("name"),
                        lessThan("day", LocalDate.of(2024, 1, 2)),
                        equal("at", LocalDateTime.of(2024, 1, 2, 3, 4, 5)),
                        equal("at", Instant.ofEpochSecond(0)),
                        equal("flag", true),
                        equal("price", new BigDecimal("1E+2")));

        assertThat(filter.toString())
                .isEqualTo(
                        "((`id` > 5) AND (NOT (`name` = 'it''s'))) OR (`name` IN ('a', NULL)) OR"
                                + " (`ts` IS NULL) OR (`name` IS NOT NULL) OR (`day` < DATE"
                                + " '2024-01-02') OR (`at` = TIMESTAMP '2024-01-02 03:04:05') OR"
                                + " (`at` = TIMESTAMP_LTZ '1970-01-01T00:00:00Z') OR (`flag` ="
                                + " TRUE) OR (`price` = 100)");
    }

    @Test
    void namesItsFieldsInTheOrderTheyFirstAppear() {
        RowFilter filter = or(and(equal("b", 1), equal("a", 2)), not(isNull("b")), isNull("c"));

        assertThat(filter.fieldNames()).containsExactly("b", "a", "c");
    }

    @Test
    void equalsAFilterBuiltAlikeAndSurvivesSerialization() throws Exception {
        RowFilter filter = and(greaterThan("id", 5L), in("name", "a", null), not(isNull("ts")));
        RowFilter same = and(greaterThan("id", 5L), in("name", "a", null), not(isNull("ts")));

        assertThat(filter).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(filter).isNotEqualTo(and(greaterThan("id", 6L), in("name", "a", null)));
        assertThat(equal("id", 5L)).isNotEqualTo(equal("id", 5));
        assertThat(isNull("id")).isNotEqualTo(isNotNull("id"));
        RowFilter copy =
                InstantiationUtil.deserializeObject(
                        InstantiationUtil.serializeObject(filter), getClass().getClassLoader());
        assertThat(copy).isEqualTo(filter);
    }

    @Test
    void takesOneOperandOfAndOrAsTheOperandItself() {
        assertThat(and(equal("id", 1L))).isEqualTo(equal("id", 1L));
        assertThat(or(List.of(isNull("id")))).isEqualTo(isNull("id"));
    }

    @Test
    void refusesWhatCannotBeAFilter() {
        assertThatThrownBy(() -> equal("id", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("isNull");
        assertThatThrownBy(() -> equal("id", new StringBuilder("5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder")
                .hasMessageContaining("BigDecimal");
        assertThatThrownBy(() -> in("id")).hasMessageContaining("empty list");
        assertThatThrownBy(() -> equal("", 1)).hasMessageContaining("field name is missing");
        assertThatThrownBy(() -> and()).hasMessageContaining("at least one operand");
        assertThatThrownBy(() -> or(equal("id", 1L), null)).hasMessageContaining("is null");
        assertThatThrownBy(() -> not(null)).hasMessageContaining("null");
    }

    @Test
    void validatesFieldsAndLiteralsAgainstTheRowType() {
        var rowType = AvroTypes.toRowType(SCHEMA);

        equal("id", 5).validate(rowType);
        or(isNull("raw"), isNull("nothing"), greaterThan("ts", Instant.EPOCH)).validate(rowType);
        assertThatThrownBy(() -> equal("missing", 1).validate(rowType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no field 'missing'")
                .hasMessageContaining("[id, name, ts, raw, nothing, tags, either]");
        assertThatThrownBy(() -> isNull("tags").validate(rowType))
                .hasMessageContaining("field 'tags' is ARRAY<STRING NOT NULL> NOT NULL")
                .hasMessageContaining("primitive");
        assertThatThrownBy(() -> isNull("either").validate(rowType))
                .hasMessageContaining("field 'either' is ROW");
        assertThatThrownBy(() -> equal("raw", "x").validate(rowType))
                .hasMessageContaining("field 'raw' is BYTES NOT NULL")
                .hasMessageContaining("IS [NOT] NULL");
        assertThatThrownBy(() -> greaterThan("id", 2.5).validate(rowType))
                .hasMessageContaining(
                        "field 'id' is BIGINT NOT NULL, but the literal 2.5 is of class Double")
                .hasMessageContaining("Byte, Short, Integer, Long or BigDecimal");
        assertThatThrownBy(() -> equal("name", 5).validate(rowType))
                .hasMessageContaining("takes String literals");
        assertThatThrownBy(() -> equal("ts", LocalDateTime.of(2024, 1, 1, 0, 0)).validate(rowType))
                .hasMessageContaining("TIMESTAMP_LTZ(3)")
                .hasMessageContaining("takes Instant literals");
        assertThatThrownBy(() -> in("id", 1L, "2").validate(rowType))
                .hasMessageContaining("the literal '2' is of class String");
    }

    @Test
    void compilingADecoderForAFileTheFilterDoesNotFitIsAnIncompatibleSchema() {
        assertThatThrownBy(() -> RecordDecoder.compile(SCHEMA, null, equal("nope", 1)))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e ->
                                assertThat(e.kind())
                                        .isEqualTo(JetlinerException.Kind.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("`nope` = 1")
                .hasMessageContaining("no field 'nope'");
    }
}
