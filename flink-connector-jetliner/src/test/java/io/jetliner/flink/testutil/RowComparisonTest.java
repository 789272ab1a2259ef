package io.jetliner.flink.testutil;

import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowComparisonTest {

    private static final VarCharType STRING = new VarCharType(false, VarCharType.MAX_LENGTH);
    private static final RowComparison EXACT = new RowComparison(RowComparison.FloatZero.EXACT);

    /** ROW<a ROW<b ARRAY<ROW<c INT>>>>. */
    private static final RowType NESTED =
            row("a", row("b", new ArrayType(row("c", new IntType()))));

    private static RowType row(String name, LogicalType type) {
        return new RowType(List.of(new RowField(name, type)));
    }

    private static GenericRowData nested(int... cs) {
        Object[] elements = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            elements[i] = GenericRowData.of(cs[i]);
        }
        return GenericRowData.of(GenericRowData.of(new GenericArrayData(elements)));
    }

    @Test
    void namesTheRowAndThePathOfTheFirstDifference() {
        assertThatThrownBy(
                        () ->
                                EXACT.assertSameRow(
                                        17, nested(1, 2, 3, 4), nested(1, 2, 3, 5), NESTED))
                .isInstanceOf(AssertionError.class)
                .hasMessage("row 17, field a.b[3].c: expected 4 (Integer), was 5 (Integer)");
    }

    @Test
    void acceptsEqualRowsAndReportsAMissingElement() {
        EXACT.assertSameRow(0, nested(1, 2), nested(1, 2), NESTED);
        assertThatThrownBy(() -> EXACT.assertSameRow(3, nested(1, 2), nested(1), NESTED))
                .hasMessageStartingWith("row 3, field a.b: expected 2 elements, was 1");
    }

    @Test
    void comparesMapsAsUnorderedKeyToValue() {
        RowType type = new RowType(List.of(new RowField("m", new MapType(STRING, new IntType()))));
        Map<StringData, Object> forward = new LinkedHashMap<>();
        forward.put(StringData.fromString("x"), 1);
        forward.put(StringData.fromString("y"), 2);
        Map<StringData, Object> backward = new LinkedHashMap<>();
        backward.put(StringData.fromString("y"), 2);
        backward.put(StringData.fromString("x"), 1);
        EXACT.assertSameRow(
                0,
                GenericRowData.of(new GenericMapData(forward)),
                GenericRowData.of(new GenericMapData(backward)),
                type);

        backward.put(StringData.fromString("x"), 3);
        assertThatThrownBy(
                        () ->
                                EXACT.assertSameRow(
                                        0,
                                        GenericRowData.of(new GenericMapData(forward)),
                                        GenericRowData.of(new GenericMapData(backward)),
                                        type))
                .hasMessage("row 0, field m[\"x\"]: expected 1 (Integer), was 3 (Integer)");
    }

    @Test
    void comparesFloatsByBitsWithEveryNanAlike() {
        RowType type = new RowType(List.of(new RowField("f", new FloatType())));
        EXACT.assertSameRow(
                0,
                GenericRowData.of(Float.NaN),
                GenericRowData.of(Float.intBitsToFloat(0x7fc00001)),
                type);
        assertThatThrownBy(
                        () ->
                                EXACT.assertSameRow(
                                        0, GenericRowData.of(0.0f), GenericRowData.of(-0.0f), type))
                .hasMessageContaining("field f: expected 0.0f");
    }

    @Test
    void letsAPositiveZeroFloatMatchANegativeOneOnlyWhereAvroToolsLostTheSign() {
        RowType type = new RowType(List.of(new RowField("f", new FloatType())));
        RowComparison lenient =
                new RowComparison(RowComparison.FloatZero.EXPECTED_POSITIVE_MATCHES_NEGATIVE);
        lenient.assertSameRow(0, GenericRowData.of(0.0f), GenericRowData.of(-0.0f), type);
        assertThatThrownBy(
                        () ->
                                lenient.assertSameRow(
                                        0, GenericRowData.of(-0.0f), GenericRowData.of(0.0f), type))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void comparesTheOraclesJsonStringsAsJsonTrees() {
        RowType type = new RowType(List.of(new RowField("j", STRING)));
        GenericRowData expected =
                GenericRowData.of(new JsonStringData("{\"a\": 1, \"b\": [1.5, \"NaN\"]}"));
        EXACT.assertSameRow(
                0,
                expected,
                GenericRowData.of(StringData.fromString("{\"b\":[1.50,\"NaN\"],\"a\":1.0}")),
                type);
        assertThatThrownBy(
                        () ->
                                EXACT.assertSameRow(
                                        0,
                                        expected,
                                        GenericRowData.of(
                                                StringData.fromString(
                                                        "{\"a\":1,\"b\":[1.5,null]}")),
                                        type))
                .hasMessageContaining("row 0, field j (JSON $.b[1]: STRING vs NULL)");
    }

    @Test
    void reportsANullWhereAValueWasExpected() {
        RowType type = new RowType(List.of(new RowField("s", STRING)));
        assertThatThrownBy(
                        () ->
                                EXACT.assertSameRow(
                                        5,
                                        GenericRowData.of(StringData.fromString("x")),
                                        GenericRowData.of((Object) null),
                                        type))
                .hasMessage("row 5, field s: expected \"x\", was null");
    }

    @Test
    void copiesValuesSoThatTheyOutliveTheRowTheyCameFrom() {
        byte[] bytes = {1, 2};
        RowType type = row("b", new VarBinaryType());
        PlainValues.Row copy = PlainValues.of(GenericRowData.of((Object) bytes), type);
        bytes[0] = 9;
        assertThat((byte[]) copy.values().get(0)).containsExactly(1, 2);
    }
}
