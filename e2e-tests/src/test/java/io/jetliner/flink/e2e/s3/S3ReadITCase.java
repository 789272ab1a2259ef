package io.jetliner.flink.e2e.s3;

import io.jetliner.flink.e2e.testing.S3ProxyServer;
import io.jetliner.flink.source.JetlinerSource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading {@code s3://} paths from S3Proxy through Flink's S3 file system plugin. */
class S3ReadITCase {

    private static final int PARALLELISM = 2;
    private static final String BUCKET = "lake";
    private static final String[] CODECS = {"null", "deflate", "snappy", "zstandard"};

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @TempDir static java.nio.file.Path work;

    private static S3ProxyServer s3;

    /** The rows of every object uploaded under {@code events/}, in the files' order. */
    private static final List<List<String>> eventFiles = new ArrayList<>();

    @BeforeAll
    static void startServerAndUpload() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        s3.createBucket(BUCKET);
        for (int f = 0; f < 12; f++) {
            eventFiles.add(
                    upload(
                            String.format("events/part-%02d.avro", f),
                            CODECS[f % CODECS.length],
                            f * 10_000L,
                            500 + 37 * f));
        }
        // outside the prefix: must not be read with it
        upload("elsewhere/part-00.avro", "deflate", 1_000_000L, 100);
        FlinkS3.initialize(FlinkS3.configuration(s3));
    }

    @AfterAll
    static void stopServer() {
        FlinkS3.reset();
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void readsEveryRowOfEveryFileUnderAPrefix() throws Exception {
        List<String> rows = readWithDataStream(new Path("s3://" + BUCKET + "/events/"));

        assertThat(rows).containsExactlyInAnyOrderElementsOf(rowsOfFiles(0, 12));
    }

    private static List<String> readWithDataStream(Path path) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        JetlinerSource<RowData> source = JetlinerSource.forRowData(path).build();
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<RowData> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "s3")
                        .executeAndCollect("read " + path)) {
            read.forEachRemaining(row -> rows.add(Events.row(row)));
        }
        return rows;
    }

    private static List<String> rowsOfFiles(int from, int to) {
        List<String> rows = new ArrayList<>();
        eventFiles.subList(from, to).forEach(rows::addAll);
        return rows;
    }

    /** Writes an Avro file of events locally, uploads it, and returns its rows. */
    private static List<String> upload(String key, String codec, long firstId, int count)
            throws IOException {
        java.nio.file.Path local = work.resolve("local").resolve(key);
        java.nio.file.Files.createDirectories(local.getParent());
        Events.write(local, codec, 4 << 10, firstId, count);
        s3.putObject(BUCKET, key, local);
        return Events.rowsOf(local);
    }
}
