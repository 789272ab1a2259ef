package io.jetliner.flink.e2e.s3;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.e2e.testing.HttpRequestRecorder;
import io.jetliner.flink.e2e.testing.HttpRequestRecorder.Request;
import io.jetliner.flink.e2e.testing.S3ProxyServer;
import io.jetliner.flink.source.JetlinerSource;
import io.jetliner.flink.source.enumerator.SplitPlanner;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Reading {@code s3://} paths from S3Proxy through Flink's S3 file system plugin, with the
 * endpoint, path-style access and credentials in Flink's configuration. Every request goes through
 * an {@link HttpRequestRecorder}, so that tests can see what reading costs.
 */
class S3ReadITCase {

    private static final int PARALLELISM = 2;
    private static final String BUCKET = "lake";
    private static final String[] CODECS = {"null", "deflate", "snappy", "zstandard"};
    private static final String LARGE_FILE = "large/events.avro";
    private static final long SPLIT_SIZE = 512 << 10;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @TempDir static java.nio.file.Path work;

    private static S3ProxyServer s3;
    private static HttpRequestRecorder recorder;

    /** The rows of each object uploaded under {@code events/}, in the files' order. */
    private static final List<List<String>> eventFiles = new ArrayList<>();

    private static List<String> largeFileRows;
    private static long largeFileSize;

    @BeforeAll
    static void startServerAndUpload() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        s3.createBucket(BUCKET);
        for (int f = 0; f < 12; f++) {
            eventFiles.add(
                    upload(
                            String.format("events/part-%02d.avro", f),
                            CODECS[f % CODECS.length],
                            64 << 10,
                            f * 10_000L,
                            500 + 37 * f));
        }
        // outside the prefix: must not be read with it
        upload("elsewhere/part-00.avro", "deflate", 64 << 10, 1_000_000L, 100);
        largeFileRows = upload(LARGE_FILE, "deflate", 32 << 10, 0, 200_000);
        largeFileSize = Files.size(local(LARGE_FILE));

        recorder = HttpRequestRecorder.start(s3.port());
        FlinkS3.initialize(configurationThroughRecorder(UnaryOperator.identity()));
    }

    @AfterAll
    static void stopServer() throws IOException {
        FlinkS3.reset();
        if (recorder != null) {
            recorder.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void forgetRequests() {
        recorder.clear();
    }

    @Test
    void readsEveryRowOfEveryFileUnderAPrefix() throws Exception {
        List<String> rows =
                readWithDataStream(
                        JetlinerSource.forRowData(new Path("s3://" + BUCKET + "/events/"))
                                .schema(Events.SCHEMA)
                                .build());

        Rows.assertSameMultiset(rows, rowsOfFiles(0, 12));
        // each file is opened twice, each time S3A's HEAD and one GET: by the enumerator, which
        // reads its header to check its schema against the reader schema before any row is read,
        // and by the reader of its one split, for header and blocks
        for (int f = 0; f < 12; f++) {
            List<Request> requests = requestsFor(String.format("events/part-%02d.avro", f));
            assertThat(withMethod(requests, "HEAD")).as("HEADs of file %d", f).hasSize(2);
            assertThat(withMethod(requests, "GET")).as("GETs of file %d", f).hasSize(2);
            assertThat(requests).as("requests of file %d", f).hasSize(4);
        }
    }

    @Test
    void readsOnlyTheFilesAGlobMatchesWithSql() {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.executeSql(
                "CREATE TABLE events (id BIGINT, name STRING, note STRING, amount DOUBLE)"
                        + " WITH ("
                        + " 'connector' = 'jetliner',"
                        + " 'path' = 's3://"
                        + BUCKET
                        + "/events/part-1[01].avro')");

        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> read =
                sql.executeSql("SELECT id, name, note, amount FROM events").collect()) {
            read.forEachRemaining(
                    row ->
                            rows.add(
                                    Events.row(
                                            (Long) row.getField(0),
                                            (String) row.getField(1),
                                            (String) row.getField(2),
                                            (Double) row.getField(3))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        Rows.assertSameMultiset(rows, rowsOfFiles(10, 12));
    }

    @Test
    void readsALargeFileSplitBySplitAtParallelismTwoWithOneRangedReadPerSplit() throws Exception {
        Path file = new Path("s3://" + BUCKET + "/" + LARGE_FILE);
        int splits = new SplitPlanner(SPLIT_SIZE).plan(file, largeFileSize, 0).size();
        assertThat(splits).as("splits of the large file").isGreaterThanOrEqualTo(4);

        List<String> rows =
                readWithDataStream(
                        JetlinerSource.forRowData(file)
                                .schema(Events.SCHEMA)
                                .splitSize(SPLIT_SIZE)
                                .build());

        Rows.assertSameMultiset(rows, largeFileRows);
        List<Request> requests = requestsFor(LARGE_FILE);
        List<Request> reads = withMethod(requests, "GET");
        assertThat(reads)
                .as("reads, each a ranged GET, in %s", requests)
                .isNotEmpty()
                .allSatisfy(read -> assertThat(read.header("range")).startsWith("bytes="));
        // one ranged read per split, plus one of the header in each reader, which the reader
        // goes on reading from when the split is the file's first, plus the enumerator's read of
        // the header to check the file's schema
        assertThat(reads)
                .as("ranged reads, in %s", requests)
                .hasSizeLessThanOrEqualTo(splits + PARALLELISM + 1);
        // S3A asks for the object's metadata whenever it opens a stream, as Flink's file
        // systems cannot pass it the length the split knows; the connector adds none of its own
        assertThat(withMethod(requests, "HEAD"))
                .as(
                        "metadata requests: one per split opened and two of the enumerator"
                                + " (listing, schema check), in %s",
                        requests)
                .hasSizeLessThanOrEqualTo(splits + 2);
        assertThat(requests)
                .as("requests of any other kind")
                .hasSize(reads.size() + withMethod(requests, "HEAD").size());
    }

    @Test
    void failsWithAccessDeniedAndLogsNoSecretWhenTheSecretKeyIsWrong() throws Exception {
        String wrongSecret = "wrong-secret-" + Long.toHexString(System.nanoTime());
        String path = "s3://" + BUCKET + "/events/";
        Throwable failure;
        String logs;
        FlinkS3.initialize(
                configurationThroughRecorder(
                        conf -> {
                            conf.setString("s3.secret-key", wrongSecret);
                            return conf;
                        }));
        try (CapturedLogs captured = CapturedLogs.start()) {
            failure =
                    catchThrowable(
                            () ->
                                    readWithDataStream(
                                            JetlinerSource.forRowData(new Path(path))
                                                    .schema(Events.SCHEMA)
                                                    .build()));
            logs = captured.text();
        } finally {
            FlinkS3.initialize(configurationThroughRecorder(UnaryOperator.identity()));
        }

        assertThat(failure).as("the job's failure").isNotNull();
        String failureText = ExceptionUtils.stringifyException(failure);
        assertThat(ExceptionUtils.findThrowable(failure, AccessDeniedException.class))
                .as("an access denied failure in %s", failureText)
                .hasValueSatisfying(
                        denied -> assertThat(denied.getMessage()).contains("lake/events"));
        assertThat(failureText).as("the failure").doesNotContain(wrongSecret);
        assertThat(logs)
                .as("the logs, the S3 plugin's at DEBUG level included")
                .contains("DEBUG org.apache.hadoop.fs.s3a.")
                // the HTTP client's, down to the signed headers of each request
                .contains("Authorization: AWS4-HMAC-SHA256")
                .doesNotContain(wrongSecret);
        assertThat(recorder.requests())
                .as("requests sent")
                .isNotEmpty()
                .allSatisfy(
                        request ->
                                assertThat(request.toString() + request.headers())
                                        .doesNotContain(wrongSecret));
    }

    @Test
    void failsNamingThePathWhenNoObjectIsThere() {
        String missing = "s3://" + BUCKET + "/events/no-such-file.avro";

        assertThatThrownBy(
                        () ->
                                readWithDataStream(
                                        JetlinerSource.forRowData(new Path(missing))
                                                .schema(Events.SCHEMA)
                                                .build()))
                .satisfies(
                        failure ->
                                assertThat(
                                                ExceptionUtils.findThrowableWithMessage(
                                                        failure,
                                                        "no such file or directory: " + missing))
                                        .as("the cause naming the path, in %s", failure)
                                        .isPresent());
    }

    @Test
    void failsNamingThePathWhenNoObjectIsThereToInferTheRowTypeFrom() {
        String missing = "s3://" + BUCKET + "/events/no-such-file.avro";

        assertThatThrownBy(() -> JetlinerSource.forRowData(new Path(missing)).build())
                .hasMessageContaining(missing);
    }

    @Test
    void failsNamingTheObjectWhenItIsDeletedAfterTheJobPlannedIt() throws Exception {
        upload("deleted/part-a.avro", "snappy", 8 << 10, 0, 20_000);
        upload("deleted/part-b.avro", "snappy", 8 << 10, 100_000, 100);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        RestartStrategyUtils.configureNoRestartStrategy(env);
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path("s3://" + BUCKET + "/deleted/"))
                        .schema(Events.SCHEMA)
                        .bufferBlocks(1)
                        .build();

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "s3")
                .map(new DeleteOnFirstRow("deleted/part-b.avro"))
                .sinkTo(new DiscardingSink<>());

        Throwable failure = catchThrowable(() -> env.execute("read an object deleted meanwhile"));

        assertThat(failure).as("the job's failure").isNotNull();
        assertThat(ExceptionUtils.findThrowable(failure, JetlinerException.class))
                .as("the connector's failure in %s", ExceptionUtils.stringifyException(failure))
                .hasValueSatisfying(
                        read -> {
                            assertThat(read.file())
                                    .isEqualTo("s3://" + BUCKET + "/deleted/part-b.avro");
                            assertThat(read.getCause()).isInstanceOf(FileNotFoundException.class);
                        });
    }

    /**
     * Deletes an object when the first row goes by: the job has planned its splits by then, and the
     * reader reaches the object's split only after the rows ahead of it.
     */
    private static final class DeleteOnFirstRow implements MapFunction<RowData, String> {

        private final String key;
        private boolean deleted;

        DeleteOnFirstRow(String key) {
            this.key = key;
        }

        @Override
        public String map(RowData row) throws Exception {
            if (!deleted) {
                s3.deleteObject(BUCKET, key);
                deleted = true;
            }
            return "";
        }
    }

    private static List<String> readWithDataStream(JetlinerSource<RowData> source)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<RowData> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "s3")
                        .executeAndCollect("read from S3")) {
            read.forEachRemaining(row -> rows.add(Events.row(row)));
        }
        return rows;
    }

    /** Flink's S3 settings for the server, with the endpoint of the recorder in front of it. */
    private static Configuration configurationThroughRecorder(UnaryOperator<Configuration> change) {
        Configuration conf = FlinkS3.configuration(s3);
        conf.setString("s3.endpoint", recorder.endpoint().toString());
        return change.apply(conf);
    }

    private static List<Request> requestsFor(String key) {
        return recorder.requests().stream()
                .filter(request -> request.path().equals("/" + BUCKET + "/" + key))
                .toList();
    }

    private static List<Request> withMethod(List<Request> requests, String method) {
        return requests.stream().filter(request -> request.method().equals(method)).toList();
    }

    private static List<String> rowsOfFiles(int from, int to) {
        List<String> rows = new ArrayList<>();
        eventFiles.subList(from, to).forEach(rows::addAll);
        return rows;
    }

    private static java.nio.file.Path local(String key) {
        return work.resolve("local").resolve(key);
    }

    /** Writes an Avro file of events locally, uploads it, and returns its rows. */
    private static List<String> upload(
            String key, String codec, int blockBytes, long firstId, int count) throws IOException {
        java.nio.file.Path local = local(key);
        Files.createDirectories(local.getParent());
        Events.write(local, codec, blockBytes, firstId, count);
        s3.putObject(BUCKET, key, local);
        return Events.rowsOf(local);
    }
}
