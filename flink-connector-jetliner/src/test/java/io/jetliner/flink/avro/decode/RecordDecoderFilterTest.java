package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.testutil.RandomData;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.jetliner.flink.avro.decode.AvroBlocks.concat;
import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.raw;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.FlinkRows.copy;
import static io.jetliner.flink.avro.decode.FlinkRows.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A filtering decoder yields exactly the rows, and the record indices, that a Java filter of the
 * unfiltered decode keeps, in batches of any size, from records of variable and of fixed size;
 * positions and errors still count records, not rows.
 */
class RecordDecoderFilterTest {

    /** Every comparable type, nullable and not, between fields of variable size. */
    private static final Schema VARIABLE =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "V", "fields": [
              {"name": "id", "type": "long"},
              {"name": "i", "type": "int"},
              {"name": "ni", "type": ["null", "int"]},
              {"name": "l", "type": ["long", "null"]},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "f", "type": "float"},
              {"name": "d", "type": ["null", "double"]},
              {"name": "b", "type": ["null", "boolean"]},
              {"name": "s", "type": ["null", "string"]},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B", "C", "D"]}},
              {"name": "nested", "type": {"type": "record", "name": "N", "fields": [
                  {"name": "x", "type": "int"}, {"name": "y", "type": ["null", "string"]}]}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "us", "type": ["null", {"type": "long", "logicalType": "local-timestamp-micros"}]},
              {"name": "ns", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
              {"name": "dec", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                  "precision": 12, "scale": 3}]},
              {"name": "wide", "type": {"type": "fixed", "name": "W", "size": 14,
                  "logicalType": "decimal", "precision": 30, "scale": 4}},
              {"name": "props", "type": {"type": "map", "values": "long"}}]}
            """);

    /** Records of one size: every field's values are of a fixed size. */
    private static final Schema FIXED =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "F", "fields": [
              {"name": "d", "type": "double"},
              {"name": "f", "type": "float"},
              {"name": "b", "type": "boolean"},
              {"name": "price", "type": {"type": "fixed", "name": "P", "size": 8,
                  "logicalType": "decimal", "precision": 18, "scale": 2}},
              {"name": "code", "type": {"type": "fixed", "name": "C", "size": 3}}]}
            """);

    private static final int[] BATCH_SIZES = {1, 2, 3, 7, 64, 10_000};

    @Test
    void decodesExactlyTheRowsAJavaFilterOfTheFullDecodeKeepsFromRecordsOfVariableSize() {
        assertFilteredLikeJava(VARIABLE, 400, 60, 1);
    }

    @Test
    void decodesExactlyTheRowsAJavaFilterOfTheFullDecodeKeepsFromRecordsOfFixedSize() {
        assertThat(
                        ReaderCompiler.compile(
                                        FIXED,
                                        AvroTypes.toRowType(FIXED),
                                        AvroTypes.toRowType(FIXED))
                                .fixedSize())
                .isPositive();
        assertFilteredLikeJava(FIXED, 300, 40, 2);
    }

    @Test
    void filtersWithNoFieldProjected() {
        Random random = new Random(3);
        byte[] block = encode(VARIABLE, new RandomData(random).data(VARIABLE, 200).toArray());
        List<GenericRowData> full = decode(VARIABLE, block, 200);
        RowType mapped = AvroTypes.toRowType(VARIABLE);
        RowFilter filter = RowFilter.or(RowFilter.isNull("s"), RowFilter.greaterThan("i", 0));

        List<Long> indices =
                recordIndices(
                        decodeFiltered(
                                RecordDecoder.compile(VARIABLE, new RowType(List.of()), filter),
                                block,
                                200,
                                16));

        assertThat(indices).isEqualTo(accepted(filter, full, mapped)).isNotEmpty();
    }

    @Test
    void skipsRecordsThenFiltersTheRest() {
        Random random = new Random(4);
        int records = 100;
        byte[] block = encode(VARIABLE, new RandomData(random).data(VARIABLE, records).toArray());
        RowFilter filter = RowFilter.isNotNull("ni");
        List<Long> all =
                accepted(filter, decode(VARIABLE, block, records), AvroTypes.toRowType(VARIABLE));

        for (int skipped : new int[] {0, 1, 37, 99, 100}) {
            RecordDecoder decoder = RecordDecoder.compile(VARIABLE, null, filter);
            RowBatch batch = decoder.createBatch(8);
            decoder.startBlock(block, 0, block.length, records);
            decoder.skip(skipped);
            List<Long> indices = new ArrayList<>();
            while (decoder.remainingRecords() > 0) {
                decoder.decode(batch, 8);
                for (int i = 0; i < batch.size(); i++) {
                    indices.add(batch.recordIndex(i));
                }
            }
            assertThat(indices)
                    .as("after skipping %d", skipped)
                    .isEqualTo(all.stream().filter(r -> r >= skipped).toList());
        }
    }

    @Test
    void readsOnUntilABatchIsFullAndCountsRecordsNotRows() {
        Schema schema = longs();
        // ids 0..19: the filter keeps those divisible by 5
        Object[] data = new Object[20];
        for (int i = 0; i < data.length; i++) {
            data[i] = record(schema, (long) i);
        }
        byte[] block = encode(schema, data);
        RecordDecoder decoder =
                RecordDecoder.compile(schema, null, RowFilter.in("id", 0L, 5L, 10L, 15L));
        RowBatch batch = decoder.createBatch(2);
        decoder.startBlock(block, 0, block.length, 20);

        assertThat(decoder.decode(batch, 2)).isEqualTo(2);
        assertThat(batch.recordIndex(1)).isEqualTo(5);
        assertThat(decoder.remainingRecords()).isEqualTo(14);
        assertThat(decoder.decode(batch, 2)).isEqualTo(2);
        assertThat(batch.recordIndex(0)).isEqualTo(10);
        assertThat(batch.recordIndex(1)).isEqualTo(15);
        assertThat(batch.row(1).getLong(0)).isEqualTo(15);
        assertThat(decoder.remainingRecords()).isEqualTo(4);
        // the rest is dropped: the batch ends with the block
        assertThat(decoder.decode(batch, 2)).isZero();
        assertThat(decoder.remainingRecords()).isZero();
        assertThatThrownBy(() -> batch.recordIndex(0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void reportsConsecutiveRecordIndicesWithoutAFilter() {
        Schema schema = longs();
        byte[] block = encode(schema, record(schema, 7L), record(schema, 8L), record(schema, 9L));
        RecordDecoder decoder = RecordDecoder.compile(schema, null);
        RowBatch batch = decoder.createBatch(2);
        decoder.startBlock(block, 0, block.length, 3);
        decoder.skip(1);

        decoder.decode(batch, 1);
        assertThat(batch.recordIndex(0)).isEqualTo(1);
        decoder.decode(batch, 2);
        assertThat(batch.recordIndex(0)).isEqualTo(2);
    }

    @Test
    void locatesACorruptRecordAtItsIndexThoughTheRecordsBeforeItWereDropped() {
        Schema schema =
                new Schema.Parser()
                        .parse(
                                """
                {"type": "record", "name": "S", "fields": [
                  {"name": "id", "type": "long"}, {"name": "s", "type": "string"}]}
                """);
        byte[] good =
                encode(
                        schema,
                        record(schema, 1L, "a"),
                        record(schema, 2L, "b"),
                        record(schema, 3L, "c"));
        // record 3: a string longer than the block, in a field the filter does not read
        byte[] bad = raw(out -> out.writeLong(4).writeLong(1000));
        byte[] block = concat(good, bad);
        RecordDecoder decoder =
                RecordDecoder.compile(schema, null, RowFilter.greaterThan("id", 100L));
        RowBatch batch = decoder.createBatch(4);
        decoder.startBlock(block, 0, block.length, 4);

        assertThatThrownBy(() -> decoder.decode(batch, 4))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(JetlinerException.Kind.RECORD_DECODE_FAILED);
                            assertThat(e.recordIndex()).isEqualTo(3);
                        });
        assertThat(decoder.remainingRecords()).isZero();
    }

    @Test
    void locatesBytesLeftOverAtTheLastRecordThoughEveryRecordWasDropped() {
        Schema schema = longs();
        byte[] block =
                concat(encode(schema, record(schema, 1L), record(schema, 2L)), new byte[] {0});
        RecordDecoder decoder = RecordDecoder.compile(schema, null, RowFilter.isNull("id"));
        RowBatch batch = decoder.createBatch(4);
        decoder.startBlock(block, 0, block.length, 2);

        assertThatThrownBy(() -> decoder.decode(batch, 4))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.recordIndex()).isEqualTo(1);
                            assertThat(e.getMessage()).contains("left over");
                        });
    }

    /**
     * Decodes random records under random filters and projections, in batches of every size, and
     * compares with the rows and indices that the oracle keeps from the unfiltered decode.
     */
    private static void assertFilteredLikeJava(Schema schema, int records, int filters, long seed) {
        Random random = new Random(seed);
        byte[] block = encode(schema, new RandomData(random).data(schema, records).toArray());
        RowType mapped = AvroTypes.toRowType(schema);
        List<GenericRowData> full = decode(schema, block, records);
        List<String> comparable = new ArrayList<>();
        for (RowField field : mapped.getFields()) {
            if (!field.getType().is(LogicalTypeFamily.CONSTRUCTED)
                    && !field.getType().is(LogicalTypeFamily.BINARY_STRING)) {
                comparable.add(field.getName());
            }
        }
        RandomFilters randomFilters = new RandomFilters(random, mapped, comparable, full);
        int nonTrivial = 0;
        for (int f = 0; f < filters; f++) {
            RowFilter filter = randomFilters.next();
            RowType projected = randomProjection(random, mapped);
            List<Long> expected = accepted(filter, full, mapped);
            List<GenericRowData> unfiltered = decode(schema, projected, block, records);
            List<GenericRowData> expectedRows = new ArrayList<>();
            expected.forEach(index -> expectedRows.add(unfiltered.get(index.intValue())));
            if (!expected.isEmpty() && expected.size() < records) {
                nonTrivial++;
            }
            RecordDecoder decoder = RecordDecoder.compile(schema, projected, filter);
            for (int batchSize : BATCH_SIZES) {
                List<Decoded> decoded = decodeFiltered(decoder, block, records, batchSize);
                assertThat(recordIndices(decoded))
                        .as("%s in batches of %d", filter, batchSize)
                        .isEqualTo(expected);
                assertThat(decoded.stream().map(Decoded::row).toList())
                        .as("%s projected to %s in batches of %d", filter, projected, batchSize)
                        .isEqualTo(expectedRows);
            }
        }
        // most filters keep some records and drop others, or the test proves little
        assertThat(nonTrivial).isGreaterThan(filters / 3);
    }

    private static RowType randomProjection(Random random, RowType mapped) {
        List<RowField> fields = new ArrayList<>(mapped.getFields());
        Collections.shuffle(fields, random);
        return new RowType(fields.subList(0, random.nextInt(fields.size() + 1)));
    }

    private static List<Long> accepted(
            RowFilter filter, List<GenericRowData> rows, RowType rowType) {
        List<Long> indices = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (FilterOracle.accepts(filter, rows.get(i), rowType)) {
                indices.add((long) i);
            }
        }
        return indices;
    }

    private record Decoded(long recordIndex, GenericRowData row) {}

    private static List<Decoded> decodeFiltered(
            RecordDecoder decoder, byte[] block, long records, int batchSize) {
        RowBatch batch = decoder.createBatch(batchSize);
        decoder.startBlock(block, 0, block.length, records);
        List<Decoded> decoded = new ArrayList<>();
        while (decoder.remainingRecords() > 0) {
            int rows = decoder.decode(batch, batchSize);
            assertThat(rows).isEqualTo(batch.size()).isLessThanOrEqualTo(batchSize);
            if (rows < batchSize) {
                assertThat(decoder.remainingRecords()).isZero();
            }
            for (int i = 0; i < rows; i++) {
                decoded.add(
                        new Decoded(batch.recordIndex(i), copy(batch.row(i), decoder.rowType())));
            }
        }
        return decoded;
    }

    private static List<Long> recordIndices(List<Decoded> decoded) {
        return decoded.stream().map(Decoded::recordIndex).toList();
    }

    private static Schema longs() {
        return new Schema.Parser()
                .parse(
                        """
                {"type": "record", "name": "L", "fields": [{"name": "id", "type": "long"}]}
                """);
    }
}
