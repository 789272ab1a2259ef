package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.TimestampData;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.fixed;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.FlinkRows.array;
import static io.jetliner.flink.avro.decode.FlinkRows.decode;
import static io.jetliner.flink.avro.decode.FlinkRows.row;
import static io.jetliner.flink.avro.decode.FlinkRows.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Avro type decodes to the Flink internal value of its mapped type. */
class RecordDecoderTypesTest {

    @Test
    void decodesPrimitivesToTheirValues() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "P", "fields": [
                  {"name": "b", "type": "boolean"},
                  {"name": "i", "type": "int"},
                  {"name": "l", "type": "long"},
                  {"name": "f", "type": "float"},
                  {"name": "d", "type": "double"},
                  {"name": "s", "type": "string"},
                  {"name": "y", "type": "bytes"},
                  {"name": "n", "type": "null"}]}
                """);
        byte[] block =
                encode(
                        schema,
                        record(schema, true, 0, 0L, 0f, 0d, "", AvroBlocks.bytes(), null),
                        record(
                                schema,
                                false,
                                Integer.MIN_VALUE,
                                Long.MIN_VALUE,
                                Float.NaN,
                                Double.NEGATIVE_INFINITY,
                                "größe ✈ 𝄞",
                                AvroBlocks.bytes(0, 0xff, 0x80),
                                null),
                        record(
                                schema,
                                true,
                                Integer.MAX_VALUE,
                                Long.MAX_VALUE,
                                -1.5f,
                                Double.MIN_VALUE,
                                "x".repeat(300),
                                AvroBlocks.bytes(7),
                                null));

        assertThat(decode(schema, block, 3))
                .containsExactly(
                        row(true, 0, 0L, 0f, 0d, str(""), new byte[0], null),
                        row(
                                false,
                                Integer.MIN_VALUE,
                                Long.MIN_VALUE,
                                Float.NaN,
                                Double.NEGATIVE_INFINITY,
                                str("größe ✈ 𝄞"),
                                new byte[] {0, (byte) 0xff, (byte) 0x80},
                                null),
                        row(
                                true,
                                Integer.MAX_VALUE,
                                Long.MAX_VALUE,
                                -1.5f,
                                Double.MIN_VALUE,
                                str("x".repeat(300)),
                                new byte[] {7},
                                null));
    }

    @Test
    void decodesFixedAndEnumAndBothKindsOfUuid() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "R", "fields": [
                  {"name": "f", "type": {"type": "fixed", "name": "F3", "size": 3}},
                  {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "BÄ", "C"]}},
                  {"name": "us", "type": {"type": "string", "logicalType": "uuid"}},
                  {"name": "uf", "type": {"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}},
                  {"name": "z", "type": {"type": "fixed", "name": "Z", "size": 0}}]}
                """);
        Schema f3 = schema.getField("f").schema();
        Schema enumSchema = schema.getField("e").schema();
        Schema uuidFixed = schema.getField("uf").schema();
        Schema empty = schema.getField("z").schema();
        byte[] uuidBytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            uuidBytes[i] = (byte) (0xf0 + i);
        }
        byte[] block =
                encode(
                        schema,
                        record(
                                schema,
                                fixed(f3, new byte[] {1, 2, 3}),
                                new GenericData.EnumSymbol(enumSchema, "BÄ"),
                                "123e4567-e89b-12d3-a456-426614174000",
                                fixed(uuidFixed, uuidBytes),
                                fixed(empty, new byte[0])),
                        record(
                                schema,
                                fixed(f3, new byte[] {-1, 0, -1}),
                                new GenericData.EnumSymbol(enumSchema, "C"),
                                "",
                                fixed(uuidFixed, new byte[16]),
                                fixed(empty, new byte[0])));

        assertThat(decode(schema, block, 2))
                .containsExactly(
                        row(
                                new byte[] {1, 2, 3},
                                str("BÄ"),
                                str("123e4567-e89b-12d3-a456-426614174000"),
                                str("f0f1f2f3-f4f5-f6f7-f8f9-fafbfcfdfeff"),
                                new byte[0]),
                        row(
                                new byte[] {-1, 0, -1},
                                str("C"),
                                str(""),
                                str("00000000-0000-0000-0000-000000000000"),
                                new byte[0]));
    }

    @Test
    void decodesDatesTimesAndTimestampsFromTheirOwnUnits() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "T", "fields": [
                  {"name": "date", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "tms", "type": {"type": "int", "logicalType": "time-millis"}},
                  {"name": "tus", "type": {"type": "long", "logicalType": "time-micros"}},
                  {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "ns", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
                  {"name": "lms", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
                  {"name": "lus", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
                  {"name": "lns", "type": {"type": "long", "logicalType": "local-timestamp-nanos"}}]}
                """);
        long micros = 45_296_789_123L; // 12:34:56.789123
        byte[] block =
                encode(
                        schema,
                        record(
                                schema,
                                19_000,
                                45_296_789,
                                micros,
                                1_700_000_000_123L,
                                1_700_000_000_123_456L,
                                1_700_000_000_123_456_789L,
                                -1L,
                                -1L,
                                -1L),
                        record(schema, -1, 0, 0L, -1L, -1L, -1L, 0L, 0L, 0L));

        Instant instant = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        LocalDateTime beforeEpoch = LocalDateTime.of(1969, 12, 31, 23, 59, 59);
        assertThat(decode(schema, block, 2))
                .containsExactly(
                        row(
                                19_000,
                                45_296_789,
                                45_296_789,
                                TimestampData.fromEpochMillis(1_700_000_000_123L),
                                TimestampData.fromInstant(instant.minusNanos(789)),
                                TimestampData.fromInstant(instant),
                                TimestampData.fromLocalDateTime(beforeEpoch.plusNanos(999_000_000)),
                                TimestampData.fromLocalDateTime(beforeEpoch.plusNanos(999_999_000)),
                                TimestampData.fromLocalDateTime(
                                        beforeEpoch.plusNanos(999_999_999))),
                        row(
                                -1,
                                0,
                                0,
                                TimestampData.fromInstant(Instant.EPOCH.minusMillis(1)),
                                TimestampData.fromInstant(Instant.EPOCH.minusNanos(1_000)),
                                TimestampData.fromInstant(Instant.EPOCH.minusNanos(1)),
                                TimestampData.fromEpochMillis(0),
                                TimestampData.fromEpochMillis(0),
                                TimestampData.fromEpochMillis(0)));
    }

    private static final Schema DECIMALS =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "D", "fields": [
              {"name": "b9", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "f18", "type": {"type": "fixed", "name": "F8", "size": 8, "logicalType": "decimal", "precision": 18, "scale": 0}},
              {"name": "b38", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 10}},
              {"name": "f38", "type": {"type": "fixed", "name": "F16", "size": 16, "logicalType": "decimal", "precision": 38, "scale": 38}},
              {"name": "b60", "type": {"type": "bytes", "logicalType": "decimal", "precision": 60, "scale": 5}},
              {"name": "f40", "type": {"type": "fixed", "name": "F17", "size": 17, "logicalType": "decimal", "precision": 40, "scale": 0}}]}
            """);

    @Test
    void decodesDecimalsOfEveryPrecisionOnBytesAndFixed() {
        BigInteger max38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
        BigInteger max60 = BigInteger.TEN.pow(60).subtract(BigInteger.ONE);
        byte[] block =
                encode(
                        DECIMALS,
                        decimals(
                                "1234567.89",
                                "999999999999999999",
                                "1",
                                "0." + "1".repeat(38),
                                "0",
                                "5"),
                        decimals(
                                "-0.01",
                                "-999999999999999999",
                                new BigDecimal(max38.negate(), 10).toPlainString(),
                                new BigDecimal(max38.negate(), 38).toPlainString(),
                                new BigDecimal(max60.negate(), 5).toPlainString(),
                                "-" + "9".repeat(40)),
                        decimals("0", "0", "0", "0", "123.45000", "0"));

        assertThat(decode(DECIMALS, block, 3))
                .containsExactly(
                        row(
                                decimal("1234567.89", 9, 2),
                                decimal("999999999999999999", 18, 0),
                                decimal("1.0000000000", 38, 10),
                                decimal("0." + "1".repeat(38), 38, 38),
                                str("0.00000"),
                                str("5")),
                        row(
                                decimal("-0.01", 9, 2),
                                decimal("-999999999999999999", 18, 0),
                                DecimalData.fromBigDecimal(
                                        new BigDecimal(max38.negate(), 10), 38, 10),
                                DecimalData.fromBigDecimal(
                                        new BigDecimal(max38.negate(), 38), 38, 38),
                                str(new BigDecimal(max60.negate(), 5).toPlainString()),
                                str("-" + "9".repeat(40))),
                        row(
                                decimal("0.00", 9, 2),
                                decimal("0", 18, 0),
                                decimal("0E-10", 38, 10),
                                decimal("0E-38", 38, 38),
                                str("123.45000"),
                                str("0")));
    }

    @Test
    void readsUnscaledValuesPaddedWithSignBytes() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "D", "fields": [
                  {"name": "a", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 1}},
                  {"name": "b", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 0}}]}
                """);
        ByteBuffer minusOne = ByteBuffer.wrap(filled(12, 0xff));
        byte[] plusOne = new byte[20];
        plusOne[19] = 1;
        byte[] block = encode(schema, record(schema, minusOne, ByteBuffer.wrap(plusOne)));

        assertThat(decode(schema, block, 1))
                .containsExactly(row(decimal("-0.1", 4, 1), decimal("1", 20, 0)));
    }

    @Test
    void rejectsDecimalsWithMoreDigitsThanTheirPrecision() {
        BigInteger ten38 = BigInteger.TEN.pow(38);
        List<GenericData.Record> overflows =
                List.of(
                        decimals(unscaled(1_000_000_000), "0", "0", "0", "0", "0"),
                        decimals(unscaled(-1_000_000_000), "0", "0", "0", "0", "0"),
                        decimals("0", unscaled(Long.MIN_VALUE), "0", "0", "0", "0"),
                        decimals("0", "0", unscaled(ten38), "0", "0", "0"),
                        decimals("0", "0", "0", unscaled(ten38.negate()), "0", "0"),
                        decimals("0", "0", "0", "0", unscaled(BigInteger.TEN.pow(60)), "0"),
                        decimals(
                                "0",
                                "0",
                                "0",
                                "0",
                                "0",
                                unscaled(BigInteger.TEN.pow(40).negate())));
        for (GenericData.Record overflow : overflows) {
            byte[] block = encode(DECIMALS, decimals("0", "0", "0", "0", "0", "0"), overflow);

            assertThatThrownBy(() -> decode(DECIMALS, block, 2))
                    .isInstanceOfSatisfying(
                            JetlinerException.class,
                            e -> {
                                assertThat(e.kind())
                                        .isEqualTo(JetlinerException.Kind.RECORD_DECODE_FAILED);
                                assertThat(e.recordIndex()).isEqualTo(1);
                            })
                    .hasMessageContaining("more digits than its precision");
        }
    }

    @Test
    void decodesDurationAsThreeUnsignedCounts() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "R", "fields": [
                  {"name": "d", "type": {"type": "fixed", "name": "Dur", "size": 12, "logicalType": "duration"}}]}
                """);
        Schema duration = schema.getField("d").schema();
        byte[] block =
                encode(
                        schema,
                        record(schema, fixed(duration, littleEndianInts(1, 2, 3))),
                        record(
                                schema,
                                fixed(duration, littleEndianInts(-1, 0, Integer.MIN_VALUE))));

        assertThat(decode(schema, block, 2))
                .containsExactly(
                        row(row(1L, 2L, 3L)), row(row(4_294_967_295L, 0L, 2_147_483_648L)));
    }

    @Test
    void decodesATopLevelSchemaThatIsNoRecordIntoOneValueColumn() {
        Schema longs = Schema.create(Schema.Type.LONG);
        Schema strings = new Schema.Parser().parse("{\"type\": \"array\", \"items\": \"string\"}");
        Schema nullable = new Schema.Parser().parse("[\"null\", \"int\"]");

        assertThat(decode(longs, encode(longs, 5L, -6L), 2)).containsExactly(row(5L), row(-6L));
        assertThat(decode(strings, encode(strings, List.of("a", "b"), List.of()), 2))
                .containsExactly(row(array(str("a"), str("b"))), row(array()));
        assertThat(decode(nullable, encode(nullable, 1, null), 2))
                .containsExactly(row(1), row((Object) null));
    }

    private static GenericData.Record decimals(Object... values) {
        GenericData.Record record = new GenericData.Record(DECIMALS);
        for (int i = 0; i < values.length; i++) {
            Schema field = DECIMALS.getFields().get(i).schema();
            BigInteger unscaled =
                    values[i] instanceof BigInteger
                            ? (BigInteger) values[i]
                            : new BigDecimal((String) values[i])
                                    .setScale(
                                            ((org.apache.avro.LogicalTypes.Decimal)
                                                            field.getLogicalType())
                                                    .getScale())
                                    .unscaledValue();
            byte[] bytes = unscaled.toByteArray();
            if (field.getType() == Schema.Type.FIXED) {
                byte[] padded = filled(field.getFixedSize(), unscaled.signum() < 0 ? 0xff : 0);
                System.arraycopy(bytes, 0, padded, padded.length - bytes.length, bytes.length);
                record.put(i, fixed(field, padded));
            } else {
                record.put(i, ByteBuffer.wrap(bytes));
            }
        }
        return record;
    }

    private static BigInteger unscaled(long value) {
        return BigInteger.valueOf(value);
    }

    private static BigInteger unscaled(BigInteger value) {
        return value;
    }

    private static DecimalData decimal(String value, int precision, int scale) {
        return DecimalData.fromBigDecimal(new BigDecimal(value), precision, scale);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] littleEndianInts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }
}
