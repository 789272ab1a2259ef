package io.jetliner.flink.conformance;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.reader.JetlinerReader;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.testutil.Corpus;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;
import io.jetliner.flink.testutil.RowTypes;

import org.apache.flink.core.fs.Path;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static io.jetliner.flink.JetlinerException.Kind.BAD_SYNC_MARKER;
import static io.jetliner.flink.JetlinerException.Kind.DECOMPRESSION_FAILED;
import static io.jetliner.flink.JetlinerException.Kind.NOT_AVRO;
import static io.jetliner.flink.JetlinerException.Kind.RECORD_DECODE_FAILED;
import static io.jetliner.flink.JetlinerException.Kind.SIZE_LIMIT_EXCEEDED;
import static io.jetliner.flink.JetlinerException.Kind.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every file of the shared public Avro corpus (written by a dozen implementations nobody on this
 * team wrote) reads as the reference, Avro Java's avro-tools 1.12.1, reads it: the same writer
 * schema, the same number of rows, and rows equal to the oracle's conversion of what avro-tools
 * printed; a file avro-tools cannot read fails here too, with a {@link JetlinerException} of a
 * fitting kind that names the file.
 *
 * <p>The only differences from the reference are the documented {@link #ALLOWED_DIFFERENCES}.
 * Without the corpus folder (see {@link Corpus#folder()}) the tests are skipped and say so.
 */
class CorpusConformanceTest {

    /** Small, so that batch boundaries fall inside blocks and across them. */
    private static final int BATCH_SIZE = 7;

    /**
     * Files we read differently from avro-tools on purpose, and why. All are truncated or empty
     * where a block should be: avro-tools' {@code DataFileStream.hasNext()} swallows the {@code
     * EOFException} and reports fewer rows (here 0) with no error. Dropping data silently is not
     * acceptable for a connector, so we fail (README of the corpus: "decide explicitly").
     *
     * <p>Not here, although it is corrupt: {@code jetliner/corrupted/invalid-record-data.avro},
     * whose damaged bytes still decode (to a garbage string), so we read it like the reference. Nor
     * {@code apache-avro/test.avro12}: an Avro 1.2 file, which both avro-tools and we reject as no
     * Avro container file.
     */
    static final Map<String, String> ALLOWED_DIFFERENCES =
            Map.of(
                    "apache-avro/lang-c/avro-1238-truncated.avro",
                    "the final block is 4 bytes short of its size; avro-tools returns 0 rows",
                    "goavro/blockSizeNotGreaterThanZero.avro",
                    "a block of 1 record and 0 bytes, then the file ends; avro-tools returns 0"
                            + " rows",
                    "goavro/cannotDiscardBlockBytes.avro",
                    "the block's 2 bytes of payload are missing; avro-tools returns 0 rows",
                    "goavro/cannotReadSyncMarker.avro",
                    "the block's sync marker is missing; avro-tools returns 0 rows",
                    "goavro/firstBlockCountNotGreaterThanZero.avro",
                    "a block count of 0, then the file ends; avro-tools returns 0 rows",
                    "jetliner/corrupted/truncated.avro",
                    "the only block is cut off; avro-tools returns 0 rows");

    /**
     * How each file that must fail fails: the files avro-tools cannot read and the allowed
     * differences. Where two kinds are listed, either is a clear account of the damage.
     */
    static final Map<String, Set<Kind>> EXPECTED_FAILURES =
            new TreeMap<>(
                    Map.ofEntries(
                            Map.entry(
                                    "apache-avro/lang-c/avro-1237-bad-union-discriminant.avro",
                                    EnumSet.of(RECORD_DECODE_FAILED)),
                            // One stray byte after the last sync marker: a block header cut off.
                            Map.entry(
                                    "apache-avro/lang-js/person-10.no-codec.avro",
                                    EnumSet.of(TRUNCATED)),
                            Map.entry("apache-avro/test.avro12", EnumSet.of(NOT_AVRO)),
                            Map.entry("goavro/bad-header.avro", EnumSet.of(NOT_AVRO)),
                            Map.entry(
                                    "goavro/blockCountExceedsMaxBlockCount.avro",
                                    EnumSet.of(TRUNCATED, SIZE_LIMIT_EXCEEDED)),
                            Map.entry(
                                    "goavro/blockSizeExceedsMaxBlockSize.avro",
                                    EnumSet.of(SIZE_LIMIT_EXCEEDED, TRUNCATED)),
                            Map.entry("goavro/cannotReadBlockSize.avro", EnumSet.of(TRUNCATED)),
                            Map.entry(
                                    "goavro/secondBlockCountZero.avro",
                                    EnumSet.of(RECORD_DECODE_FAILED)),
                            Map.entry(
                                    "goavro/syncMarkerMismatch.avro", EnumSet.of(BAD_SYNC_MARKER)),
                            Map.entry("goavro/temp0.avro", EnumSet.of(NOT_AVRO, TRUNCATED)),
                            Map.entry("goavro/temp1.avro", EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "hamba-avro/deflate-invalid-data.avro",
                                    EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "hamba-avro/snappy-invalid-crc.avro",
                                    EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "hamba-avro/snappy-invalid-data.avro",
                                    EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "hamba-avro/snappy-short-crc.avro",
                                    EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "hamba-avro/zstd-invalid-data.avro",
                                    EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "jetliner/corrupted/corrupted-compressed.avro",
                                    EnumSet.of(DECOMPRESSION_FAILED)),
                            Map.entry(
                                    "jetliner/corrupted/corrupted-sync-marker.avro",
                                    EnumSet.of(BAD_SYNC_MARKER)),
                            Map.entry(
                                    "jetliner/corrupted/invalid-magic.avro", EnumSet.of(NOT_AVRO)),
                            Map.entry(
                                    "jetliner/corrupted/multi-block-one-corrupted.avro",
                                    EnumSet.of(RECORD_DECODE_FAILED)),
                            Map.entry(
                                    "apache-avro/lang-c/avro-1238-truncated.avro",
                                    EnumSet.of(TRUNCATED)),
                            Map.entry(
                                    "goavro/blockSizeNotGreaterThanZero.avro",
                                    EnumSet.of(TRUNCATED, RECORD_DECODE_FAILED)),
                            Map.entry("goavro/cannotDiscardBlockBytes.avro", EnumSet.of(TRUNCATED)),
                            Map.entry("goavro/cannotReadSyncMarker.avro", EnumSet.of(TRUNCATED)),
                            Map.entry(
                                    "goavro/firstBlockCountNotGreaterThanZero.avro",
                                    EnumSet.of(TRUNCATED)),
                            Map.entry("jetliner/corrupted/truncated.avro", EnumSet.of(TRUNCATED))));

    /** Each file is read once, whichever test asks first. */
    private static final Map<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();

    private static final RowComparison AVRO_TOOLS_COMPARISON =
            new RowComparison(RowComparison.FloatZero.EXPECTED_POSITIVE_MATCHES_NEGATIVE);

    /** What reading a file did: failed, or read rows that matched the reference or not. */
    private record Outcome(String path, Throwable failure, String mismatch, long rows) {}

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileAsTheReferenceDoes() {
        java.nio.file.Path corpus = Corpus.requireFolder();
        return Corpus.dataFiles(corpus).stream()
                .map(file -> DynamicTest.dynamicTest(file, () -> check(corpus, file)));
    }

    @Test
    void differsFromTheReferenceOnlyWhereDocumented() {
        java.nio.file.Path corpus = Corpus.requireFolder();
        Map<String, Corpus.Entry> index = Corpus.index(corpus);
        Set<String> differing = new TreeSet<>();
        for (String file : Corpus.dataFiles(corpus)) {
            Outcome ours = outcome(corpus, file);
            boolean referenceFails = referenceFails(corpus, file, index);
            boolean weFail = ours.failure() != null;
            if (weFail != referenceFails || (!weFail && ours.mismatch() != null)) {
                differing.add(file);
            }
        }
        assertThat(differing).isEqualTo(new TreeSet<>(ALLOWED_DIFFERENCES.keySet()));
    }

    @Test
    void namesAFailureKindForEveryFileThatMustFail() {
        java.nio.file.Path corpus = Corpus.requireFolder();
        Map<String, Corpus.Entry> index = Corpus.index(corpus);
        Set<String> mustFail = new TreeSet<>();
        for (String file : Corpus.dataFiles(corpus)) {
            if (mustFail(corpus, file, index)) {
                mustFail.add(file);
            }
        }
        assertThat(mustFail).isEqualTo(EXPECTED_FAILURES.keySet());
    }

    private static void check(java.nio.file.Path corpus, String file) {
        Map<String, Corpus.Entry> index = Corpus.index(corpus);
        Outcome ours = outcome(corpus, file);
        if (mustFail(corpus, file, index)) {
            assertFailsClearly(file, ours);
            return;
        }
        if (ours.failure() != null) {
            throw new AssertionError(
                    file + ": avro-tools reads it, but we fail: " + ours.failure(), ours.failure());
        }
        if (ours.mismatch() != null) {
            fail(file + ": " + ours.mismatch());
        }
    }

    private static void assertFailsClearly(String file, Outcome ours) {
        String why = ALLOWED_DIFFERENCES.getOrDefault(file, "avro-tools cannot read it either");
        if (ours.failure() == null) {
            fail(file + " must fail (" + why + "), but we read " + ours.rows() + " rows");
        }
        if (!(ours.failure() instanceof JetlinerException)) {
            throw new AssertionError(
                    file + " must fail with a JetlinerException, not " + ours.failure(),
                    ours.failure());
        }
        JetlinerException failure = (JetlinerException) ours.failure();
        assertThat(failure.kind())
                .as("kind of failure of %s: %s", file, failure.getMessage())
                .isIn(EXPECTED_FAILURES.get(file));
        assertThat(failure.getMessage()).as("message of failure of %s", file).contains(ours.path());
        assertThat(failure.file()).as("file of failure of %s", file).isEqualTo(ours.path());
    }

    private static boolean referenceFails(
            java.nio.file.Path corpus, String file, Map<String, Corpus.Entry> index) {
        return Files.exists(Corpus.sideFile(corpus, file, ".avrotools-error.txt"))
                || !entry(file, index).avroToolsReadsIt();
    }

    private static boolean mustFail(
            java.nio.file.Path corpus, String file, Map<String, Corpus.Entry> index) {
        return referenceFails(corpus, file, index) || ALLOWED_DIFFERENCES.containsKey(file);
    }

    private static Corpus.Entry entry(String file, Map<String, Corpus.Entry> index) {
        Corpus.Entry entry = index.get(file);
        if (entry == null) {
            throw new IllegalStateException("index.json has no entry for " + file);
        }
        return entry;
    }

    private static Outcome outcome(java.nio.file.Path corpus, String file) {
        return OUTCOMES.computeIfAbsent(file, f -> read(corpus, f));
    }

    /**
     * Reads a file to its end; where the reference reads it, compares the schema, the row type and
     * every row with what the reference printed.
     */
    private static Outcome read(java.nio.file.Path corpus, String file) {
        Map<String, Corpus.Entry> index = Corpus.index(corpus);
        boolean compare = !mustFail(corpus, file, index);
        Schema schema = compare ? Corpus.expectedSchema(corpus, file) : null;
        long expectedRows = compare ? entry(file, index).rows() : -1;
        List<Object> expected =
                compare ? Corpus.expectedData(corpus, file, schema, expectedRows) : List.of();
        RowType type = compare ? ReferenceOracle.rowType(schema) : null;

        Path path = new Path(corpus.resolve(file).toAbsolutePath().toString());
        String pathText = path.toString();
        ReaderOptions options = ReaderOptions.builder().batchSize(BATCH_SIZE).build();
        long rows = 0;
        try (JetlinerReader reader = JetlinerReader.open(path, options)) {
            if (compare && !reader.schema().equals(schema)) {
                return new Outcome(
                        pathText,
                        null,
                        "writer schema " + reader.schema() + ", avro-tools printed " + schema,
                        rows);
            }
            if (compare
                    && !RowTypes.comparable(reader.rowType()).equals(RowTypes.comparable(type))) {
                return new Outcome(
                        pathText,
                        null,
                        "row type "
                                + reader.rowType().asSummaryString()
                                + ", the mapping says "
                                + type.asSummaryString(),
                        rows);
            }
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                for (int i = 0; i < batch.size(); i++, rows++) {
                    if (!compare) {
                        continue;
                    }
                    if (rows >= expectedRows) {
                        return new Outcome(
                                pathText, null, "more than the " + expectedRows + " rows", rows);
                    }
                    String difference =
                            AVRO_TOOLS_COMPARISON.difference(
                                    PlainValues.of(
                                            ReferenceOracle.row(expected.get((int) rows), schema),
                                            type),
                                    PlainValues.of(batch.row(i), type));
                    if (difference != null) {
                        return new Outcome(pathText, null, "row " + rows + ", " + difference, rows);
                    }
                }
            }
        } catch (Throwable t) {
            return new Outcome(pathText, t, null, rows);
        }
        if (compare && rows != expectedRows) {
            return new Outcome(
                    pathText, null, rows + " rows, avro-tools read " + expectedRows, rows);
        }
        return new Outcome(pathText, null, null, rows);
    }
}
