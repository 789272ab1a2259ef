package io.jetliner.flink.testutil;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.NullType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The oracle against hand-worked examples of the design's type mapping table. */
class ReferenceOracleTest {

    private static final VarCharType STRING = new VarCharType(false, VarCharType.MAX_LENGTH);

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    private static Schema record(String fields) {
        return parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }

    private static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":" + type + "}";
    }

    private static LogicalType typeOf(String avroType) {
        return ReferenceOracle.rowType(record(field("x", avroType))).getTypeAt(0);
    }

    private static Object valueOf(String avroType, Object datum) {
        Schema schema = record(field("x", avroType));
        GenericRecord record = new GenericData.Record(schema);
        record.put(0, datum);
        return ((GenericRowData) ReferenceOracle.row(record, schema)).getField(0);
    }

    private static GenericData.Fixed fixed(String avroType, String hex) {
        return new GenericData.Fixed(parse(avroType), HexFormat.of().parseHex(hex));
    }

    @Test
    void mapsEveryPrimitiveAsTheDesignTableSaysAndNeverNullOutsideAUnion() {
        assertThat(typeOf("\"null\"")).isEqualTo(new NullType());
        assertThat(typeOf("\"boolean\"")).isEqualTo(new BooleanType(false));
        assertThat(typeOf("\"int\"")).isEqualTo(new IntType(false));
        assertThat(typeOf("\"long\"")).isEqualTo(new BigIntType(false));
        assertThat(typeOf("\"float\"")).isEqualTo(new FloatType(false));
        assertThat(typeOf("\"double\"")).isEqualTo(new DoubleType(false));
        assertThat(typeOf("\"string\"")).isEqualTo(STRING);
        assertThat(typeOf("\"bytes\""))
                .isEqualTo(new VarBinaryType(false, VarBinaryType.MAX_LENGTH));
        assertThat(typeOf("{\"type\":\"fixed\",\"name\":\"F\",\"size\":7}"))
                .isEqualTo(new BinaryType(false, 7));
        assertThat(typeOf("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}"))
                .isEqualTo(STRING);
    }

    @Test
    void mapsCollectionsWithNotNullStringKeysAndNullableOptionalsInEitherOrder() {
        assertThat(typeOf("{\"type\":\"array\",\"items\":[\"null\",\"int\"]}"))
                .isEqualTo(new ArrayType(false, new IntType(true)));
        assertThat(typeOf("{\"type\":\"map\",\"values\":\"long\"}"))
                .isEqualTo(new MapType(false, STRING, new BigIntType(false)));
        assertThat(typeOf("[\"null\",\"string\"]")).isEqualTo(STRING.copy(true));
        assertThat(typeOf("[\"string\",\"null\"]")).isEqualTo(STRING.copy(true));
    }

    @Test
    void mapsEveryLogicalTypeAsTheDesignTableSays() {
        assertThat(typeOf("{\"type\":\"int\",\"logicalType\":\"date\"}"))
                .isEqualTo(new DateType(false));
        assertThat(typeOf("{\"type\":\"int\",\"logicalType\":\"time-millis\"}"))
                .isEqualTo(new TimeType(false, 3));
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"time-micros\"}"))
                .isEqualTo(new TimeType(false, 6));
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"timestamp-nanos\"}"))
                .isEqualTo(new LocalZonedTimestampType(false, 9));
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}"))
                .isEqualTo(new TimestampType(false, 6));
        assertThat(
                        typeOf(
                                "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":38,"
                                        + "\"scale\":2}"))
                .isEqualTo(new DecimalType(false, 38, 2));
        assertThat(
                        typeOf(
                                "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":39,"
                                        + "\"scale\":2}"))
                .isEqualTo(STRING);
        assertThat(
                        typeOf(
                                "{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,"
                                        + "\"logicalType\":\"uuid\"}"))
                .isEqualTo(STRING);
        assertThat(
                        typeOf(
                                "{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,"
                                        + "\"logicalType\":\"duration\"}"))
                .isEqualTo(
                        new RowType(
                                false,
                                List.of(
                                        new RowField("months", new BigIntType(false)),
                                        new RowField("days", new BigIntType(false)),
                                        new RowField("millis", new BigIntType(false)))));
    }

    @Test
    void readsUnknownAndInvalidLogicalTypesAsTheirUnderlyingType() {
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"date\"}"))
                .isEqualTo(new BigIntType(false));
        assertThat(typeOf("{\"type\":\"string\",\"logicalType\":\"x-custom\"}")).isEqualTo(STRING);
        assertThat(
                        typeOf(
                                "{\"type\":\"fixed\",\"name\":\"F\",\"size\":1,"
                                        + "\"logicalType\":\"decimal\",\"precision\":3}"))
                .isEqualTo(new BinaryType(false, 1));
    }

    @Test
    void convertsLogicalTypeValuesToFlinksInternalRepresentation() {
        assertThat(
                        valueOf(
                                "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":5,"
                                        + "\"scale\":2}",
                                ByteBuffer.wrap(BigInteger.valueOf(-123).toByteArray())))
                .isEqualTo(DecimalData.fromBigDecimal(new BigDecimal("-1.23"), 5, 2));
        String wideFixed =
                "{\"type\":\"fixed\",\"name\":\"W\",\"size\":20,\"logicalType\":\"decimal\","
                        + "\"precision\":40,\"scale\":3}";
        assertThat(valueOf(wideFixed, fixed(wideFixed, "ff".repeat(20))))
                .isEqualTo(StringData.fromString("-0.001"));
        String uuid = "{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,\"logicalType\":\"uuid\"}";
        assertThat(valueOf(uuid, fixed(uuid, "0123456789abcdef0123456789abcdef")))
                .isEqualTo(StringData.fromString("01234567-89ab-cdef-0123-456789abcdef"));
        assertThat(valueOf("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", -1L))
                .isEqualTo(TimestampData.fromEpochMillis(-1, 999_000));
        assertThat(valueOf("{\"type\":\"long\",\"logicalType\":\"local-timestamp-nanos\"}", -1L))
                .isEqualTo(TimestampData.fromEpochMillis(-1, 999_999));
        assertThat(valueOf("{\"type\":\"long\",\"logicalType\":\"time-micros\"}", 1_234_567L))
                .isEqualTo(1_234);
        assertThat(valueOf("{\"type\":\"int\",\"logicalType\":\"date\"}", -719_162))
                .isEqualTo(-719_162);
        String duration =
                "{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}";
        assertThat(valueOf(duration, fixed(duration, "01000000" + "ffffffff" + "00000080")))
                .isEqualTo(GenericRowData.of(1L, 4_294_967_295L, 2_147_483_648L));
    }

    @Test
    void rejectsADecimalWithMoreDigitsThanItsPrecision() {
        assertThatThrownBy(
                        () ->
                                valueOf(
                                        "{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                                                + "\"precision\":2}",
                                        ByteBuffer.wrap(BigInteger.valueOf(100).toByteArray())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more digits");
    }

    @Test
    void mapsAMultiBranchUnionToARowWithOneFieldSetPerBranch() {
        String union =
                "[\"int\",\"null\",{\"type\":\"record\",\"name\":\"ns.Inner\",\"fields\":[]},"
                        + "{\"type\":\"array\",\"items\":\"string\"},{\"type\":\"map\","
                        + "\"values\":\"int\"}]";
        assertThat(typeOf(union))
                .isEqualTo(
                        new RowType(
                                true,
                                List.of(
                                        new RowField("int", new IntType(true)),
                                        new RowField("Inner", new RowType(true, List.of())),
                                        new RowField("array", new ArrayType(true, STRING)),
                                        new RowField(
                                                "map",
                                                new MapType(true, STRING, new IntType(false))))));
        assertThat(valueOf(union, 7)).isEqualTo(GenericRowData.of(7, null, null, null));
        assertThat(valueOf(union, null)).isNull();
        RowData arrayBranch = (RowData) valueOf(union, List.of(new Utf8("a")));
        assertThat(arrayBranch.isNullAt(0)).isTrue();
        assertThat(arrayBranch.getArray(2).getString(0)).isEqualTo(StringData.fromString("a"));
    }

    @Test
    void rendersARecursiveReferenceInAvrosJsonEncodingOfItsSubTree() {
        Schema list =
                parse(
                        "{\"type\":\"record\",\"name\":\"Node\",\"namespace\":\"ns\",\"fields\":["
                                + field("v", "\"long\"")
                                + ","
                                + field("next", "[\"null\",\"Node\"]")
                                + "]}");
        GenericRecord third = new GenericData.Record(list);
        third.put("v", 3L);
        GenericRecord second = new GenericData.Record(list);
        second.put("v", 2L);
        second.put("next", third);
        GenericRecord first = new GenericData.Record(list);
        first.put("v", 1L);
        first.put("next", second);

        assertThat(ReferenceOracle.rowType(list))
                .isEqualTo(
                        new RowType(
                                false,
                                List.of(
                                        new RowField("v", new BigIntType(false)),
                                        new RowField("next", STRING.copy(true)))));
        RowData row = ReferenceOracle.row(first, list);
        assertThat(row.getString(1)).isInstanceOf(JsonStringData.class);
        assertThat(row.getString(1).toString())
                .isEqualTo("{\"v\":2,\"next\":{\"ns.Node\":{\"v\":3,\"next\":null}}}");
    }

    /**
     * Avro Java 1.12.1's {@code JsonEncoder} throws a NullPointerException ("Cannot read field kind
     * because top is null") on this value: its grammar breaks on records that recur through each
     * other and a map. The oracle writes the JSON itself.
     */
    @Test
    void rendersMutuallyRecursiveRecordsThatAvrosJsonEncoderCannot() {
        Schema r2 =
                parse(
                        "{\"type\":\"record\",\"name\":\"R2\",\"fields\":["
                                + field("b", "\"boolean\"")
                                + ","
                                + field(
                                        "f20",
                                        "[\"null\",{\"type\":\"record\",\"name\":\"R0\",\"fields\":["
                                                + field("m", "{\"type\":\"map\",\"values\":\"R0\"}")
                                                + ","
                                                + field("f35", "\"R2\"")
                                                + "]}]")
                                + ","
                                + field("f24", "{\"type\":\"array\",\"items\":\"R2\"}")
                                + "]}");
        Schema r0 = r2.getField("f20").schema().getTypes().get(1);
        GenericRecord inner = new GenericData.Record(r0);
        inner.put("m", Map.of());
        inner.put("f35", leafR2(r2));
        GenericRecord outer = new GenericData.Record(r0);
        outer.put("m", Map.of("k", inner));
        outer.put("f35", leafR2(r2));
        GenericRecord middle = new GenericData.Record(r2);
        middle.put("b", true);
        middle.put("f20", outer);
        middle.put("f24", List.of());
        GenericRecord top = new GenericData.Record(r2);
        top.put("b", true);
        top.put("f24", List.of(middle));

        RowData row = ReferenceOracle.row(top, r2);
        assertThat(row.getArray(2).getString(0).toString())
                .isEqualTo(
                        "{\"b\":true,\"f20\":{\"R0\":{\"m\":{\"k\":{\"m\":{},\"f35\":"
                                + "{\"b\":false,\"f20\":null,\"f24\":[]}}},\"f35\":"
                                + "{\"b\":false,\"f20\":null,\"f24\":[]}}},\"f24\":[]}");
    }

    private static GenericRecord leafR2(Schema r2) {
        GenericRecord leaf = new GenericData.Record(r2);
        leaf.put("b", false);
        leaf.put("f24", List.of());
        return leaf;
    }

    @Test
    void writesFloatsOfRecursiveValuesAsTheirExactValueAndNanAsAString() {
        Schema node =
                parse(
                        "{\"type\":\"record\",\"name\":\"N\",\"fields\":["
                                + field("f", "\"float\"")
                                + ","
                                + field("d", "\"double\"")
                                + ","
                                + field("b", "\"bytes\"")
                                + ","
                                + field("next", "[\"N\",\"null\"]")
                                + "]}");
        GenericRecord child = new GenericData.Record(node);
        child.put("f", 0.1f);
        child.put("d", Double.NEGATIVE_INFINITY);
        child.put("b", ByteBuffer.wrap(new byte[] {0, (byte) 0xc8}));
        GenericRecord parent = new GenericData.Record(node);
        parent.put("f", Float.NaN);
        parent.put("d", 1.0);
        parent.put("b", ByteBuffer.wrap(new byte[0]));
        parent.put("next", child);

        assertThat(ReferenceOracle.row(parent, node).getString(3).toString())
                .isEqualTo(
                        "{\"f\":0.10000000149011612,\"d\":\"-Infinity\",\"b\":\"\\u0000\u00c8\","
                                + "\"next\":null}");
    }

    @Test
    void treatsASiblingReuseOfARecordAsNoRecursion() {
        Schema schema =
                record(
                        field(
                                        "a",
                                        "{\"type\":\"record\",\"name\":\"P\",\"fields\":["
                                                + field("x", "\"int\"")
                                                + "]}")
                                + ","
                                + field("b", "\"P\""));
        RowType point = new RowType(false, List.of(new RowField("x", new IntType(false))));
        assertThat(ReferenceOracle.rowType(schema).getChildren()).containsExactly(point, point);
    }

    @Test
    void readsATopLevelNonRecordAsOneColumnNamedValue() {
        Schema schema = parse("{\"type\":\"map\",\"values\":\"string\"}");
        assertThat(ReferenceOracle.rowType(schema))
                .isEqualTo(
                        new RowType(
                                false,
                                List.of(
                                        new RowField(
                                                "value", new MapType(false, STRING, STRING)))));
        RowData row = ReferenceOracle.row(Map.of("k", "v"), schema);
        assertThat(row.getArity()).isEqualTo(1);
        assertThat(row.getMap(0).keyArray().getString(0)).isEqualTo(StringData.fromString("k"));
    }

    @Test
    void readsBytesFromTheBufferPositionOn() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 9, 1, 2, 9}, 2, 2);
        assertThat((byte[]) valueOf("\"bytes\"", buffer)).containsExactly(1, 2);
        assertThat(buffer.position()).isEqualTo(2);
    }
}
