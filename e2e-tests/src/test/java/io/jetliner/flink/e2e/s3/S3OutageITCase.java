package io.jetliner.flink.e2e.s3;

import io.jetliner.flink.e2e.testing.S3ProxyServer;
import io.jetliner.flink.source.JetlinerSource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object store goes away for a few seconds while a checkpointed job reads from it: the job
 * fails, restarts from its last checkpoint once the store is back, and delivers every row exactly
 * once.
 */
class S3OutageITCase {

    private static final int PARALLELISM = 2;
    private static final String BUCKET = "outage";
    private static final String[] CODECS = {"deflate", "snappy", "zstandard", "null"};
    private static final int FILES = 16;
    private static final int ROWS_PER_FILE = 3_000;
    private static final long OUTAGE_MILLIS = 2_000;

    /**
     * Longer than the outage and the server's restart together: a job restarted while the store is
     * still down fails again at once, and Flink's collecting sink, cancelled before it opened, then
     * fails its TaskManager for good (a NullPointerException in its exception handler).
     */
    private static final long RESTART_DELAY_MILLIS = 10_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @TempDir static java.nio.file.Path work;

    /** Static: the job's functions run in this JVM and reach the server through it. */
    private static S3ProxyServer s3;

    private static final List<String> written = new ArrayList<>();

    // what the job's functions, running in this JVM, saw
    private static final AtomicLong rowsSeen = new AtomicLong();
    private static final Map<Long, Long> rowsSeenAtSnapshot = new ConcurrentHashMap<>();
    private static final AtomicBoolean outageStarted = new AtomicBoolean();
    private static final AtomicLong rowsSeenBeforeFailure = new AtomicLong(-1);
    private static final AtomicBoolean restoredFromCheckpoint = new AtomicBoolean();
    private static volatile Thread outage;

    @BeforeAll
    static void startServerAndUpload() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        s3.createBucket(BUCKET);
        java.nio.file.Path local = Files.createDirectories(work.resolve("local"));
        for (int f = 0; f < FILES; f++) {
            java.nio.file.Path file = local.resolve("part-" + f + ".avro");
            Events.write(file, CODECS[f % CODECS.length], 8 << 10, f * 100_000L, ROWS_PER_FILE);
            s3.putObject(BUCKET, "data/part-" + f + ".avro", file);
            written.addAll(Events.rowsOf(file));
        }
        Configuration conf = FlinkS3.configuration(s3);
        // S3A rides out short outages by retrying, for minutes by default; with few retries the
        // outage fails the job, which is what this test is about
        conf.setString("s3.attempts.maximum", "1");
        conf.setString("s3.retry.limit", "1");
        conf.setString("s3.retry.interval", "100ms");
        conf.setString("s3.connection.establish.timeout", "2000");
        FlinkS3.initialize(conf);
    }

    @AfterAll
    static void stopServer() {
        FlinkS3.reset();
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recoversFromTheLastCheckpointWithNoRowLostOrRepeatedWhenTheStoreStopsForAMoment()
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(200);
        RestartStrategyUtils.configureFixedDelayRestartStrategy(env, 5, RESTART_DELAY_MILLIS);
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path("s3://" + BUCKET + "/data/"))
                        .schema(Events.SCHEMA)
                        .splitSize(64 << 10)
                        .bufferBlocks(2)
                        .build();

        List<String> read = new ArrayList<>();
        // with checkpointing, the collecting sink hands out only rows a checkpoint committed
        try (CloseableIterator<RowData> rows =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "s3")
                        .map(new StopTheStoreOnceMidRead(), source.getProducedType())
                        .executeAndCollect("read through an outage")) {
            rows.forEachRemaining(row -> read.add(Events.row(row)));
        }
        outage.join();

        assertThat(outageStarted).as("the store stopped mid-read").isTrue();
        assertThat(rowsSeenBeforeFailure).as("rows seen before the job failed").hasPositiveValue();
        assertThat(restoredFromCheckpoint).as("restored from a checkpoint").isTrue();
        // from a checkpoint taken after a fifth of the rows, not from the start
        assertThat(rowsSeen.get() - rowsSeenBeforeFailure.get())
                .as("rows seen after the restart")
                .isLessThan(written.size() - written.size() / 5);
        Rows.assertSameMultiset(read, written);
    }

    /**
     * Passes rows on slowly, so that the read spans the outage, and stops the store for {@link
     * #OUTAGE_MILLIS} once a checkpoint taken after a fifth of the rows completed.
     */
    private static final class StopTheStoreOnceMidRead extends RichMapFunction<RowData, RowData>
            implements CheckpointedFunction, CheckpointListener {

        @Override
        public void initializeState(FunctionInitializationContext context) {
            if (context.isRestored()) {
                restoredFromCheckpoint.set(true);
            }
        }

        @Override
        public void open(OpenContext openContext) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                rowsSeenBeforeFailure.compareAndSet(-1, rowsSeen.get());
            }
        }

        @Override
        public RowData map(RowData row) throws Exception {
            if (rowsSeen.incrementAndGet() % 4 == 0) {
                Thread.sleep(1);
            }
            return row;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            rowsSeenAtSnapshot.put(context.getCheckpointId(), rowsSeen.get());
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            Long rows = rowsSeenAtSnapshot.get(checkpointId);
            if (rows != null
                    && rows > written.size() / 5
                    && outageStarted.compareAndSet(false, true)) {
                outage = new Thread(S3OutageITCase::stopForAMoment, "outage");
                outage.start();
            }
        }
    }

    private static void stopForAMoment() {
        s3.stop();
        try {
            Thread.sleep(OUTAGE_MILLIS);
            s3.restart();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException("S3Proxy did not come back", e);
        }
    }
}
