package io.jetliner.flink.avro.decode;

import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.RowFilter.and;
import static io.jetliner.flink.avro.decode.RowFilter.equal;
import static io.jetliner.flink.avro.decode.RowFilter.greaterThan;
import static io.jetliner.flink.avro.decode.RowFilter.greaterThanOrEqual;
import static io.jetliner.flink.avro.decode.RowFilter.in;
import static io.jetliner.flink.avro.decode.RowFilter.isNotNull;
import static io.jetliner.flink.avro.decode.RowFilter.isNull;
import static io.jetliner.flink.avro.decode.RowFilter.lessThan;
import static io.jetliner.flink.avro.decode.RowFilter.lessThanOrEqual;
import static io.jetliner.flink.avro.decode.RowFilter.not;
import static io.jetliner.flink.avro.decode.RowFilter.notEqual;
import static io.jetliner.flink.avro.decode.RowFilter.or;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a filter accepts, record by record: SQL's three-valued logic, NaN as Flink SQL compares it,
 * strings by code point, literals compared exactly with the stored values of every type.
 */
class RowFilterSemanticsTest {

    private static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "long"},
              {"name": "n", "type": ["null", "int"]},
              {"name": "d", "type": ["double", "null"]},
              {"name": "f", "type": "float"},
              {"name": "s", "type": ["null", "string"]},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["RED", "GREEN", "BLUE"]}},
              {"name": "b", "type": ["null", "boolean"]},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "big", "type": ["null", {"type": "fixed", "name": "Big", "size": 12,
                  "logicalType": "decimal", "precision": 25, "scale": 3}]},
              {"name": "tags", "type": {"type": "array", "items": "string"}}]}
            """);

    private static final Schema BIG = SCHEMA.getField("big").schema().getTypes().get(1);

    private static final Instant AT_0 = Instant.parse("2024-05-01T10:00:00.000001Z");

    private static final LocalDateTime LOCAL_0 = LocalDateTime.parse("2024-05-01T10:00:00.005");

    /** Ids 0 to 5: each row's values follow from its id, with nulls and NaN in row 3. */
    private static final byte[] BLOCK =
            encode(
                    SCHEMA,
                    row(0, 1, 0.0, 1.5f, "a", "RED", true, "9.99", "1.000"),
                    row(1, 2, -0.0, -1.5f, "b", "GREEN", false, "10.00", "-1.001"),
                    row(2, 3, 2.5, 0f, "é", "BLUE", true, "-0.01", "123456789012345678901.5"),
                    row(3, null, Double.NaN, Float.NaN, null, "RED", null, "0.00", null),
                    row(4, -7, null, 100f, "\uFFFD", "GREEN", null, "1000000.00", "0"),
                    row(5, Integer.MAX_VALUE, 1e300, -0f, "\uD83D\uDE00", "BLUE", false, "5", "7"));

    private static final int RECORDS = 6;

    private static final RowType ID_ONLY =
            RowType.of(new LogicalType[] {new BigIntType(false)}, new String[] {"id"});

    @Test
    void acceptsOnlyRowsForWhichTheConditionIsTrueNeverUnknown() {
        assertThat(ids(equal("n", 2))).containsExactly(1L);
        assertThat(ids(notEqual("n", 2))).containsExactly(0L, 2L, 4L, 5L);
        assertThat(ids(not(equal("n", 2)))).containsExactly(0L, 2L, 4L, 5L);
        assertThat(ids(lessThan("n", 3))).containsExactly(0L, 1L, 4L);
        assertThat(ids(lessThanOrEqual("n", 3))).containsExactly(0L, 1L, 2L, 4L);
        assertThat(ids(greaterThan("n", 3))).containsExactly(5L);
        assertThat(ids(greaterThanOrEqual("n", 3))).containsExactly(2L, 5L);
    }

    @Test
    void combinesUnknownAsSqlDoes() {
        // row 3: n is null, so "n > 0" is UNKNOWN there
        assertThat(ids(not(greaterThan("n", 0)))).containsExactly(4L);
        assertThat(ids(or(greaterThan("n", 0), equal("id", 3L))))
                .containsExactly(0L, 1L, 2L, 3L, 5L);
        assertThat(ids(or(greaterThan("n", 0), lessThanOrEqual("n", 0)))).doesNotContain(3L);
        assertThat(ids(not(or(greaterThan("n", 0), equal("id", 4L))))).isEmpty();
        assertThat(ids(and(greaterThan("n", 0), equal("id", 3L)))).isEmpty();
        assertThat(ids(not(and(greaterThan("n", 0), equal("id", 3L)))))
                .containsExactly(0L, 1L, 2L, 4L, 5L);
        // row 3: UNKNOWN AND FALSE is FALSE
        assertThat(ids(not(and(greaterThan("n", 0), equal("id", 0L)))))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ids(not(not(greaterThan("n", 0))))).containsExactly(0L, 1L, 2L, 5L);
    }

    @Test
    void testsNullsWithoutUnknown() {
        assertThat(ids(isNull("n"))).containsExactly(3L);
        assertThat(ids(isNotNull("n"))).containsExactly(0L, 1L, 2L, 4L, 5L);
        assertThat(ids(not(isNull("s")))).containsExactly(0L, 1L, 2L, 4L, 5L);
        assertThat(ids(isNull("d"))).containsExactly(4L);
        assertThat(ids(or(isNull("b"), equal("b", false)))).containsExactly(1L, 3L, 4L, 5L);
        // a field that is NOT NULL in the file is never null
        assertThat(ids(isNull("id"))).isEmpty();
    }

    @Test
    void comparesNanAsFlinkSqlDoesNeitherLessEqualNorGreaterButUnequalToAll() {
        assertThat(ids(greaterThan("d", 0.0))).containsExactly(2L, 5L);
        assertThat(ids(lessThanOrEqual("d", 0.0))).containsExactly(0L, 1L);
        assertThat(ids(equal("d", Double.NaN))).isEmpty();
        assertThat(ids(notEqual("d", Double.NaN))).containsExactly(0L, 1L, 2L, 3L, 5L);
        assertThat(ids(notEqual("d", 2.5))).containsExactly(0L, 1L, 3L, 5L);
        assertThat(ids(in("d", Double.NaN, 2.5))).containsExactly(2L);
        assertThat(ids(not(lessThan("f", 1f)))).containsExactly(0L, 3L, 4L);
        // signed zeros are equal
        assertThat(ids(equal("d", 0.0))).containsExactly(0L, 1L);
        assertThat(ids(equal("f", -0.0))).containsExactly(2L, 5L);
    }

    @Test
    void comparesFloatsAsDoublesWithLiteralsOfAnyNumberType() {
        assertThat(ids(equal("f", 1.5))).containsExactly(0L);
        assertThat(ids(equal("f", new BigDecimal("-1.5")))).containsExactly(1L);
        assertThat(ids(greaterThan("f", 99))).containsExactly(4L);
        // 0.1f is not the double 0.1, in Flink SQL as here
        assertThat(ids(equal("d", 0.1f))).isEmpty();
        assertThat(ids(greaterThan("d", Long.MAX_VALUE))).containsExactly(5L);
    }

    @Test
    void comparesStringsByCodePointAsFlinkDoes() {
        // U+FFFD sorts before U+1F600 by code point, though not by Java's UTF-16 compareTo
        assertThat(ids(greaterThan("s", "\uFFFD"))).containsExactly(5L);
        assertThat(ids(lessThan("s", "b"))).containsExactly(0L);
        assertThat(ids(greaterThanOrEqual("s", "b"))).containsExactly(1L, 2L, 4L, 5L);
        assertThat(ids(equal("s", "é"))).containsExactly(2L);
        assertThat(ids(in("s", "a", "\uD83D\uDE00", "zz"))).containsExactly(0L, 5L);
        assertThat(ids(greaterThan("s", ""))).containsExactly(0L, 1L, 2L, 4L, 5L);
    }

    @Test
    void comparesEnumSymbolsAsStrings() {
        assertThat(ids(equal("e", "GREEN"))).containsExactly(1L, 4L);
        assertThat(ids(lessThan("e", "GREEN"))).containsExactly(2L, 5L);
        assertThat(ids(in("e", "RED", "PURPLE"))).containsExactly(0L, 3L);
        assertThat(ids(notEqual("e", "PURPLE"))).hasSize(RECORDS);
    }

    @Test
    void evaluatesInAsSqlDoesWithNullInTheList() {
        assertThat(ids(in("n", 1, 3, 99))).containsExactly(0L, 2L);
        assertThat(ids(not(in("n", 1, 3, 99)))).containsExactly(1L, 4L, 5L);
        assertThat(ids(in("n", 1, null))).containsExactly(0L);
        // NOT IN a list holding null is never TRUE
        assertThat(ids(not(in("n", 1, null)))).isEmpty();
        assertThat(ids(in("b", true))).containsExactly(0L, 2L);
    }

    @Test
    void comparesIntegralFieldsExactlyWithLiteralsOfAnyIntegralOrDecimalType() {
        assertThat(ids(greaterThan("n", new BigDecimal("2.5")))).containsExactly(2L, 5L);
        assertThat(ids(lessThanOrEqual("n", new BigDecimal("2.5")))).containsExactly(0L, 1L, 4L);
        assertThat(ids(equal("n", new BigDecimal("3.000")))).containsExactly(2L);
        assertThat(ids(equal("n", new BigDecimal("2.5")))).isEmpty();
        assertThat(ids(notEqual("id", new BigDecimal("2.5")))).hasSize(RECORDS);
        assertThat(ids(greaterThan("n", new BigDecimal("-7.5"))))
                .containsExactly(0L, 1L, 2L, 4L, 5L);
        // literals beyond the column's range, and beyond every long
        assertThat(ids(lessThan("n", (long) Integer.MAX_VALUE + 1)))
                .containsExactly(0L, 1L, 2L, 4L, 5L);
        assertThat(ids(equal("n", (long) Integer.MAX_VALUE))).containsExactly(5L);
        assertThat(ids(lessThan("id", new BigDecimal("1e30")))).hasSize(RECORDS);
        assertThat(ids(greaterThan("id", new BigDecimal("-1e30")))).hasSize(RECORDS);
        assertThat(ids(greaterThan("id", new BigDecimal("1e30")))).isEmpty();
        assertThat(ids(equal("id", (byte) 4))).containsExactly(4L);
        assertThat(ids(equal("id", (short) 4))).containsExactly(4L);
    }

    @Test
    void comparesDecimalsExactlyAtAnyScale() {
        assertThat(ids(equal("price", new BigDecimal("10")))).containsExactly(1L);
        assertThat(ids(greaterThan("price", new BigDecimal("9.985")))).containsExactly(0L, 1L, 4L);
        assertThat(ids(lessThan("price", 0))).containsExactly(2L);
        assertThat(ids(equal("price", 5L))).containsExactly(5L);
        assertThat(ids(equal("big", new BigDecimal("123456789012345678901.500"))))
                .containsExactly(2L);
        assertThat(ids(lessThan("big", new BigDecimal("-1.0005")))).containsExactly(1L);
        assertThat(ids(greaterThanOrEqual("big", 1))).containsExactly(0L, 2L, 5L);
    }

    @Test
    void comparesDatesAndTimestampsExactlyToTheNanosecond() {
        LocalDate day0 = LocalDate.ofEpochDay(0);
        assertThat(ids(equal("day", day0.plusDays(2)))).containsExactly(2L);
        assertThat(ids(lessThan("day", day0.plusDays(2)))).containsExactly(0L, 1L);
        // each row's "at" is AT_0 plus id microseconds
        assertThat(ids(equal("at", AT_0.plusNanos(2_000)))).containsExactly(2L);
        assertThat(ids(equal("at", AT_0.plusNanos(2_001)))).isEmpty();
        assertThat(ids(lessThan("at", AT_0.plusNanos(2_001)))).containsExactly(0L, 1L, 2L);
        assertThat(ids(greaterThan("at", AT_0.plusNanos(1_999)))).containsExactly(2L, 3L, 4L, 5L);
        assertThat(ids(greaterThan("at", Instant.parse("1969-12-31T23:59:59.999999999Z"))))
                .hasSize(RECORDS);
        // beyond the range of the column's microseconds as longs
        assertThat(ids(lessThan("at", Instant.MAX))).hasSize(RECORDS);
        assertThat(ids(greaterThan("at", Instant.MIN))).hasSize(RECORDS);
        // each row's "local" is LOCAL_0 plus id milliseconds
        assertThat(ids(greaterThanOrEqual("local", LOCAL_0.plusNanos(4_000_000))))
                .containsExactly(4L, 5L);
        assertThat(ids(lessThan("local", LOCAL_0.plusNanos(1)))).containsExactly(0L);
        assertThat(ids(in("local", LOCAL_0.plusNanos(1_000_000), LOCAL_0.plusNanos(1))))
                .containsExactly(1L);
    }

    @Test
    void readsFieldsThatAreNotProjected() {
        assertThat(
                        ids(
                                and(
                                        equal("s", "b"),
                                        equal("e", "GREEN"),
                                        equal("b", false),
                                        lessThan("price", 11))))
                .containsExactly(1L);
    }

    /** The ids of the records the filter accepts, decoding only the id. */
    private static List<Long> ids(RowFilter filter) {
        RecordDecoder decoder = RecordDecoder.compile(SCHEMA, ID_ONLY, filter);
        RowBatch batch = decoder.createBatch(RECORDS);
        decoder.startBlock(BLOCK, 0, BLOCK.length, RECORDS);
        List<Long> ids = new ArrayList<>();
        while (decoder.remainingRecords() > 0) {
            decoder.decode(batch, RECORDS);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(batch.recordIndex(i)).isEqualTo(batch.row(i).getLong(0));
                ids.add(batch.row(i).getLong(0));
            }
        }
        return ids;
    }

    private static GenericRecord row(
            long id,
            Integer n,
            Double d,
            float f,
            String s,
            String e,
            Boolean b,
            String price,
            String big) {
        Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
        Schema priceSchema = SCHEMA.getField("price").schema();
        ByteBuffer priceBytes =
                decimals.toBytes(
                        new BigDecimal(price).setScale(2),
                        priceSchema,
                        priceSchema.getLogicalType());
        GenericFixed bigFixed =
                big == null
                        ? null
                        : decimals.toFixed(
                                new BigDecimal(big).setScale(3), BIG, LogicalTypes.decimal(25, 3));
        long atMicros = AT_0.getEpochSecond() * 1_000_000L + AT_0.getNano() / 1_000 + id;
        long localMillis = LOCAL_0.toInstant(ZoneOffset.UTC).toEpochMilli() + id;
        return record(
                SCHEMA,
                id,
                n,
                d,
                f,
                s,
                new GenericData.EnumSymbol(SCHEMA.getField("e").schema(), e),
                b,
                (int) id,
                atMicros,
                localMillis,
                priceBytes,
                bigFixed,
                List.of("t" + id));
    }
}
