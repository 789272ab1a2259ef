package io.jetliner.flink.source;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.testutil.BrokenFiles;
import io.jetliner.flink.testutil.BrokenFiles.BrokenFile;
import io.jetliner.flink.testutil.JobFailures;
import io.jetliner.flink.testutil.MiniClusters;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Broken files read by jobs on a MiniCluster: in fail mode the job fails with the {@link
 * JetlinerException} that names the file, offset and kind; with {@code 'error-mode' = 'skip-block'}
 * an SQL query over a directory of broken files returns exactly the rows of their intact blocks.
 */
class BadInputITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    /** Runs of a failing job, at most, to see the reader's own failure reported. */
    private static final int RUNS = 3;

    @TempDir java.nio.file.Path dir;

    @Test
    void failsTheJobWithTheKindAndLocationOfWhatIsBroken() throws Exception {
        for (String name :
                List.of(
                        "corrupted sync marker",
                        "corrupted compressed payload",
                        "length -1 of field s",
                        "bad magic")) {
            BrokenFile broken = variant("zstandard", name);
            java.nio.file.Path file = dir.resolve("fail-" + name.replace(' ', '-') + ".avro");
            Files.write(file, broken.bytes());

            Optional<JetlinerException> cause = readersFailure(file, name);
            assertThat(cause).as(name).isPresent();
            assertThat(cause.get().kind()).as(name).isEqualTo(broken.kind());
            assertThat(cause.get().fileOffset()).as(name).isEqualTo(broken.fileOffset());
            assertThat(cause.get().file()).as(name).endsWith(file.getFileName().toString());
        }
    }

    @Test
    void skipsTheBrokenBlocksAndFilesOfADirectoryInSqlWithOrWithoutAFilter(
            @InjectClusterClient RestClusterClient<?> cluster) throws Exception {
        List<Long> expected = new ArrayList<>();
        int number = 0;
        for (String codec : List.of("null", "deflate", "snappy", "zstandard")) {
            for (BrokenFile broken : BrokenFiles.variants(codec)) {
                java.nio.file.Path file = dir.resolve("broken-" + number++ + ".avro");
                Files.write(file, broken.bytes());
                // the planner checks the columns against the newest file: a valid one
                file.toFile().setLastModified(System.currentTimeMillis() - 60_000);
                expected.addAll(broken.survivingIds());
            }
        }
        Files.write(dir.resolve("valid.avro"), BrokenFiles.validFile("snappy"));
        expected.addAll(BrokenFiles.allIds());
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        String table =
                "CREATE TABLE %s (id BIGINT, s STRING) WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "', 'split-size' = '1kb'%s)";
        sql.executeSql(String.format(table, "skipping", ", 'error-mode' = 'skip-block'"));
        sql.executeSql(String.format(table, "failing", ""));

        List<Long> ids = new ArrayList<>();
        for (Row row :
                CollectionUtil.iteratorToList(
                        sql.executeSql("SELECT id, s FROM skipping").collect())) {
            long id = (Long) row.getField(0);
            assertThat(row.getField(1)).isEqualTo("s" + id);
            ids.add(id);
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);

        // the filter drops the broken record of block 2 (id 23) and accepts others of that block:
        // the block is skipped all the same, the decoder evaluating the filter in the scan
        String filtered = "SELECT id FROM skipping WHERE id < 5 OR id BETWEEN 24 AND 26";
        assertThat(sql.explainSql(filtered)).containsPattern("TableSourceScan\\(.*filter=\\[");
        assertThat(
                        CollectionUtil.iteratorToList(sql.executeSql(filtered).collect()).stream()
                                .map(row -> (Long) row.getField(0)))
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream()
                                .filter(id -> id < 5 || (id >= 24 && id <= 26))
                                .collect(Collectors.toList()));

        // into a blackhole rather than collected: the collect client may report its own lost
        // connection instead of the job's cause when the job fails quickly
        sql.executeSql("CREATE TABLE discarded (id BIGINT) WITH ('connector' = 'blackhole')");
        TableResult failing = sql.executeSql("INSERT INTO discarded SELECT id FROM failing");
        Throwable failure = catchThrowable(failing::await);
        assertThat(failure).isNotNull();
        // the DataStream test above checks kind and offset of the reader's failure
        JobFailures.assertReports(
                ExceptionUtils.stringifyException(failure)
                        + exceptionHistory(
                                cluster, failing.getJobClient().orElseThrow().getJobID()),
                JetlinerException.class.getName() + ": ");
        assertThat(ErrorMode.SKIP_BLOCK.toString()).isEqualTo("skip-block");
    }

    /**
     * The reader's failure that fails the job, running the job again (up to {@value #RUNS} runs in
     * all) where Flink reported instead an event lost on its way to the failed reader: that report
     * names no file (see {@link JobFailures}). Every run must fail with the one or the other.
     */
    private static Optional<JetlinerException> readersFailure(
            java.nio.file.Path file, String name) {
        for (int run = 0; run < RUNS; run++) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            JetlinerSource<RowData> source =
                    JetlinerSource.forRowData(Path.fromLocalFile(file.toFile()))
                            .schema(BrokenFiles.SCHEMA)
                            .build();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "jetliner")
                    .sinkTo(new DiscardingSink<>());
            // not executeAndCollect: its client may report a lost connection to the failing job
            // instead of the job's failure cause
            Throwable failure = catchThrowable(() -> env.execute("broken " + name));
            assertThat(failure).as("%s: the job fails", name).isNotNull();
            Optional<JetlinerException> cause =
                    ExceptionUtils.findThrowable(failure, JetlinerException.class);
            if (cause.isPresent()) {
                return cause;
            }
            assertThat(ExceptionUtils.stringifyException(failure))
                    .as("%s: %s", name, failure)
                    .contains(JobFailures.LOST_EVENT);
        }
        return Optional.empty();
    }

    /** Every failure the job's exception history holds, as the REST API gives them. */
    private static String exceptionHistory(RestClusterClient<?> cluster, JobID job)
            throws Exception {
        JobExceptionsMessageParameters parameters = new JobExceptionsMessageParameters();
        parameters.jobPathParameter.resolve(job);
        JobExceptionsInfoWithHistory exceptions =
                cluster.sendRequest(
                                JobExceptionsHeaders.getInstance(),
                                parameters,
                                EmptyRequestBody.getInstance())
                        .get();
        StringBuilder all = new StringBuilder();
        for (JobExceptionsInfoWithHistory.RootExceptionInfo root :
                exceptions.getExceptionHistory().getEntries()) {
            all.append('\n').append(root.getStacktrace());
            for (JobExceptionsInfoWithHistory.ExceptionInfo concurrent :
                    root.getConcurrentExceptions()) {
                all.append('\n').append(concurrent.getStacktrace());
            }
        }
        return all.toString();
    }

    private static BrokenFile variant(String codec, String name) {
        return BrokenFiles.variants(codec).stream()
                .filter(broken -> broken.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
