package io.jetliner.flink.avro.decode;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.jetliner.flink.avro.decode.AvroBlocks.encode;
import static io.jetliner.flink.avro.decode.AvroBlocks.record;
import static io.jetliner.flink.avro.decode.FlinkRows.decode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Copies of a compiled decoder decode blocks at the same time, on different threads, sharing the
 * compiled readers: the source's fetcher thread decodes one block while its task thread decodes
 * another.
 */
class RecordDecoderCopyTest {

    private static final Schema NODE =
            new Schema.Parser()
                    .parse(
                            """
                {"type": "record", "name": "Node", "fields": [
                  {"name": "label", "type": "string"},
                  {"name": "next", "type": ["null", "Node"]},
                  {"name": "weight", "type": "long"}]}
                """);

    private static final int RECORDS = 300;

    private static final int PASSES = 40;

    @Test
    void copiesOnTwoThreadsDecodeRecursiveValuesAsOneDecoderAlone() throws Exception {
        byte[] block = encode(NODE, chains());
        RecordDecoder compiled = RecordDecoder.compile(NODE, (RowType) null);
        List<GenericRowData> expected = decode(compiled, block, RECORDS, 64);
        // the skip path of the recursive reader too: the chains are skipped, not written as JSON
        RowType weightOnly =
                new RowType(List.of(new RowType.RowField("weight", new BigIntType(false))));
        RecordDecoder projected = RecordDecoder.compile(NODE, weightOnly);
        List<GenericRowData> expectedWeights = decode(projected, block, RECORDS, 64);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(threads.submit(passes(compiled.copy(), block, expected)));
                results.add(threads.submit(passes(projected.copy(), block, expectedWeights)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(expected).hasSize(RECORDS);
        assertThat(expected.get(RECORDS - 1).getString(1).toString()).contains("\"Node\"");
    }

    @Test
    void aCopyKeepsTheFilterOfItsOriginalWithColumnsOfItsOwn() {
        byte[] block = encode(NODE, chains());
        RowFilter heavy = RowFilter.greaterThan("weight", (long) RECORDS / 2);
        RecordDecoder original = RecordDecoder.compile(NODE, null, null, heavy);
        RecordDecoder copy = original.copy();

        List<GenericRowData> fromCopy = decode(copy, block, RECORDS, 64);

        assertThat(fromCopy)
                .hasSize(RECORDS / 2 - 1)
                .isEqualTo(decode(original, block, RECORDS, 64));
    }

    private static Callable<Boolean> passes(
            RecordDecoder decoder, byte[] block, List<GenericRowData> expected) {
        return () -> {
            for (int pass = 0; pass < PASSES; pass++) {
                assertThat(decode(decoder, block, RECORDS, 64)).isEqualTo(expected);
            }
            return true;
        };
    }

    /** Records whose {@code next} chains are 0 to 30 nodes deep. */
    private static Object[] chains() {
        Object[] records = new Object[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            GenericRecord next = null;
            for (int depth = i % 31; depth > 0; depth--) {
                next = record(NODE, "n" + i + "-" + depth, next, (long) depth);
            }
            records[i] = record(NODE, "r" + i, next, (long) i);
        }
        return records;
    }
}
