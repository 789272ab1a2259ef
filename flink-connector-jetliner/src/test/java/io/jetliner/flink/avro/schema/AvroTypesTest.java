package io.jetliner.flink.avro.schema;

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
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Avro schema maps to the Flink type of the normative mapping. */
class AvroTypesTest {

    private static final VarCharType STRING = new VarCharType(false, VarCharType.MAX_LENGTH);

    @Test
    void mapsPrimitivesToNotNullTypes() {
        assertThat(map("\"null\"")).isEqualTo(new NullType());
        assertThat(map("\"boolean\"")).isEqualTo(new BooleanType(false));
        assertThat(map("\"int\"")).isEqualTo(new IntType(false));
        assertThat(map("\"long\"")).isEqualTo(new BigIntType(false));
        assertThat(map("\"float\"")).isEqualTo(new FloatType(false));
        assertThat(map("\"double\"")).isEqualTo(new DoubleType(false));
        assertThat(map("\"string\"")).isEqualTo(STRING);
        assertThat(map("\"bytes\"")).isEqualTo(new VarBinaryType(false, VarBinaryType.MAX_LENGTH));
    }

    @Test
    void mapsNamedTypes() {
        assertThat(map("{\"type\": \"fixed\", \"name\": \"F\", \"size\": 7}"))
                .isEqualTo(new BinaryType(false, 7));
        assertThat(map("{\"type\": \"fixed\", \"name\": \"F\", \"size\": 0}"))
                .isEqualTo(BinaryType.ofEmptyLiteral());
        assertThat(map("{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"A\"]}"))
                .isEqualTo(STRING);
        assertThat(
                        map(
                                """
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": "int"},
                  {"name": "b", "type": {"type": "record", "name": "S", "fields": [
                    {"name": "c", "type": "string"}]}}]}
                """))
                .isEqualTo(
                        row(
                                false,
                                field("a", new IntType(false)),
                                field("b", row(false, field("c", STRING)))));
    }

    @Test
    void mapsLogicalTypes() {
        assertThat(map("{\"type\": \"int\", \"logicalType\": \"date\"}"))
                .isEqualTo(new DateType(false));
        assertThat(map("{\"type\": \"int\", \"logicalType\": \"time-millis\"}"))
                .isEqualTo(new TimeType(false, 3));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"time-micros\"}"))
                .isEqualTo(new TimeType(false, 6));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}"))
                .isEqualTo(new LocalZonedTimestampType(false, 3));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}"))
                .isEqualTo(new LocalZonedTimestampType(false, 6));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}"))
                .isEqualTo(new LocalZonedTimestampType(false, 9));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}"))
                .isEqualTo(new TimestampType(false, 3));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}"))
                .isEqualTo(new TimestampType(false, 6));
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"local-timestamp-nanos\"}"))
                .isEqualTo(new TimestampType(false, 9));
        assertThat(map("{\"type\": \"string\", \"logicalType\": \"uuid\"}")).isEqualTo(STRING);
        assertThat(
                        map(
                                "{\"type\": \"fixed\", \"name\": \"U\", \"size\": 16, \"logicalType\": \"uuid\"}"))
                .isEqualTo(STRING);
        assertThat(
                        map(
                                "{\"type\": \"fixed\", \"name\": \"D\", \"size\": 12, \"logicalType\": \"duration\"}"))
                .isEqualTo(
                        row(
                                false,
                                field("months", new BigIntType(false)),
                                field("days", new BigIntType(false)),
                                field("millis", new BigIntType(false))));
    }

    @Test
    void mapsTimestampsToTimestampWithoutTimeZoneInTheLegacyMappingAtAnyDepth() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "R", "fields": [
                  {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "us", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
                  {"name": "ns", "type": {"type": "array", "items": {"type": "long", "logicalType": "timestamp-nanos"}}},
                  {"name": "lms", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
                  {"name": "in", "type": {"type": "record", "name": "S", "fields": [
                    {"name": "t", "type": {"type": "map", "values": {"type": "long", "logicalType": "timestamp-millis"}}}]}}]}
                """);

        assertThat(AvroTypes.toRowType(schema, true))
                .isEqualTo(
                        row(
                                false,
                                field("ms", new TimestampType(false, 3)),
                                field("us", new TimestampType(true, 6)),
                                field("ns", new ArrayType(false, new TimestampType(false, 9))),
                                field("lms", new TimestampType(false, 3)),
                                field(
                                        "in",
                                        row(
                                                false,
                                                field(
                                                        "t",
                                                        new MapType(
                                                                false,
                                                                STRING,
                                                                new TimestampType(false, 3)))))));
        assertThat(AvroTypes.toRowType(schema, false)).isEqualTo(AvroTypes.toRowType(schema));
        assertThat(AvroTypes.toRowType(schema).getTypeAt(0))
                .isEqualTo(new LocalZonedTimestampType(false, 3));
    }

    @Test
    void mapsDecimalsUpToPrecision38AndWiderOnesToStrings() {
        assertThat(
                        map(
                                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 10, \"scale\": 3}"))
                .isEqualTo(new DecimalType(false, 10, 3));
        assertThat(
                        map(
                                "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 16, \"logicalType\": \"decimal\", \"precision\": 38}"))
                .isEqualTo(new DecimalType(false, 38, 0));
        assertThat(
                        map(
                                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 39, \"scale\": 3}"))
                .isEqualTo(STRING);
    }

    @Test
    void mapsUnknownAndInvalidLogicalTypesToTheUnderlyingType() {
        assertThat(map("{\"type\": \"long\", \"logicalType\": \"made-up\"}"))
                .isEqualTo(new BigIntType(false));
        assertThat(map("{\"type\": \"string\", \"logicalType\": \"date\"}")).isEqualTo(STRING);
        assertThat(
                        map(
                                "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 8, \"logicalType\": \"uuid\"}"))
                .isEqualTo(new BinaryType(false, 8));
        assertThat(
                        map(
                                "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 2, \"logicalType\": \"decimal\", \"precision\": 9}"))
                .isEqualTo(new BinaryType(false, 2));
    }

    @Test
    void mapsCollections() {
        assertThat(map("{\"type\": \"array\", \"items\": [\"null\", \"int\"]}"))
                .isEqualTo(new ArrayType(false, new IntType(true)));
        assertThat(map("{\"type\": \"map\", \"values\": \"long\"}"))
                .isEqualTo(new MapType(false, STRING, new BigIntType(false)));
    }

    @Test
    void mapsUnionsWithNullInEitherOrderToNullableTypes() {
        assertThat(map("[\"null\", \"int\"]")).isEqualTo(new IntType(true));
        assertThat(map("[\"string\", \"null\"]"))
                .isEqualTo(new VarCharType(true, VarCharType.MAX_LENGTH));
        assertThat(map("[\"int\"]")).isEqualTo(new IntType(false));
        assertThat(map("[\"null\"]")).isEqualTo(new NullType());
    }

    @Test
    void mapsUnionsOfSeveralTypesToARowNamedByBranch() {
        LogicalType union =
                map(
                        """
                ["null", "int", "string", "bytes",
                 {"type": "long", "logicalType": "timestamp-millis"},
                 {"type": "record", "name": "a.P", "fields": []},
                 {"type": "enum", "name": "E", "symbols": ["X"]},
                 {"type": "array", "items": "int"},
                 {"type": "map", "values": "int"}]
                """);

        assertThat(union)
                .isEqualTo(
                        row(
                                true,
                                field("int", new IntType(true)),
                                field("string", new VarCharType(true, VarCharType.MAX_LENGTH)),
                                field("bytes", new VarBinaryType(true, VarBinaryType.MAX_LENGTH)),
                                field("long", new LocalZonedTimestampType(true, 3)),
                                field("P", new RowType(true, List.of())),
                                field("E", new VarCharType(true, VarCharType.MAX_LENGTH)),
                                field("array", new ArrayType(true, new IntType(false))),
                                field("map", new MapType(true, STRING, new IntType(false)))));
        assertThat(map("[\"int\", \"string\"]"))
                .isEqualTo(
                        row(
                                false,
                                field("int", new IntType(true)),
                                field("string", new VarCharType(true, VarCharType.MAX_LENGTH))));
    }

    @Test
    void namesUnionBranchesThatShareASimpleNameByTheirFullNames() {
        LogicalType union =
                map(
                        """
                [{"type": "fixed", "name": "a.Id", "size": 2},
                 {"type": "fixed", "name": "b.Id", "size": 3},
                 {"type": "enum", "name": "Other", "symbols": ["X"]}]
                """);

        assertThat(((RowType) union).getFieldNames()).containsExactly("a.Id", "b.Id", "Other");
    }

    @Test
    void mapsAReferenceToAnEnclosingRecordToAString() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "Node", "fields": [
                  {"name": "next", "type": ["null", "Node"]},
                  {"name": "kids", "type": {"type": "array", "items": "Node"}},
                  {"name": "alt", "type": ["null", "int", "Node"]},
                  {"name": "side", "type": {"type": "record", "name": "Side", "fields": [
                    {"name": "back", "type": "Node"}, {"name": "self", "type": ["null", "Side"]}]}},
                  {"name": "again", "type": "Side"}]}
                """);
        RowType side =
                row(
                        false,
                        field("back", STRING),
                        field("self", new VarCharType(true, VarCharType.MAX_LENGTH)));

        assertThat(AvroTypes.toRowType(schema))
                .isEqualTo(
                        row(
                                false,
                                field("next", new VarCharType(true, VarCharType.MAX_LENGTH)),
                                field("kids", new ArrayType(false, STRING)),
                                field(
                                        "alt",
                                        row(
                                                true,
                                                field("int", new IntType(true)),
                                                field(
                                                        "Node",
                                                        new VarCharType(
                                                                true, VarCharType.MAX_LENGTH)))),
                                field("side", side),
                                field("again", side)));
    }

    @Test
    void mapsATopLevelSchemaThatIsNoRecordToOneValueColumn() {
        assertThat(AvroTypes.toRowType(new Schema.Parser().parse("[\"null\", \"long\"]")))
                .isEqualTo(row(false, field("value", new BigIntType(true))));
        assertThat(
                        AvroTypes.toRowType(
                                new Schema.Parser()
                                        .parse("{\"type\": \"array\", \"items\": \"int\"}")))
                .isEqualTo(row(false, field("value", new ArrayType(false, new IntType(false)))));
    }

    private static LogicalType map(String json) {
        return AvroTypes.toLogicalType(new Schema.Parser().parse(json));
    }

    private static RowType row(boolean nullable, RowField... fields) {
        return new RowType(nullable, List.of(fields));
    }

    private static RowField field(String name, LogicalType type) {
        return new RowField(name, type);
    }
}
