package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.jetliner.flink.avro.decode.AvroBlocks.concat;
import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.raw;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A corrupt block is a RECORD_DECODE_FAILED located at its record, whatever the corruption, and
 * never an allocation of the size it claims.
 */
class RecordDecoderCorruptInputTest {

    private static final Schema LONG_AND_STRING =
            parse(
                    """
            {"type": "record", "name": "R", "fields": [
              {"name": "l", "type": "long"}, {"name": "s", "type": "string"}]}
            """);

    @Test
    void failsOnABlockThatEndsInsideAVarint() {
        byte[] good = encode(LONG_AND_STRING, record(LONG_AND_STRING, 5L, "x"));
        byte[] block = concat(good, new byte[] {(byte) 0x80, (byte) 0x80});

        assertDecodeFails(LONG_AND_STRING, block, 2, 1, "the block ends inside a varint");
    }

    @Test
    void failsOnVarintsLongerThanTheirType() {
        byte[] tooLongLong = new byte[12];
        Arrays.fill(tooLongLong, 0, 11, (byte) 0x80);
        byte[] tooLongInt = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1};
        Schema ints =
                parse(
                        "{\"type\": \"record\", \"name\": \"I\", \"fields\": [{\"name\": \"i\", \"type\": \"int\"}]}");

        assertDecodeFails(LONG_AND_STRING, tooLongLong, 1, 0, "varint longer than 10 bytes");
        assertDecodeFails(ints, tooLongInt, 1, 0, "int encoded in more than 5 bytes");
        assertDecodeFails(
                ints, concat(tooLongInt, new byte[10]), 1, 0, "int encoded in more than 5 bytes");
    }

    @Test
    void failsOnNegativeAndHugeLengthsBeforeAllocating() {
        byte[] negative = raw(out -> out.writeLong(1).writeLong(-3).writeBytes((byte) 'a'));
        byte[] huge =
                raw(out -> out.writeLong(1).writeLong(Integer.MAX_VALUE).writeBytes((byte) 'a'));
        byte[] hugerThanInt = raw(out -> out.writeLong(1).writeLong(1L << 40));

        assertDecodeFails(LONG_AND_STRING, negative, 1, 0, "negative length -3");
        assertDecodeFails(
                LONG_AND_STRING, huge, 1, 0, "length 2147483647 exceeds the 1 bytes left");
        assertDecodeFails(LONG_AND_STRING, hugerThanInt, 1, 0, "length 1099511627776 exceeds");
    }

    @Test
    void failsOnUnionAndEnumIndexesOutOfRange() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "u", "type": ["null", "int"]},
                  {"name": "m", "type": ["null", "int", "string"]},
                  {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}}]}
                """);
        byte[] good =
                encode(
                        schema,
                        record(
                                schema,
                                1,
                                "s",
                                new GenericData.EnumSymbol(schema.getField("e").schema(), "B")));

        assertDecodeFails(
                schema,
                concat(good, raw(out -> out.writeLong(2))),
                2,
                1,
                "union branch index 2 out of range [0, 2)");
        assertDecodeFails(
                schema, raw(out -> out.writeLong(-1)), 1, 0, "union branch index -1 out of range");
        assertDecodeFails(
                schema,
                raw(out -> out.writeLong(0).writeLong(3)),
                1,
                0,
                "union branch index 3 out of range [0, 3)");
        assertDecodeFails(
                schema,
                raw(out -> out.writeLong(0).writeLong(0).writeLong(2)),
                1,
                0,
                "enum symbol index 2 out of range [0, 2)");
    }

    @Test
    void failsOnABooleanThatIsNeitherZeroNorOne() {
        Schema schema =
                parse(
                        "{\"type\": \"record\", \"name\": \"B\", \"fields\": [{\"name\": \"b\", \"type\": \"boolean\"}]}");

        assertDecodeFails(schema, new byte[] {2}, 1, 0, "invalid boolean byte 2");
    }

    @Test
    void failsOnArrayCountsTheBlockCannotHold() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": {"type": "array", "items": "long"}},
                  {"name": "d", "type": {"type": "array", "items": "double"}},
                  {"name": "n", "type": {"type": "array", "items": "null"}}]}
                """);

        assertDecodeFails(
                schema,
                raw(out -> out.writeLong(Long.MAX_VALUE)),
                1,
                0,
                "block of 9223372036854775807 items cannot fit");
        assertDecodeFails(
                schema, raw(out -> out.writeLong(Long.MIN_VALUE)), 1, 0, "invalid item count");
        assertDecodeFails(
                schema,
                raw(out -> out.writeLong(0).writeLong(2).writeBytes(new byte[15])),
                1,
                0,
                "block of 2 items cannot fit in the 15 bytes");
        assertDecodeFails(
                schema,
                raw(out -> out.writeLong(0).writeLong(0).writeLong(1L << 40)),
                1,
                0,
                "items cannot fit");
    }

    @Test
    void failsOnBlockSizesThatDisagreeWithTheItems() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": {"type": "array", "items": "string"}},
                  {"name": "m", "type": {"type": "map", "values": "string"}}]}
                """);

        assertDecodeFails(
                schema,
                raw(
                        out ->
                                out.writeLong(-1)
                                        .writeLong(100)
                                        .writeString("x")
                                        .writeLong(0)
                                        .writeLong(0)),
                1,
                0,
                "block size 100 outside");
        assertDecodeFails(
                schema,
                raw(
                        out ->
                                out.writeLong(-1)
                                        .writeLong(1)
                                        .writeString("xy")
                                        .writeLong(0)
                                        .writeLong(0)),
                1,
                0,
                "items end 2 bytes away");
        assertDecodeFails(
                schema,
                raw(out -> out.writeLong(0).writeLong(-1).writeLong(-4).writeString("k")),
                1,
                0,
                "block size -4 outside");
    }

    @Test
    void failsOnBytesLeftOverAfterTheLastRecord() {
        byte[] block =
                concat(
                        encode(
                                LONG_AND_STRING,
                                record(LONG_AND_STRING, 5L, "x"),
                                record(LONG_AND_STRING, 6L, "y")),
                        new byte[] {0});

        assertDecodeFails(
                LONG_AND_STRING, block, 2, 1, "1 bytes left over after the block's last record");
        assertThatThrownBy(
                        () ->
                                RecordDecoder.compile(LONG_AND_STRING, null)
                                        .startBlock(new byte[3], 0, 3, 0))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("3 bytes left over");
    }

    @Test
    void failsOnBytesLeftOverWhenTheLastRecordIsSkipped() {
        byte[] block =
                concat(
                        encode(LONG_AND_STRING, record(LONG_AND_STRING, 5L, "x")),
                        new byte[] {0, 0});
        RecordDecoder decoder = RecordDecoder.compile(LONG_AND_STRING, null);
        decoder.startBlock(block, 0, block.length, 1);

        assertThatThrownBy(() -> decoder.skip(1))
                .isInstanceOfSatisfying(
                        JetlinerException.class, e -> assertThat(e.recordIndex()).isZero())
                .hasMessageContaining("2 bytes left over");
    }

    @Test
    void failsOnABlockWithFewerRecordsThanItsCount() {
        byte[] block =
                encode(
                        LONG_AND_STRING,
                        record(LONG_AND_STRING, 5L, "x"),
                        record(LONG_AND_STRING, 6L, "y"));

        assertDecodeFails(LONG_AND_STRING, block, 3, 2, "the block ends inside a varint");
    }

    @Test
    void failsOnADecimalOfNoBytes() {
        Schema schema =
                parse(
                        "{\"type\": \"record\", \"name\": \"D\", \"fields\": [{\"name\": \"d\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 5, \"scale\": 0}}]}");

        assertDecodeFails(schema, new byte[] {0}, 1, 0, "decimal value of zero bytes");
    }

    @Test
    void locatesTheFailureAtItsByteInTheBlockAndStartsAfreshOnTheNextBlock() {
        byte[] good = encode(LONG_AND_STRING, record(LONG_AND_STRING, 5L, "x"));
        byte[] bad = concat(good, raw(out -> out.writeLong(1).writeLong(-1)));
        RecordDecoder decoder = RecordDecoder.compile(LONG_AND_STRING, null);
        RowBatch batch = decoder.createBatch(4);
        decoder.startBlock(bad, 0, bad.length, 2);

        assertThatThrownBy(() -> decoder.decode(batch, 4))
                .hasMessageContaining(
                        "(at byte " + (good.length + 1) + " of the decompressed block)");
        assertThat(decoder.remainingRecords()).isZero();
        assertThat(decoder.decode(batch, 4)).isZero();

        decoder.startBlock(good, 0, good.length, 1);
        assertThat(decoder.decode(batch, 4)).isEqualTo(1);
        assertThat(batch.row(0).getLong(0)).isEqualTo(5L);
    }

    @Test
    void neverFailsOtherwiseThanWithRecordDecodeFailedOnRandomCorruption() {
        Schema schema =
                parse(
                        """
                {"type": "record", "name": "Node", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "name", "type": ["null", "string"]},
                  {"name": "f", "type": {"type": "fixed", "name": "F", "size": 3}},
                  {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 2}},
                  {"name": "small", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 0}},
                  {"name": "big", "type": {"type": "bytes", "logicalType": "decimal", "precision": 50, "scale": 0}},
                  {"name": "u", "type": ["int", "string", "null"]},
                  {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "nums", "type": {"type": "array", "items": "double"}},
                  {"name": "m", "type": {"type": "map", "values": ["null", "int"]}},
                  {"name": "kids", "type": {"type": "array", "items": "Node"}},
                  {"name": "b", "type": "boolean"}]}
                """);
        GenericRecord leaf = nodeRecord(schema, 2, List.of());
        byte[] good =
                encode(
                        schema,
                        nodeRecord(schema, 1, List.of(leaf)),
                        leaf,
                        nodeRecord(schema, 3, List.of(leaf, leaf)));
        RowType full = AvroTypes.toRowType(schema);
        RowType lastField =
                new RowType(false, List.of(full.getFields().get(full.getFieldCount() - 1)));
        Random random = new Random(7);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] block = good.clone();
            int length = block.length;
            if (trial % 3 == 0) {
                length = random.nextInt(block.length);
            } else {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    block[random.nextInt(block.length)] = (byte) random.nextInt(256);
                }
            }
            // Every other trial skips all fields but the last, to corrupt the skipping paths too.
            RecordDecoder decoder =
                    RecordDecoder.compile(schema, trial % 2 == 0 ? null : lastField);
            RowBatch batch = decoder.createBatch(2);
            try {
                decoder.startBlock(block, 0, length, 3);
                while (decoder.remainingRecords() > 0) {
                    int n = decoder.decode(batch, 2);
                    for (int i = 0; i < n; i++) {
                        FlinkRows.copy(batch.row(i), decoder.rowType());
                    }
                }
            } catch (JetlinerException e) {
                assertThat(e.kind())
                        .as("trial %d: %s", trial, e.getMessage())
                        .isEqualTo(JetlinerException.Kind.RECORD_DECODE_FAILED);
                // A cause is only Avro's, writing a recursive value as JSON: never one of ours
                // such as an index out of bounds.
                Throwable cause = e.getCause();
                assertThat(
                                cause == null
                                        || cause.getClass().getName().startsWith("org.apache.avro"))
                        .as("trial %d: %s", trial, e)
                        .isTrue();
            }
        }
    }

    private static GenericRecord nodeRecord(Schema schema, long id, List<GenericRecord> kids) {
        return record(
                schema,
                id,
                id % 2 == 0 ? null : "name" + id,
                new GenericData.Fixed(schema.getField("f").schema(), new byte[] {1, 2, 3}),
                ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                ByteBuffer.wrap(new byte[] {3}),
                ByteBuffer.wrap(new byte[] {-5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                id % 2 == 0 ? (Object) (int) id : "u",
                new GenericData.EnumSymbol(schema.getField("e").schema(), "B"),
                List.of("a", "bc"),
                List.of(1.0, 2.0),
                Map.of("k", 1),
                kids,
                true);
    }

    private static void assertDecodeFails(
            Schema schema, byte[] block, long records, long failingRecord, String detail) {
        ThrowingCallable decode = () -> FlinkRows.decode(schema, null, block, records, 2);
        assertThatThrownBy(decode)
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(JetlinerException.Kind.RECORD_DECODE_FAILED);
                            assertThat(e.recordIndex()).isEqualTo(failingRecord);
                        })
                .hasMessageContaining(detail);
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
