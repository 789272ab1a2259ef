package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.encodeBlocking;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.FlinkRows.array;
import static io.jetliner.flink.avro.decode.FlinkRows.decode;
import static io.jetliner.flink.avro.decode.FlinkRows.map;
import static io.jetliner.flink.avro.decode.FlinkRows.row;
import static io.jetliner.flink.avro.decode.FlinkRows.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unions, nested records, arrays and maps, and recursive records decode to nested Flink data. */
class RecordDecoderStructuresTest {

    @Test
    void decodesNullableUnionsInEitherOrder() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": ["null", "long"]},
                  {"name": "b", "type": ["string", "null"]},
                  {"name": "c", "type": ["null"]},
                  {"name": "d", "type": ["int"]},
                  {"name": "e", "type": ["null", {"type": "record", "name": "In", "fields": [
                    {"name": "x", "type": "int"}]}]}]}
                """);
        Schema in = schema.getField("e").schema().getTypes().get(1);
        byte[] block =
                encode(
                        schema,
                        record(schema, 1L, "s", null, 7, record(in, 3)),
                        record(schema, null, null, null, -7, null));

        assertThat(decode(schema, block, 2))
                .containsExactly(
                        row(1L, str("s"), null, 7, row(3)), row(null, null, null, -7, null));
    }

    @Test
    void decodesUnionsOfSeveralTypesToARowWithOneFieldSet() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "u", "type": ["int", "null", "string",
                    {"type": "record", "name": "P", "fields": [{"name": "x", "type": "long"}]},
                    {"type": "array", "items": "int"},
                    {"type": "map", "values": "boolean"},
                    {"type": "enum", "name": "E", "symbols": ["A", "B"]}]},
                  {"name": "v", "type": ["long", "double"]}]}
                """);
        Schema p = schema.getField("u").schema().getTypes().get(3);
        Schema e = schema.getField("u").schema().getTypes().get(6);
        byte[] block =
                encode(
                        schema,
                        record(schema, 5, 1L),
                        record(schema, null, 2.5d),
                        record(schema, "s", 3L),
                        record(schema, record(p, 9L), 4L),
                        record(schema, List.of(1, 2), 5L),
                        record(schema, Map.of("k", true), 6L),
                        record(schema, new GenericData.EnumSymbol(e, "B"), 7L));

        assertThat(decode(schema, block, 7))
                .containsExactly(
                        row(row(5, null, null, null, null, null), row(1L, null)),
                        row(null, row(null, 2.5d)),
                        row(row(null, str("s"), null, null, null, null), row(3L, null)),
                        row(row(null, null, row(9L), null, null, null), row(4L, null)),
                        row(row(null, null, null, array(1, 2), null, null), row(5L, null)),
                        row(row(null, null, null, null, map(str("k"), true), null), row(6L, null)),
                        row(row(null, null, null, null, null, str("B")), row(7L, null)));
    }

    @Test
    void setsTheFieldsOfANullUnionRowToNull() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "u", "type": ["null", "int", "string"]}]}
                """);
        RecordDecoder decoder = RecordDecoder.compile(schema, null);
        RowBatch batch = decoder.createBatch(4);
        byte[] block = encode(schema, record(schema, 1), record(schema, (Object) null));
        decoder.startBlock(block, 0, block.length, 2);
        decoder.decode(batch, 4);

        assertThat(batch.row(1).isNullAt(0)).isTrue();
        assertThat(batch.columns().getRow(1, 0).isNullAt(0)).isTrue();
        assertThat(batch.columns().getRow(1, 0).isNullAt(1)).isTrue();
    }

    @Test
    void decodesNestedRecordsArraysAndMaps() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "Order", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "lines", "type": {"type": "array", "items": {
                    "type": "record", "name": "Line", "fields": [
                      {"name": "sku", "type": "string"},
                      {"name": "tags", "type": {"type": "array", "items": "string"}},
                      {"name": "attrs", "type": {"type": "map", "values": ["null", "int"]}}]}}},
                  {"name": "matrix", "type": {"type": "array", "items": {"type": "array", "items": "double"}}},
                  {"name": "index", "type": {"type": "map", "values": {"type": "array", "items": "Line"}}},
                  {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                    {"name": "name", "type": "string"},
                    {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                      {"name": "city", "type": ["null", "string"]}]}}]}}]}
                """);
        Schema line = schema.getField("lines").schema().getElementType();
        Schema customer = schema.getField("customer").schema();
        Schema address = customer.getField("address").schema();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("a", 1);
        attrs.put("b", null);
        GenericRecord line1 = record(line, "x", List.of("t1", "t2"), attrs);
        GenericRecord line2 = record(line, "y", List.of(), Map.of());
        byte[] block =
                encode(
                        schema,
                        record(
                                schema,
                                1L,
                                List.of(line1, line2),
                                List.of(List.of(1.0, 2.0), List.of(), List.of(3.0)),
                                Map.of("k", List.of(line2)),
                                record(customer, "ann", record(address, "Oslo"))),
                        record(
                                schema,
                                2L,
                                List.of(),
                                List.of(),
                                Map.of(),
                                record(customer, "bob", record(address, (Object) null))));

        GenericRowData expectedLine1 =
                row(str("x"), array(str("t1"), str("t2")), map(str("a"), 1, str("b"), null));
        GenericRowData expectedLine2 = row(str("y"), array(), map());
        assertThat(decode(schema, block, 2))
                .containsExactly(
                        row(
                                1L,
                                array(expectedLine1, expectedLine2),
                                array(array(1.0, 2.0), array(), array(3.0)),
                                map(str("k"), array(expectedLine2)),
                                row(str("ann"), row(str("Oslo")))),
                        row(2L, array(), array(), map(), row(str("bob"), row((Object) null))));
    }

    @Test
    void readsArraysAndMapsWrittenInBlocksWithByteSizes() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": {"type": "array", "items": {"type": "array", "items": "long"}}},
                  {"name": "m", "type": {"type": "map", "values": "string"}},
                  {"name": "after", "type": "int"}]}
                """);
        Object[] records = new Object[3];
        for (int i = 0; i < records.length; i++) {
            Long[] longs = new Long[200 * i];
            Arrays.fill(longs, (long) i);
            Map<String, String> strings = new LinkedHashMap<>();
            for (int j = 0; j < 50 * i; j++) {
                strings.put("k" + j, "v" + j);
            }
            records[i] = record(schema, List.of(List.of(longs), List.of(1L)), strings, i);
        }
        byte[] plain = encode(schema, records);
        byte[] blocked = encodeBlocking(schema, records);

        assertThat(blocked).isNotEqualTo(plain);
        assertThat(decode(schema, blocked, 3)).isEqualTo(decode(schema, plain, 3));
        assertThat(decode(schema, blocked, 3).get(2).getInt(2)).isEqualTo(2);
    }

    @Test
    void readsBlocksOfNegativeCountsWrittenByHand() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": {"type": "array", "items": "string"}},
                  {"name": "m", "type": {"type": "map", "values": "long"}}]}
                """);
        byte[] block =
                AvroBlocks.raw(
                        out ->
                                out.writeLong(-2) // array block of 2 items, 4 bytes
                                        .writeLong(4)
                                        .writeString("a")
                                        .writeString("b")
                                        .writeLong(1) // a block of 1 item, no size
                                        .writeString("c")
                                        .writeLong(0)
                                        .writeLong(-1) // map block of 1 entry, 3 bytes
                                        .writeLong(3)
                                        .writeString("k")
                                        .writeLong(-5)
                                        .writeLong(0));

        assertThat(decode(schema, block, 1))
                .containsExactly(row(array(str("a"), str("b"), str("c")), map(str("k"), -5L)));
    }

    @Test
    void keepsARecursiveReferenceAsTheJsonOfItsValue() throws IOException {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "Node", "fields": [
                  {"name": "label", "type": "string"},
                  {"name": "next", "type": ["null", "Node"]},
                  {"name": "children", "type": {"type": "array", "items": "Node"}},
                  {"name": "data", "type": ["null", "bytes"]}]}
                """);
        GenericRecord leaf = record(schema, "leaf", null, List.of(), AvroBlocks.bytes(0xff, 0));
        GenericRecord middle = record(schema, "mid", leaf, List.of(leaf, leaf), null);
        GenericRecord root = record(schema, "root", middle, List.of(), null);
        byte[] block = encode(schema, root, leaf);

        List<GenericRowData> rows = decode(schema, block, 2);

        assertThat(rows.get(1)).isEqualTo(row(str("leaf"), null, array(), new byte[] {-1, 0}));
        GenericRowData first = rows.get(0);
        assertThat(first.getString(0)).isEqualTo(str("root"));
        assertThat(first.getArray(2).size()).isZero();
        // The JSON is Avro's JSON encoding of the referenced record: it reads back to the value.
        String json = first.getString(1).toString();
        assertThat(json).startsWith("{\"label\":\"mid\",\"next\":{\"Node\":{\"label\":\"leaf\"");
        JsonDecoder jsonDecoder = DecoderFactory.get().jsonDecoder(schema, json);
        assertThat(new GenericDatumReader<GenericRecord>(schema).read(null, jsonDecoder))
                .isEqualTo(middle);
    }

    @Test
    void keepsARecursiveReferenceInsideAnotherRecordAsJson() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "Tree", "fields": [
                  {"name": "root", "type": {"type": "record", "name": "T", "fields": [
                    {"name": "v", "type": "int"},
                    {"name": "kids", "type": {"type": "map", "values": "T"}}]}}]}
                """);
        Schema t = schema.getField("root").schema();
        byte[] block =
                encode(schema, record(schema, record(t, 1, Map.of("a", record(t, 2, Map.of())))));

        assertThat(decode(schema, block, 1))
                .containsExactly(row(row(1, map(str("a"), str("{\"v\":2,\"kids\":{}}")))));
    }

    @Test
    void writesMutuallyRecursiveRecordsAsJsonWhereAvrosJsonEncoderCannot() {
        Schema r2 =
                parse(
                        """
                {"type": "record", "name": "R2", "fields": [
                  {"name": "b", "type": "boolean"},
                  {"name": "f20", "type": ["null", {"type": "record", "name": "R0", "fields": [
                    {"name": "m", "type": {"type": "map", "values": "R0"}},
                    {"name": "f35", "type": "R2"}]}]},
                  {"name": "f24", "type": {"type": "array", "items": "R2"}}]}
                """);
        Schema r0 = r2.getField("f20").schema().getTypes().get(1);
        GenericRecord leaf = record(r2, false, null, List.of());
        GenericRecord inner = record(r0, Map.of(), leaf);
        GenericRecord outer = record(r0, Map.of("k", inner), leaf);
        GenericRecord middle = record(r2, true, outer, List.of());
        byte[] block = encode(r2, record(r2, true, null, List.of(middle)));

        assertThat(decode(r2, block, 1))
                .containsExactly(
                        row(
                                true,
                                null,
                                array(
                                        str(
                                                "{\"b\":true,\"f20\":{\"R0\":{\"m\":{\"k\":{\"m\":{},"
                                                        + "\"f35\":{\"b\":false,\"f20\":null,\"f24\":[]}}},"
                                                        + "\"f35\":{\"b\":false,\"f20\":null,\"f24\":[]}}},"
                                                        + "\"f24\":[]}"))));
    }

    @Test
    void writesEveryTypeOfARecursiveValueInAvrosJsonEncoding() throws IOException {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "J", "namespace": "ns", "fields": [
                  {"name": "n", "type": "null"},
                  {"name": "b", "type": "boolean"},
                  {"name": "i", "type": "int"},
                  {"name": "l", "type": "long"},
                  {"name": "f", "type": "float"},
                  {"name": "d", "type": "double"},
                  {"name": "s", "type": "string"},
                  {"name": "y", "type": "bytes"},
                  {"name": "x", "type": {"type": "fixed", "name": "F2", "size": 2}},
                  {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}},
                  {"name": "a", "type": {"type": "array", "items": ["null", "long", "string", "F2"]}},
                  {"name": "m", "type": {"type": "map", "values": "double"}},
                  {"name": "next", "type": ["null", "J"]}]}
                """);
        Schema f2 = schema.getField("x").schema();
        Schema e = schema.getField("e").schema();
        GenericRecord finite =
                record(
                        schema,
                        null,
                        true,
                        -3,
                        Long.MIN_VALUE,
                        0.1f,
                        1.5e300,
                        "q\"uo\\te\n\u0001 ✈ 𝄞",
                        AvroBlocks.bytes(0, 0x7f, 0x80, 0xff, '"'),
                        new GenericData.Fixed(f2, new byte[] {'\\', 10}),
                        new GenericData.EnumSymbol(e, "B"),
                        Arrays.asList(null, 5L, "s", new GenericData.Fixed(f2, new byte[2])),
                        Map.of("k", -2.5),
                        null);
        GenericRecord special =
                record(
                        schema,
                        null,
                        false,
                        0,
                        0L,
                        -0.0f,
                        Double.NaN,
                        "",
                        AvroBlocks.bytes(),
                        new GenericData.Fixed(f2, new byte[2]),
                        new GenericData.EnumSymbol(e, "A"),
                        List.of(),
                        Map.of("i", Double.NEGATIVE_INFINITY),
                        null);
        GenericRecord first =
                record(
                        schema,
                        null,
                        false,
                        0,
                        0L,
                        0f,
                        0d,
                        "",
                        AvroBlocks.bytes(),
                        new GenericData.Fixed(f2, new byte[2]),
                        new GenericData.EnumSymbol(e, "A"),
                        List.of(),
                        Map.of(),
                        finite);
        GenericRecord second =
                record(
                        schema,
                        null,
                        false,
                        0,
                        0L,
                        0f,
                        0d,
                        "",
                        AvroBlocks.bytes(),
                        new GenericData.Fixed(f2, new byte[2]),
                        new GenericData.EnumSymbol(e, "A"),
                        List.of(),
                        Map.of(),
                        special);
        byte[] block = encode(schema, first, second);

        List<GenericRowData> rows = decode(schema, block, 2);

        // Avro reads its JSON encoding back to the same value (it cannot read NaN back).
        String json = rows.get(0).getString(12).toString();
        JsonDecoder jsonDecoder = DecoderFactory.get().jsonDecoder(schema, json);
        GenericRecord back = new GenericDatumReader<GenericRecord>(schema).read(null, jsonDecoder);
        assertThat(back).isEqualTo(finite);
        assertThat(json)
                .contains("\"f\":0.10000000149011612,")
                .contains(
                        "\"a\":[null,{\"long\":5},{\"string\":\"s\"},{\"ns.F2\":\"\\u0000\\u0000\"}]")
                .contains("\"y\":\"\\u0000\u007f\u0080\u00ff\\\"\"");
        assertThat(rows.get(1).getString(12).toString())
                .contains("\"f\":-0.0,")
                .contains("\"d\":\"NaN\"")
                .contains("\"m\":{\"i\":\"-Infinity\"}")
                .endsWith(",\"next\":null}");
    }

    @Test
    void failsOnRecursionDeeperThanItsLimitRatherThanOverflowingTheStack() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "L", "fields": [
                  {"name": "next", "type": ["null", "L"]}]}
                """);
        int depth = 100_000;
        byte[] block = new byte[depth + 1];
        Arrays.fill(block, 0, depth, (byte) 2); // union branch 1, again and again
        for (boolean project : new boolean[] {false, true}) {
            RowType projection = project ? RowType.of() : null;

            assertThatThrownBy(() -> decode(schema, projection, block, 1))
                    .isInstanceOfSatisfying(
                            JetlinerException.class,
                            e ->
                                    assertThat(e.kind())
                                            .isEqualTo(JetlinerException.Kind.RECORD_DECODE_FAILED))
                    .hasMessageContaining("nested deeper than");
        }
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
