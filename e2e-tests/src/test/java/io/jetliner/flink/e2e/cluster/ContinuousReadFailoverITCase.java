package io.jetliner.flink.e2e.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streaming SQL job on a standalone session cluster that reads a monitored directory in
 * continuous mode and writes Parquet through Flink's file sink, checkpointing every second, while
 * new Avro files arrive and a TaskManager running part of it is killed with SIGKILL and started
 * again: the committed output holds every input row exactly once.
 */
class ContinuousReadFailoverITCase {

    private static final int ORDERS_PER_FILE = 2_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path workDir;

    private StandaloneSessionCluster cluster;
    private final Set<String> expectedRows = new HashSet<>();
    private long nextId;
    private int nextFile;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void writesEveryRowExactlyOnceWhileFilesArriveAndATaskManagerIsKilled() throws Exception {
        Path input = Files.createDirectories(workDir.resolve("incoming"));
        Path output = workDir.resolve("orders-parquet");
        cluster =
                StandaloneSessionCluster.start(
                        workDir.resolve("flink"),
                        "continuous-failover",
                        // Slots spread over both TaskManagers, as a failure then takes part of
                        // the job and leaves the rest running.
                        Map.of("taskmanager.load-balance.mode", "SLOTS"));
        FlinkRestApi rest = cluster.rest();
        addFiles(input, 3);

        String printed =
                new SqlClient(cluster.installation())
                        .run(
                                "SET 'execution.runtime-mode' = 'streaming';\n"
                                        + "SET 'execution.checkpointing.interval' = '1 s';\n"
                                        + "SET 'execution.checkpointing.dir' = '"
                                        + workDir.resolve("checkpoints").toUri()
                                        + "';\n"
                                        + "SET 'restart-strategy.type' = 'fixed-delay';\n"
                                        + "SET 'restart-strategy.fixed-delay.attempts' = '20';\n"
                                        + "SET 'restart-strategy.fixed-delay.delay' = '2 s';\n"
                                        + "CREATE TABLE incoming ("
                                        + OrderFiles.COLUMNS
                                        + ") WITH ('connector' = 'jetliner', 'path' = '"
                                        + input.toUri()
                                        + "', 'source.monitor-interval' = '1 s');\n"
                                        + "CREATE TABLE orders_parquet ("
                                        + OrderFiles.COLUMNS
                                        + ") WITH ('connector' = 'filesystem', 'path' = '"
                                        + output.toUri()
                                        + "', 'format' = 'parquet');\n"
                                        + "INSERT INTO orders_parquet SELECT * FROM incoming;\n",
                                TIMEOUT);
        String jobId = SqlClient.submittedJobId(printed);

        await("a first checkpoint", () -> completedCheckpoints(rest, jobId) >= 1);
        addFiles(input, 2);
        await("the first rows committed", () -> committedRows(output).size() > 0);

        // A file arrives and, while it is being read, a TaskManager dies; more arrive meanwhile.
        int victim = taskManagerRunningPartOf(rest, jobId);
        addFiles(input, 1);
        cluster.killTaskManager(victim);
        addFiles(input, 2);
        await(
                "failover to a running job",
                () -> recordedFailures(rest, jobId) >= 1 && "RUNNING".equals(state(rest, jobId)));
        cluster.startTaskManager(victim);
        cluster.awaitTaskManagers(StandaloneSessionCluster.TASK_MANAGERS);
        addFiles(input, 2);

        await("every row committed", () -> committedRows(output).size() >= expectedRows.size());
        // Later checkpoints commit nothing more: no row arrives twice after the fact.
        long checkpoints = completedCheckpoints(rest, jobId);
        await("two more checkpoints", () -> completedCheckpoints(rest, jobId) >= checkpoints + 2);
        List<String> committed = committedRows(output);
        rest.cancel(jobId);

        Map<String, Integer> timesCommitted = new HashMap<>();
        committed.forEach(row -> timesCommitted.merge(row, 1, Integer::sum));
        assertThat(timesCommitted.entrySet().stream().filter(e -> e.getValue() > 1))
                .as("rows committed more than once")
                .isEmpty();
        assertThat(expectedRows.stream().filter(row -> !timesCommitted.containsKey(row)))
                .as("rows never committed")
                .isEmpty();
        assertThat(committed).hasSameSizeAs(expectedRows);
    }

    /** Writes {@code count} more files of orders, each in the next codec, with the next ids. */
    private void addFiles(Path directory, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String codec = OrderFiles.CODECS[nextFile % OrderFiles.CODECS.length];
            OrderFiles.write(
                    directory.resolve("orders-" + nextFile++ + ".avro"),
                    codec,
                    nextId,
                    ORDERS_PER_FILE);
            for (long id = nextId; id < nextId + ORDERS_PER_FILE; id++) {
                expectedRows.add(OrderFiles.expectedLine(id));
            }
            nextId += ORDERS_PER_FILE;
        }
    }

    private static int taskManagerRunningPartOf(FlinkRestApi rest, String jobId)
            throws IOException {
        Set<String> running = rest.taskManagersRunning(jobId);
        for (int i = 0; i < StandaloneSessionCluster.TASK_MANAGERS; i++) {
            if (running.contains(StandaloneSessionCluster.taskManagerId(i))) {
                return i;
            }
        }
        throw new IllegalStateException("No TaskManager of the cluster runs the job: " + running);
    }

    private static List<String> committedRows(Path output) {
        List<String> rows = new ArrayList<>();
        try {
            ParquetOrders.read(FileSinkOutput.committedFiles(output), rows::add);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the committed output", e);
        }
        return rows;
    }

    private static long completedCheckpoints(FlinkRestApi rest, String jobId) {
        try {
            return rest.completedCheckpoints(jobId);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int recordedFailures(FlinkRestApi rest, String jobId) {
        try {
            return rest.recordedFailures(jobId);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String state(FlinkRestApi rest, String jobId) {
        try {
            return rest.jobState(jobId);
        } catch (IOException e) {
            return "UNKNOWN";
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "No "
                                + what
                                + " within "
                                + TIMEOUT
                                + "; logs in "
                                + cluster.installation().logDirectory());
            }
            Thread.sleep(500);
        }
    }
}
