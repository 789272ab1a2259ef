package io.jetliner.flink.e2e.cluster;

import io.jetliner.flink.e2e.testing.S3ProxyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch jobs on a standalone session cluster whose {@code lib/} holds the project's SQL jar as its
 * only connector jar: SQL submitted with Flink's SQL client, reading local files and, through the
 * S3 file system plugin, objects of an S3 server; and a DataStream job jar bundling the plain
 * connector, submitted with {@code flink run}.
 */
class ClusterBatchConversionITCase {

    private static final int FILES_PER_CODEC = 2;
    private static final int ORDERS_PER_FILE = 3_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @TempDir static Path workDir;

    private static final String BUCKET = "orders";

    private static S3ProxyServer s3;
    private static StandaloneSessionCluster cluster;
    private static SqlClient sqlClient;
    private static Path input;
    private static long orders;

    @BeforeAll
    static void startClusterAndWriteInput() throws Exception {
        input = workDir.resolve("orders");
        Files.createDirectories(input);
        long nextId = 0;
        for (String codec : OrderFiles.CODECS) {
            for (int i = 0; i < FILES_PER_CODEC; i++) {
                OrderFiles.write(
                        input.resolve(codec + "-" + i + ".avro"), codec, nextId, ORDERS_PER_FILE);
                nextId += ORDERS_PER_FILE;
            }
        }
        orders = nextId;

        s3 = S3ProxyServer.start(workDir.resolve("s3"));
        s3.createBucket(BUCKET);
        try (Stream<Path> files = Files.list(input)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                s3.putObject(BUCKET, "avro/" + file.getFileName(), file);
            }
        }
        cluster =
                StandaloneSessionCluster.start(
                        workDir.resolve("flink"), "batch-conversion", s3.flinkConfiguration());
        sqlClient = new SqlClient(cluster.installation());
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void countsTheRowsOfLocalAvroFilesInEveryCodec() throws Exception {
        String printed =
                sqlClient.run(
                        "SET 'execution.runtime-mode' = 'batch';\n"
                                + "SET 'sql-client.execution.result-mode' = 'tableau';\n"
                                + ordersTable("orders", input.toUri().toString())
                                + "SELECT COUNT(*) AS order_count FROM orders;\n",
                        JOB_TIMEOUT);

        assertThat(printed).containsPattern("\\|\\s+" + orders + " \\|");
    }

    @Test
    void convertsAvroObjectsOfEveryCodecOnS3ToParquetWithEveryRowIntact() throws Exception {
        Path output = workDir.resolve("orders-parquet");

        sqlClient.run(
                "SET 'execution.runtime-mode' = 'batch';\n"
                        + "SET 'table.dml-sync' = 'true';\n"
                        + ordersTable("orders", "s3://" + BUCKET + "/avro/")
                        + "CREATE TABLE orders_parquet ("
                        + OrderFiles.COLUMNS
                        + ") WITH ('connector' = 'filesystem', 'path' = '"
                        + output.toUri()
                        + "', 'format' = 'parquet');\n"
                        + "INSERT INTO orders_parquet SELECT * FROM orders;\n",
                JOB_TIMEOUT);

        RowSummary written = new RowSummary();
        List<Path> files = FileSinkOutput.committedFiles(output);
        ParquetOrders.read(files, written::add);
        assertThat(written).isEqualTo(expectedOrders());
        // Both TaskManagers' slots took part: each writer subtask commits its own file.
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void runsADataStreamJobJarSubmittedWithFlinkRunOverEveryOrder() throws Exception {
        Path output = workDir.resolve("orders-text");
        Path jobJar =
                JobJar.build(
                        workDir.resolve("orders-to-text.jar"),
                        OrdersToTextJob.class,
                        List.of(OrderFiles.class),
                        JobJar.connectorWithDependencies());

        new FlinkCli(cluster.installation())
                .run(jobJar, JOB_TIMEOUT, input.toUri().toString(), output.toUri().toString());

        RowSummary written = new RowSummary();
        for (Path file : FileSinkOutput.committedFiles(output)) {
            Files.readAllLines(file).forEach(written::add);
        }
        assertThat(written).isEqualTo(expectedOrders());
    }

    @Test
    void theJetlinerCommandRunsItsSqlOnTheClusterGivenWithCluster() throws Exception {
        int finishedBefore = cluster.rest().finishedJobs();
        Path printed = workDir.resolve("jetliner-sql.out");

        Process command =
                new ProcessBuilder(
                                System.getProperty("jetliner.e2e.launcher"),
                                "sql",
                                "SELECT COUNT(*) AS order_count FROM orders",
                                "--table",
                                "orders=" + input,
                                "--cluster",
                                cluster.rest().address(),
                                "--quiet")
                        .redirectErrorStream(true)
                        .redirectOutput(printed.toFile())
                        .start();
        boolean exited = command.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            command.destroyForcibly();
        }

        String output = Files.readString(printed);
        assertThat(exited).as("the command ended; it printed:%n%s", output).isTrue();
        assertThat(command.exitValue()).as("exit code; it printed:%n%s", output).isZero();
        assertThat(output).containsPattern("\\|\\s+" + orders + " \\|");
        assertThat(cluster.rest().finishedJobs())
                .as("jobs the cluster finished")
                .isEqualTo(finishedBefore + 1);
    }

    private static RowSummary expectedOrders() {
        RowSummary expected = new RowSummary();
        for (long id = 0; id < orders; id++) {
            expected.add(OrderFiles.expectedLine(id));
        }
        return expected;
    }

    private static String ordersTable(String name, String path) {
        return "CREATE TABLE "
                + name
                + " ("
                + OrderFiles.COLUMNS
                + ") WITH ('connector' = 'jetliner', 'path' = '"
                + path
                + "');\n";
    }
}
