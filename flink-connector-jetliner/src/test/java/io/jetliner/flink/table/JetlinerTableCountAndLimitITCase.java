package io.jetliner.flink.table;

import io.jetliner.flink.source.EventFiles;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.JobFailures;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SELECT COUNT(*)} answered from block headers alone, and {@code LIMIT} pushed into the
 * source, in SQL on a MiniCluster.
 */
class JetlinerTableCountAndLimitITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int ROWS_PER_FILE = 3_000;

    @TempDir Path dir;

    @Test
    void countsEveryRecordOfEveryCodecFromTheBlockHeadersAloneInBatchMode() throws Exception {
        long rows = writeOneFilePerCodec();
        // a file whose codec no reader knows: any attempt to decompress it fails
        Path unreadable = dir.resolve("unknown-codec.avro");
        EventFiles.write(
                unreadable, EventFiles.SCHEMA, CodecFactory.deflateCodec(1), 1024, events(500));
        renameCodec(unreadable, "deflate", "unknown");
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        createEvents(batch, "'split-size' = '4kb'");

        for (String count : List.of("COUNT(*)", "COUNT(1)")) {
            String query = "SELECT " + count + " FROM events";
            assertThat(batch.explainSql(query))
                    .as(query)
                    .contains("aggregates=[grouping=[], aggFunctions=[Count1AggFunction()]]");
            assertThat(collect(batch.executeSql(query)))
                    .as(query)
                    .containsExactly(Row.of(rows + 500));
        }
        JobFailures.assertFailsOn(
                () -> collect(batch.executeSql("SELECT MAX(id) FROM events")), "codec 'unknown'");
    }

    @Test
    void countsOnlyThePartitionsLeftAfterPruningFromTheBlockHeaders() throws Exception {
        Path kept = Files.createDirectories(dir.resolve("dt=2024-01-02"));
        Path pruned = Files.createDirectories(dir.resolve("dt=2024-01-01"));
        // the kept partition's file cannot be decompressed: only its headers can be read
        Path unreadable = kept.resolve("events.avro");
        EventFiles.write(
                unreadable, EventFiles.SCHEMA, CodecFactory.deflateCodec(1), 1024, events(700));
        renameCodec(unreadable, "deflate", "unknown");
        EventFiles.write(
                pruned.resolve("events.avro"),
                EventFiles.SCHEMA,
                CodecFactory.nullCodec(),
                1024,
                events(300));
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        batch.executeSql(
                "CREATE TABLE events (id BIGINT, name STRING, dt STRING) PARTITIONED BY (dt)"
                        + " WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "')");

        String query = "SELECT COUNT(*) FROM events WHERE dt = '2024-01-02'";
        assertThat(batch.explainSql(query))
                .contains("partitions=[{dt=2024-01-02}]")
                .contains("aggregates=[grouping=[], aggFunctions=[Count1AggFunction()]]");
        assertThat(collect(batch.executeSql(query))).containsExactly(Row.of(700L));
    }

    @Test
    void readsOnlyTheBlockHeadersForColumnsOfTheFileAlone() throws Exception {
        EventFiles.write(
                dir.resolve("readable.avro"),
                EventFiles.SCHEMA,
                CodecFactory.snappyCodec(),
                1024,
                events(1_200));
        // a file whose blocks no reader can decompress
        Path unreadable = dir.resolve("unknown-codec.avro");
        EventFiles.write(
                unreadable, EventFiles.SCHEMA, CodecFactory.deflateCodec(1), 1024, events(800));
        renameCodec(unreadable, "deflate", "unknown");
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        batch.executeSql(
                "CREATE TABLE events (id BIGINT, file_name STRING NOT NULL METADATA FROM"
                        + " 'file.name' VIRTUAL) WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "')");

        assertThat(
                        collect(
                                batch.executeSql(
                                        "SELECT file_name, COUNT(*) FROM events GROUP BY"
                                                + " file_name")))
                .containsExactlyInAnyOrder(
                        Row.of("readable.avro", 1_200L), Row.of("unknown-codec.avro", 800L));
    }

    @Test
    void countsWhatTheBlockHeadersCannotAnswerFromTheRecords() {
        long rows = writeOneFilePerCodec();
        long files = rows / ROWS_PER_FILE;
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        // not the tiniest splits: a new split fetcher per split makes Flink 2.3.0's lost wakeup
        // of a fetcher blocked on a full element queue (FLINK-37663) likely enough to hang
        createEvents(batch, "'split-size' = '32kb'");

        // every fifth note is null
        assertCountedFromRecords(batch, "SELECT COUNT(note) FROM events", rows - rows / 5);
        assertCountedFromRecords(batch, "SELECT COUNT(*) FROM events WHERE id < 100", 100 * files);
        assertCountedFromRecords(batch, "SELECT COUNT(DISTINCT id) FROM events", ROWS_PER_FILE);
        assertThat(collect(batch.executeSql("SELECT id, COUNT(*) FROM events GROUP BY id")))
                .hasSize(ROWS_PER_FILE)
                .allMatch(row -> row.getField(1).equals(files));
    }

    @Test
    void countsEveryRecordInStreamingMode() throws Exception {
        long rows = writeOneFilePerCodec();
        TableEnvironment streaming = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        createEvents(streaming, "'split-size' = '4kb'");

        Row last = null;
        try (CloseableIterator<Row> changes =
                streaming.executeSql("SELECT COUNT(*) FROM events").collect()) {
            while (changes.hasNext()) {
                Row change = changes.next();
                if (change.getKind() == RowKind.INSERT
                        || change.getKind() == RowKind.UPDATE_AFTER) {
                    last = change;
                }
            }
        }

        assertThat(last).isNotNull();
        assertThat(last.getField(0)).isEqualTo(rows);
    }

    @Test
    void returnsTheLimitsRowsReadingAFewBlocksOfFewSplits() throws Exception {
        long rows = writeOneFilePerCodec();
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        batch.getConfig().set("parallelism.default", "1");
        createEvents(batch, "'split-size' = '4kb', 'buffer-blocks' = '1'");
        long blocks = blocksRead(batch.executeSql("SELECT * FROM events"));

        String query = "SELECT * FROM events LIMIT 10";
        TableResult limited = batch.executeSql(query);

        assertThat(batch.explainSql(query)).contains("limit=[10]");
        assertThat(CollectionUtil.iteratorToList(limited.collect())).hasSize(10);
        assertThat(blocksRead(limited))
                .as("blocks read of the %d the table has", blocks)
                .isLessThan(10)
                .isLessThan(blocks / 20);
        assertThat(rows).isGreaterThan(10);
    }

    @Test
    void limitsTheRowsAPushedDownFilterPassesNotTheRecordsRead() {
        long rows = writeOneFilePerCodec();
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        batch.getConfig().set("parallelism.default", "1");
        createEvents(batch, "'split-size' = '32kb'");

        // the last ten records of each file: far beyond the first blocks
        String query = "SELECT id FROM events WHERE id >= " + (ROWS_PER_FILE - 10) + " LIMIT 15";
        assertThat(batch.explainSql(query)).contains("filter=[").contains("limit=[15]");
        assertThat(collect(batch.executeSql(query)))
                .hasSize(15)
                .allMatch(row -> (Long) row.getField(0) >= ROWS_PER_FILE - 10);
        assertThat(rows).isGreaterThan(15);

        String count = "SELECT COUNT(*) FROM events WHERE id >= " + (ROWS_PER_FILE - 10);
        assertThat(batch.explainSql(count)).contains("filter=[").doesNotContain("aggregates=");
        assertThat(collect(batch.executeSql(count)))
                .containsExactly(Row.of(10 * rows / ROWS_PER_FILE));
    }

    /** How many blocks the job's sources read, once it has finished. */
    private static long blocksRead(TableResult result) throws Exception {
        CollectionUtil.iteratorToList(result.collect());
        JobID job = result.getJobClient().orElseThrow().getJobID();
        result.getJobClient().orElseThrow().getJobExecutionResult().get();
        long blocks = 0;
        for (Metric gauge : METRICS.findMetrics(job, "jetliner.blocksRead").values()) {
            blocks += (Long) ((Gauge<?>) gauge).getValue();
        }
        return blocks;
    }

    private long writeOneFilePerCodec() {
        Random random = new Random(8);
        for (String codec : AvroFiles.CODECS) {
            EventFiles.write(
                    dir.resolve("events-" + codec + ".avro"),
                    EventFiles.SCHEMA,
                    AvroFiles.codec(codec, random),
                    1024,
                    events(ROWS_PER_FILE));
        }
        return (long) AvroFiles.CODECS.size() * ROWS_PER_FILE;
    }

    private static Iterable<org.apache.avro.generic.GenericRecord> events(int count) {
        return () -> LongStream.range(0, count).mapToObj(EventFiles::event).iterator();
    }

    private static void assertCountedFromRecords(
            TableEnvironment env, String query, long expected) {
        assertThat(env.explainSql(query)).as(query).doesNotContain("aggregates=");
        assertThat(collect(env.executeSql(query))).as(query).containsExactly(Row.of(expected));
    }

    private static List<Row> collect(TableResult result) {
        return CollectionUtil.iteratorToList(result.collect());
    }

    private static void renameCodec(Path file, String from, String to) throws Exception {
        // the same length, so that the header's sizes still hold
        assertThat(to).hasSameSizeAs(from);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(
                file,
                new String(bytes, StandardCharsets.ISO_8859_1)
                        .replace(from, to)
                        .getBytes(StandardCharsets.ISO_8859_1));
    }

    private void createEvents(TableEnvironment env, String options) {
        env.executeSql(
                "CREATE TABLE events (id BIGINT, name STRING, note STRING, amount DOUBLE)"
                        + " WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "', "
                        + options
                        + ")");
    }
}
