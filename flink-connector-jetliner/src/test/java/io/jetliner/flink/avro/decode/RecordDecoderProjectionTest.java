package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.encodeBlocking;
import static io.jetliner.flink.avro.decode.AvroBlocks.fixed;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.FlinkRows.array;
import static io.jetliner.flink.avro.decode.FlinkRows.decode;
import static io.jetliner.flink.avro.decode.FlinkRows.map;
import static io.jetliner.flink.avro.decode.FlinkRows.row;
import static io.jetliner.flink.avro.decode.FlinkRows.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A projection keeps the fields it names, in its order, and skips all others. */
class RecordDecoderProjectionTest {

    /** One field of every kind, each followed by a marker, so a wrong skip shows. */
    private static final Schema EVERY_TYPE =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "All", "fields": [
              {"name": "n", "type": "null"},
              {"name": "b", "type": "boolean"},
              {"name": "i", "type": "int"},
              {"name": "l", "type": "long"},
              {"name": "f", "type": "float"},
              {"name": "d", "type": "double"},
              {"name": "s", "type": "string"},
              {"name": "y", "type": "bytes"},
              {"name": "x", "type": {"type": "fixed", "name": "F5", "size": 5}},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}},
              {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 30, "scale": 2}},
              {"name": "decf", "type": {"type": "fixed", "name": "F9", "size": 9, "logicalType": "decimal", "precision": 20, "scale": 0}},
              {"name": "uf", "type": {"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}},
              {"name": "dur", "type": {"type": "fixed", "name": "Dur", "size": 12, "logicalType": "duration"}},
              {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "opt", "type": ["null", "string"]},
              {"name": "multi", "type": ["null", "int", "string", {"type": "array", "items": "double"}]},
              {"name": "rec", "type": {"type": "record", "name": "In", "fields": [
                {"name": "p", "type": "int"}, {"name": "q", "type": ["null", "string"]},
                {"name": "r", "type": {"type": "array", "items": "In"}}]}},
              {"name": "arr", "type": {"type": "array", "items": {"type": "array", "items": "string"}}},
              {"name": "fixedArr", "type": {"type": "array", "items": "double"}},
              {"name": "mp", "type": {"type": "map", "values": {"type": "map", "values": "long"}}},
              {"name": "last", "type": "int"}]}
            """);

    @Test
    void skipsEveryTypeItDoesNotProject() {
        List<Object> records = everyTypeRecords();
        byte[] plain = encode(EVERY_TYPE, records.toArray());
        byte[] blocked = encodeBlocking(EVERY_TYPE, records.toArray());
        RowType onlyLast =
                RowType.of(new LogicalType[] {new IntType(false)}, new String[] {"last"});

        for (byte[] block : List.of(plain, blocked)) {
            assertThat(decode(EVERY_TYPE, onlyLast, block, records.size()))
                    .containsExactly(row(0), row(1), row(2));
        }
    }

    @Test
    void projectsFieldsInItsOwnOrder() {
        List<Object> records = everyTypeRecords();
        byte[] block = encode(EVERY_TYPE, records.toArray());
        RowType full = AvroTypes.toRowType(EVERY_TYPE);
        RowType projection = project(full, "last", "s", "opt", "l");

        assertThat(decode(EVERY_TYPE, projection, block, records.size()))
                .containsExactly(
                        row(0, str("s0"), null, 0L),
                        row(1, str("s1"), str("o1"), 1L),
                        row(2, str("s2"), null, 2L));
    }

    @Test
    void decodesNothingButTheRowCountForAnEmptyProjection() {
        List<Object> records = everyTypeRecords();
        byte[] block = encode(EVERY_TYPE, records.toArray());

        assertThat(decode(EVERY_TYPE, RowType.of(), block, records.size()))
                .containsExactly(row(), row(), row());
    }

    @Test
    void projectsFieldsOfNestedRowsArraysMapsUnionsAndDurations() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "R", "fields": [
                  {"name": "rec", "type": {"type": "record", "name": "A", "fields": [
                    {"name": "x", "type": "int"}, {"name": "y", "type": "string"}, {"name": "z", "type": "long"}]}},
                  {"name": "arr", "type": {"type": "array", "items": "A"}},
                  {"name": "mp", "type": {"type": "map", "values": "A"}},
                  {"name": "u", "type": ["null", "int", "string", "A"]},
                  {"name": "dur", "type": {"type": "fixed", "name": "D", "size": 12, "logicalType": "duration"}}]}
                """);
        Schema a = schema.getField("rec").schema();
        GenericRecord a1 = record(a, 1, "one", 10L);
        GenericRecord a2 = record(a, 2, "two", 20L);
        byte[] durations = new byte[12];
        durations[0] = 1;
        durations[4] = 2;
        durations[8] = 3;
        byte[] block =
                encode(
                        schema,
                        record(
                                schema,
                                a1,
                                List.of(a1, a2),
                                Map.of("k", a2),
                                "s",
                                fixed(schema.getField("dur").schema(), durations)),
                        record(
                                schema,
                                a2,
                                List.of(),
                                Map.of(),
                                a1,
                                fixed(schema.getField("dur").schema(), durations)));
        RowType zx = rowType(field("z", new BigIntType(false)), field("x", new IntType(false)));
        RowType projection =
                rowType(
                        field("dur", rowType(field("millis", new BigIntType(false)))),
                        field(
                                "u",
                                new RowType(
                                        true,
                                        List.of(
                                                field("A", zx.copy(true)),
                                                field(
                                                        "string",
                                                        new VarCharType(
                                                                true, VarCharType.MAX_LENGTH))))),
                        field(
                                "mp",
                                new MapType(
                                        false, new VarCharType(false, VarCharType.MAX_LENGTH), zx)),
                        field("arr", new ArrayType(false, zx)),
                        field("rec", zx));

        assertThat(decode(schema, projection, block, 2))
                .containsExactly(
                        row(
                                row(3L),
                                row(null, str("s")),
                                map(str("k"), row(20L, 2)),
                                array(row(10L, 1), row(20L, 2)),
                                row(10L, 1)),
                        row(row(3L), row(row(10L, 1), null), map(), array(), row(20L, 2)));
    }

    @Test
    void acceptsANullableTypeForAFieldTheFileDeclaresNotNull() {
        Schema schema = EVERY_TYPE;
        byte[] block = encode(schema, everyTypeRecords().toArray());
        RowType projection =
                rowType(
                        field("l", new BigIntType(true)),
                        field("s", new VarCharType(true, VarCharType.MAX_LENGTH)));

        assertThat(decode(schema, projection, block, 3))
                .containsExactly(row(0L, str("s0")), row(1L, str("s1")), row(2L, str("s2")));
    }

    @Test
    void readsATimestampFieldAsTimestampOfItsPrecisionForTheLegacyMapping() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "T", "fields": [
                  {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "us", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
                  {"name": "ns", "type": {"type": "array", "items": {"type": "long", "logicalType": "timestamp-nanos"}}}]}
                """);
        byte[] block =
                encode(
                        schema,
                        record(
                                schema,
                                1_700_000_000_123L,
                                1_700_000_000_123_456L,
                                List.of(1_700_000_000_123_456_789L)),
                        record(schema, -1L, null, List.of()));

        List<GenericRowData> rows = decode(schema, AvroTypes.toRowType(schema, true), block, 2);

        Instant instant = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        assertThat(rows)
                .containsExactly(
                        row(
                                TimestampData.fromEpochMillis(1_700_000_000_123L),
                                TimestampData.fromInstant(instant.minusNanos(789)),
                                array(TimestampData.fromInstant(instant))),
                        row(TimestampData.fromEpochMillis(-1), null, array()));
        assertThat(rows).isEqualTo(decode(schema, block, 2));
    }

    @Test
    void rejectsATimestampFieldProjectedAsTimestampOfAnotherPrecision() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "T", "fields": [
                  {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
                """);

        assertThatThrownBy(
                        () ->
                                RecordDecoder.compile(
                                        schema, rowType(field("ms", new TimestampType(false, 6)))))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("'ms'")
                .hasMessageContaining("TIMESTAMP_LTZ(3)")
                .hasMessageContaining("TIMESTAMP(6)");
    }

    @Test
    void rejectsAProjectedFieldTheFileDoesNotHave() {
        RowType projection = rowType(field("rec", rowType(field("nope", new IntType()))));

        assertThatThrownBy(() -> RecordDecoder.compile(EVERY_TYPE, projection))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e ->
                                assertThat(e.kind())
                                        .isEqualTo(JetlinerException.Kind.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("'rec.nope'")
                .hasMessageContaining("[p, q, r]");
    }

    @Test
    void rejectsAProjectedFieldOfAnotherType() {
        RowType wrongLeaf = rowType(field("rec", rowType(field("p", new BigIntType(false)))));
        RowType wrongShape = rowType(field("arr", new ArrayType(false, new VarCharType(false, 5))));
        RowType notNull = rowType(field("opt", new VarCharType(false, VarCharType.MAX_LENGTH)));

        assertThatThrownBy(() -> RecordDecoder.compile(EVERY_TYPE, wrongLeaf))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("'rec.p'")
                .hasMessageContaining("INT NOT NULL")
                .hasMessageContaining("BIGINT NOT NULL");
        assertThatThrownBy(() -> RecordDecoder.compile(EVERY_TYPE, wrongShape))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("'arr[]'")
                .hasMessageContaining("VARCHAR(5)");
        assertThatThrownBy(() -> RecordDecoder.compile(EVERY_TYPE, notNull))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e ->
                                assertThat(e.kind())
                                        .isEqualTo(JetlinerException.Kind.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("'opt' is nullable in the file");
    }

    private static List<Object> everyTypeRecords() {
        Schema in = EVERY_TYPE.getField("rec").schema();
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GenericRecord nested =
                    record(in, i, i == 1 ? null : "q", List.of(record(in, 9, "z", List.of())));
            Object multi = i == 0 ? null : i == 1 ? (Object) 5 : List.of(1.5, 2.5);
            records.add(
                    record(
                            EVERY_TYPE,
                            null,
                            i % 2 == 0,
                            i,
                            (long) i,
                            (float) i,
                            (double) i,
                            "s" + i,
                            ByteBuffer.wrap(new byte[] {(byte) i, 1}),
                            fixed(
                                    EVERY_TYPE.getField("x").schema(),
                                    new byte[] {1, 2, 3, 4, (byte) i}),
                            new GenericData.EnumSymbol(EVERY_TYPE.getField("e").schema(), "C"),
                            ByteBuffer.wrap(BigInteger.valueOf(-12345L * i).toByteArray()),
                            fixed(EVERY_TYPE.getField("decf").schema(), new byte[9]),
                            fixed(EVERY_TYPE.getField("uf").schema(), new byte[16]),
                            fixed(EVERY_TYPE.getField("dur").schema(), new byte[12]),
                            1_000_000L * i,
                            i == 1 ? "o1" : null,
                            multi,
                            nested,
                            List.of(List.of("a", "b"), List.of()),
                            List.of(1.0, 2.0, 3.0),
                            Map.of("m", Map.of("n", (long) i)),
                            i));
        }
        return records;
    }

    private static RowType project(RowType full, String... names) {
        List<RowField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(full.getFields().get(full.getFieldIndex(name)));
        }
        return new RowType(false, fields);
    }

    private static RowType rowType(RowField... fields) {
        return new RowType(false, List.of(fields));
    }

    private static RowField field(String name, LogicalType type) {
        return new RowField(name, type);
    }
}
