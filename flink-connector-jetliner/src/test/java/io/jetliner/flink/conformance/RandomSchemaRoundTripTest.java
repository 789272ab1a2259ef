package io.jetliner.flink.conformance;

import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.reader.JetlinerReader;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.RandomData;
import io.jetliner.flink.testutil.RandomProjections;
import io.jetliner.flink.testutil.RandomSchemas;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;
import io.jetliner.flink.testutil.RowTypes;

import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileConstants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The property the decoder and the reader must have: whatever the writer schema, the data, the
 * codec, the block size, the batch size and the projection, {@link JetlinerReader} returns exactly
 * the rows that {@link ReferenceOracle} derives from the data Avro Java wrote.
 *
 * <p>The build runs a fixed seed, so that a red build is a change's doing and replays as it is;
 * {@code -Djetliner.seed=random} draws a new one (for longer explorations, with {@code
 * -Djetliner.cases=N}). A failure prints the seed and the case, so that {@code -Djetliner.seed=S
 * -Djetliner.case=N} replays that case alone.
 */
class RandomSchemaRoundTripTest {

    private static final int CASES = Integer.getInteger("jetliner.cases", 1_200);

    private static final long DEFAULT_SEED = 20_261_124L;

    /**
     * The codec of case {@code i} is {@code CODEC_ROTATION[i % 14]}: the four common codecs three
     * times as often as bzip2 and xz, which are slow to write and get fewer rows.
     */
    private static final List<String> CODEC_ROTATION =
            List.of(
                    "null",
                    "deflate",
                    "snappy",
                    "zstandard",
                    "bzip2",
                    "null",
                    "deflate",
                    "snappy",
                    "zstandard",
                    "xz",
                    "null",
                    "deflate",
                    "snappy",
                    "zstandard");

    private static final int[] SYNC_INTERVALS = {32, 100, 500, 2_000, 16_000};
    private static final int MAX_REPORTED_FAILURES = 8;

    private final RowComparison comparison = new RowComparison(RowComparison.FloatZero.EXACT);

    @Test
    void readsRandomSchemasAndDataInEveryCodecExactlyAsTheOracleConvertsThem() {
        String seedProperty = System.getProperty("jetliner.seed", String.valueOf(DEFAULT_SEED));
        long seed =
                seedProperty.equals("random")
                        ? ThreadLocalRandom.current().nextLong()
                        : Long.parseLong(seedProperty);
        Integer onlyCase = Integer.getInteger("jetliner.case");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failuresByCodec = new LinkedHashMap<>();
        int run = 0;
        for (int i = 0; i < CASES; i++) {
            if (onlyCase != null && onlyCase != i) {
                continue;
            }
            Case testCase = null;
            try {
                testCase = Case.generate(i, seed);
                check(testCase);
            } catch (Throwable t) {
                String codec = testCase == null ? "generator" : testCase.codec;
                failuresByCodec.merge(codec, 1, Integer::sum);
                failures.add(
                        (testCase == null ? "case " + i + " (generating it)" : testCase)
                                + "\n  failure: "
                                + describe(t));
            }
            run++;
        }
        if (!failures.isEmpty()) {
            fail(
                    failures.size()
                            + " of "
                            + run
                            + " random cases failed (seed "
                            + seed
                            + "; failures by codec "
                            + failuresByCodec
                            + "). Replay one with -Djetliner.seed="
                            + seed
                            + " -Djetliner.case=N. The first ones:\n\n"
                            + String.join(
                                    "\n\n",
                                    failures.subList(
                                            0, Math.min(failures.size(), MAX_REPORTED_FAILURES))));
        }
        assertThat(run).isEqualTo(onlyCase == null ? CASES : 1);
    }

    private void check(Case testCase) throws Exception {
        byte[] file =
                AvroFiles.write(
                        testCase.schema,
                        testCase.data,
                        AvroFiles.codec(testCase.codec, new Random(testCase.seed)),
                        testCase.syncInterval,
                        testCase.metadata);
        // The oracle reads the schema as the file states it, like the reader does.
        Schema writerSchema = new Schema.Parser().parse(testCase.schema.toString());
        RowType fullType = ReferenceOracle.rowType(writerSchema);
        RowType expectedType = testCase.projection == null ? fullType : testCase.projection;
        ReaderOptions options =
                ReaderOptions.builder()
                        .batchSize(testCase.batchSize)
                        .projection(testCase.projection)
                        .build();

        try (JetlinerReader reader =
                JetlinerReader.open(
                        new ByteArrayInput(file), "case-" + testCase.index + ".avro", options)) {
            assertThat(reader.schema()).as("writer schema").isEqualTo(writerSchema);
            testCase.metadata.forEach(
                    (key, value) ->
                            assertThat(reader.header().metadata().get(key))
                                    .as("metadata %s", key)
                                    .isEqualTo(value));
            assertThat(RowTypes.comparable(reader.rowType()))
                    .as("row type")
                    .isEqualTo(RowTypes.comparable(expectedType));

            int row = 0;
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                assertThat(batch.size()).as("batch size").isBetween(1, testCase.batchSize);
                for (int i = 0; i < batch.size(); i++, row++) {
                    assertThat(row).as("rows read").isLessThan(testCase.data.size());
                    PlainValues.Row expected =
                            RandomProjections.project(
                                    PlainValues.of(
                                            ReferenceOracle.row(
                                                    testCase.data.get(row), writerSchema),
                                            fullType),
                                    expectedType);
                    PlainValues.Row actual = PlainValues.of(batch.row(i), expectedType);
                    String difference = comparison.difference(expected, actual);
                    if (difference != null) {
                        throw new AssertionError("row " + row + ", " + difference);
                    }
                }
            }
            assertThat(row).as("rows read").isEqualTo(testCase.data.size());
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof AssertionError) {
            return failure.getMessage();
        }
        StringBuilder text = new StringBuilder(failure.toString());
        StackTraceElement[] stack = failure.getStackTrace();
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
            text.append("\n    at ").append(stack[i]);
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by ").append(cause);
            StackTraceElement[] causeStack = cause.getStackTrace();
            for (int i = 0; i < Math.min(causeStack.length, 4); i++) {
                text.append("\n    at ").append(causeStack[i]);
            }
        }
        return text.toString();
    }

    /** One random case: everything needed to write a file and to say how it must read. */
    private static final class Case {
        final int index;
        final long seed;
        final String codec;
        final Schema schema;
        final List<Object> data;
        final int syncInterval;
        final Map<String, byte[]> metadata;
        final int batchSize;
        final RowType projection;

        private Case(
                int index,
                long seed,
                String codec,
                Schema schema,
                List<Object> data,
                int syncInterval,
                Map<String, byte[]> metadata,
                int batchSize,
                RowType projection) {
            this.index = index;
            this.seed = seed;
            this.codec = codec;
            this.schema = schema;
            this.data = data;
            this.syncInterval = syncInterval;
            this.metadata = metadata;
            this.batchSize = batchSize;
            this.projection = projection;
        }

        static Case generate(int index, long runSeed) {
            long seed = new Random(runSeed ^ (index * 0x9E3779B97F4A7C15L)).nextLong();
            Random random = new Random(seed);
            String codec = CODEC_ROTATION.get(index % CODEC_ROTATION.size());
            boolean slowCodec = codec.equals("bzip2") || codec.equals("xz");
            Schema schema = RandomSchemas.next(random);
            int rows = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(slowCodec ? 12 : 60);
            List<Object> data = new RandomData(random).data(schema, rows);
            int syncInterval =
                    random.nextInt(4) == 0
                            ? DataFileConstants.DEFAULT_SYNC_INTERVAL
                            : SYNC_INTERVALS[random.nextInt(SYNC_INTERVALS.length)];
            Map<String, byte[]> metadata = new LinkedHashMap<>();
            if (random.nextInt(5) == 0) {
                byte[] note = new byte[random.nextInt(300)];
                random.nextBytes(note);
                metadata.put("user.note", note);
            }
            int batchSize =
                    random.nextInt(5) < 2
                            ? 1 + random.nextInt(9)
                            : ReaderOptions.DEFAULT_BATCH_SIZE;
            RowType projection = null;
            if (schema.getType() == Schema.Type.RECORD && random.nextInt(10) < 3) {
                Schema writerSchema = new Schema.Parser().parse(schema.toString());
                projection =
                        RandomProjections.next(
                                writerSchema, ReferenceOracle.rowType(writerSchema), random);
            }
            return new Case(
                    index,
                    seed,
                    codec,
                    schema,
                    data,
                    syncInterval,
                    metadata,
                    batchSize,
                    projection);
        }

        @Override
        public String toString() {
            String schemaText = schema.toString();
            return "case "
                    + index
                    + ": "
                    + codec
                    + ", "
                    + data.size()
                    + " rows, sync interval "
                    + syncInterval
                    + ", batch size "
                    + batchSize
                    + (metadata.isEmpty() ? "" : ", metadata " + metadata.keySet())
                    + (projection == null ? "" : ", projection " + projection.asSummaryString())
                    + "\n  schema: "
                    + (schemaText.length() > 4_000
                            ? schemaText.substring(0, 4_000)
                                    + "… ("
                                    + schemaText.length()
                                    + " chars)"
                            : schemaText);
        }
    }
}
