package io.jetliner.flink.avro.decode;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.binary.BinaryStringData;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.FlinkRows.copy;
import static io.jetliner.flink.avro.decode.FlinkRows.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A block decodes in batches of any size, can be skipped in part, and reuses its batch. */
class RecordDecoderBatchesTest {

    private static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "long"},
              {"name": "name", "type": ["null", "string"]},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "props", "type": {"type": "map", "values": "int"}}]}
            """);

    private static final int RECORDS = 10;

    private static final Object[] DATA = data();

    private static final byte[] BLOCK = encode(SCHEMA, DATA);

    @Test
    void decodesTheSameRowsInBatchesOfAnySize() {
        List<GenericRowData> whole = decode(SCHEMA, null, BLOCK, RECORDS, RECORDS);

        for (int maxRows = 1; maxRows <= RECORDS + 1; maxRows++) {
            assertThat(decode(SCHEMA, null, BLOCK, RECORDS, maxRows)).isEqualTo(whole);
        }
        assertThat(whole).hasSize(RECORDS);
        assertThat(whole.get(3).getString(1)).isNull();
        assertThat(whole.get(4).getArray(2).size()).isEqualTo(4);
    }

    @Test
    void returnsBatchesOfAtMostMaxRowsUntilTheBlockIsDone() {
        RecordDecoder decoder = RecordDecoder.compile(SCHEMA, null);
        RowBatch batch = decoder.createBatch(1);
        decoder.startBlock(BLOCK, 0, BLOCK.length, RECORDS);

        List<Integer> sizes = new ArrayList<>();
        while (decoder.remainingRecords() > 0) {
            sizes.add(decoder.decode(batch, 4));
            assertThat(batch.size()).isEqualTo(sizes.get(sizes.size() - 1));
        }

        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(decoder.decode(batch, 4)).isZero();
        assertThat(batch.size()).isZero();
    }

    @Test
    void decodesABlockInTheMiddleOfALargerArray() {
        byte[] padded = new byte[BLOCK.length + 20];
        System.arraycopy(BLOCK, 0, padded, 7, BLOCK.length);
        RecordDecoder decoder = RecordDecoder.compile(SCHEMA, null);
        RowBatch batch = decoder.createBatch(RECORDS);
        decoder.startBlock(padded, 7, BLOCK.length, RECORDS);

        assertThat(decoder.decode(batch, RECORDS)).isEqualTo(RECORDS);
        assertThat(copy(batch.row(9), decoder.rowType()))
                .isEqualTo(decode(SCHEMA, BLOCK, RECORDS).get(9));
    }

    @Test
    void skipsRecordsThenDecodesTheRest() {
        List<GenericRowData> whole = decode(SCHEMA, BLOCK, RECORDS);
        for (int skipped = 0; skipped <= RECORDS; skipped++) {
            RecordDecoder decoder = RecordDecoder.compile(SCHEMA, null);
            RowBatch batch = decoder.createBatch(RECORDS);
            decoder.startBlock(BLOCK, 0, BLOCK.length, RECORDS);

            decoder.skip(skipped);

            assertThat(decoder.remainingRecords()).isEqualTo(RECORDS - skipped);
            int n = decoder.decode(batch, RECORDS);
            List<GenericRowData> rest = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rest.add(copy(batch.row(i), decoder.rowType()));
            }
            assertThat(rest).isEqualTo(whole.subList(skipped, RECORDS));
        }
    }

    @Test
    void skipsRecordsOfFixedSizeInOneJump() {
        Schema doubles =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "D", "fields": [
                  {"name": "a", "type": "double"}, {"name": "b", "type": "float"}]}
                """);
        byte[] block =
                encode(
                        doubles,
                        record(doubles, 1.0, 1f),
                        record(doubles, 2.0, 2f),
                        record(doubles, 3.0, 3f));
        RecordDecoder decoder = RecordDecoder.compile(doubles, null);
        RowBatch batch = decoder.createBatch(3);
        decoder.startBlock(block, 0, block.length, 3);

        decoder.skip(2);
        decoder.decode(batch, 3);

        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.row(0).getDouble(0)).isEqualTo(3.0);
    }

    @Test
    void reusesItsBatchWithoutLeakingThePreviousRows() {
        RecordDecoder decoder = RecordDecoder.compile(SCHEMA, null);
        RowBatch batch = decoder.createBatch(2);
        List<GenericRowData> expected = decode(SCHEMA, BLOCK, RECORDS);
        decoder.startBlock(BLOCK, 0, BLOCK.length, RECORDS);

        for (int first = 0; first < RECORDS; first += 2) {
            decoder.decode(batch, 2);
            assertThat(copy(batch.row(0), decoder.rowType())).isEqualTo(expected.get(first));
            assertThat(copy(batch.row(1), decoder.rowType())).isEqualTo(expected.get(first + 1));
        }
    }

    @Test
    void growsABatchForMoreRowsThanItsCapacity() {
        RecordDecoder decoder = RecordDecoder.compile(SCHEMA, null);
        RowBatch batch = decoder.createBatch(0);
        decoder.startBlock(BLOCK, 0, BLOCK.length, RECORDS);

        assertThat(decoder.decode(batch, 100)).isEqualTo(RECORDS);
        assertThat(copy(batch.row(9), decoder.rowType()))
                .isEqualTo(decode(SCHEMA, BLOCK, RECORDS).get(9));
    }

    @Test
    void refusesRowsOutsideTheBatchAndBatchesOfOtherDecoders() {
        RecordDecoder decoder = RecordDecoder.compile(SCHEMA, null);
        RowBatch batch = decoder.createBatch(4);
        decoder.startBlock(BLOCK, 0, BLOCK.length, RECORDS);
        decoder.decode(batch, 2);

        assertThatThrownBy(() -> batch.row(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RecordDecoder.compile(SCHEMA, null).decode(batch, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.skip(RECORDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesPrimitiveRowsIntoAReusedBatchWithoutAllocating() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "P", "fields": [
                  {"name": "l", "type": "long"}, {"name": "s", "type": "string"},
                  {"name": "d", "type": "double"}, {"name": "i", "type": "int"},
                  {"name": "b", "type": "boolean"}, {"name": "f", "type": "float"},
                  {"name": "o", "type": ["null", "string"]}]}
                """);
        int records = 20_000;
        Object[] data = new Object[records];
        for (int i = 0; i < records; i++) {
            data[i] =
                    record(
                            schema,
                            i * 7919L,
                            "name-" + i,
                            i / 3.0,
                            i,
                            i % 2 == 0,
                            i / 7f,
                            i % 3 == 0 ? null : "o");
        }
        byte[] block = encode(schema, data);
        RecordDecoder decoder = RecordDecoder.compile(schema, null);
        RowBatch batch = decoder.createBatch(1024);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        decodeAll(decoder, batch, block, records);

        long before = threads.getThreadAllocatedBytes(thread);
        decodeAll(decoder, batch, block, records);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // One object per row would be hundreds of kilobytes.
        assertThat(allocated).isLessThan(records);
    }

    @Test
    void servesAStringOfARowWithOneObjectAndAnEnumSymbolWithNone() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "S", "fields": [
                  {"name": "s", "type": "string"},
                  {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}}]}
                """);
        int records = 1024;
        Object[] data = new Object[records];
        for (int i = 0; i < records; i++) {
            data[i] =
                    record(
                            schema,
                            "value-" + i,
                            new org.apache.avro.generic.GenericData.EnumSymbol(
                                    schema.getField("e").schema(), i % 2 == 0 ? "A" : "B"));
        }
        byte[] block = encode(schema, data);
        RecordDecoder decoder = RecordDecoder.compile(schema, null);
        RowBatch batch = decoder.createBatch(records);
        decoder.startBlock(block, 0, block.length, records);
        decoder.decode(batch, records);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long lengths = readStrings(batch, 0) + readStrings(batch, 1);

        long before = threads.getThreadAllocatedBytes(thread);
        lengths += readStrings(batch, 0);
        long strings = threads.getThreadAllocatedBytes(thread) - before;
        before = threads.getThreadAllocatedBytes(thread);
        lengths += readStrings(batch, 1);
        long symbols = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(lengths).isPositive();
        assertThat(batch.row(7).getString(0).toString()).isEqualTo("value-7");
        assertThat(batch.row(7).getString(1).toString()).isEqualTo("B");
        // One small object a string; Flink's StringData.fromBytes would create four.
        assertThat(strings).isLessThanOrEqualTo(64L * records);
        assertThat(symbols).isLessThan(records);
    }

    private static long readStrings(RowBatch batch, int column) {
        long length = 0;
        for (int i = 0; i < batch.size(); i++) {
            length += ((BinaryStringData) batch.row(i).getString(column)).getSizeInBytes();
        }
        return length;
    }

    private static void decodeAll(
            RecordDecoder decoder, RowBatch batch, byte[] block, int records) {
        decoder.startBlock(block, 0, block.length, records);
        while (decoder.remainingRecords() > 0) {
            decoder.decode(batch, 1024);
        }
    }

    private static Object[] data() {
        Object[] data = new Object[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            List<String> tags = new ArrayList<>(Collections.nCopies(i % 5, "t" + i));
            java.util.Map<String, Integer> props = new java.util.LinkedHashMap<>();
            for (int j = 0; j < i % 4; j++) {
                props.put("p" + j, i * j);
            }
            data[i] = record(SCHEMA, (long) i, i % 4 == 3 ? null : "n" + i, tags, props);
        }
        return data;
    }
}
