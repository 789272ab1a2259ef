package io.jetliner.flink.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a command's job runs, as its options configure it. */
class JobOptionsTest {

    @TempDir Path dir;

    @Test
    void clusterSubmitsToTheRestEndpointShippingTheConnectorJarAndTheExtraJars()
            throws IOException {
        Path connector = Files.createFile(dir.resolve("flink-sql-connector-jetliner.jar"));
        Path parquet = Files.createFile(dir.resolve("flink-sql-parquet.jar"));

        Configuration configuration =
                options(
                                "sql",
                                "SELECT 1",
                                "--cluster",
                                "jobmanager.example:8081",
                                "--connector-jar",
                                connector.toString(),
                                "--jar",
                                parquet.toString(),
                                "-p",
                                "4")
                        .configuration();

        assertThat(configuration.get(DeploymentOptions.TARGET)).isEqualTo("remote");
        assertThat(configuration.get(RestOptions.ADDRESS)).isEqualTo("jobmanager.example");
        assertThat(configuration.get(RestOptions.PORT)).isEqualTo(8081);
        assertThat(configuration.get(PipelineOptions.JARS))
                .containsExactly(connector.toUri().toString(), parquet.toUri().toString());
        assertThat(configuration.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(4);
        assertThat(configuration.get(RestOptions.RETRY_MAX_ATTEMPTS)).isEqualTo(2);
        assertThat(configuration.toMap()).doesNotContainKey(reporterKey());
    }

    @Test
    void everyJobCommandTakesTheClusterOption() throws IOException {
        Path connector = Files.createFile(dir.resolve("connector.jar"));
        for (String[] args :
                new String[][] {
                    {"cat", "x.avro", "--where", "true"},
                    {"convert", "x.avro", "out", "--to", "json"},
                    {"sql", "SELECT 1"},
                    {"demo"}
                }) {
            String[] withCluster = new String[args.length + 4];
            System.arraycopy(args, 0, withCluster, 0, args.length);
            withCluster[args.length] = "--cluster";
            withCluster[args.length + 1] = "localhost:8081";
            withCluster[args.length + 2] = "--connector-jar";
            withCluster[args.length + 3] = connector.toString();

            assertThat(options(withCluster).configuration().get(DeploymentOptions.TARGET))
                    .as(args[0])
                    .isEqualTo("remote");
        }
    }

    @Test
    void withoutClusterTheJobRunsEmbeddedWithTheProgressReporter() {
        Configuration configuration = options("sql", "SELECT 1").configuration();

        assertThat(configuration.getOptional(DeploymentOptions.TARGET)).isEmpty();
        assertThat(configuration.toMap())
                .containsEntry(reporterKey(), SourceMetrics.ReporterFactory.class.getName());
        assertThat(configuration.getOptional(PipelineOptions.JARS)).isEmpty();
    }

    @Test
    void theConnectorJarDefaultsToTheOneTheBuildCopiesBesideTheCommand() {
        Path jar = options("sql", "SELECT 1").connectorJar();

        assertThat(jar.getFileName().toString()).isEqualTo("flink-sql-connector-jetliner.jar");
        assertThat(jar.getParent().getFileName().toString()).isEqualTo("lib");
    }

    @Test
    void aMissingJarOrABadAddressIsAUserError() {
        assertThatThrownBy(
                        () ->
                                options(
                                                "sql",
                                                "SELECT 1",
                                                "--cluster",
                                                "h:1",
                                                "--connector-jar",
                                                dir.resolve("none.jar").toString())
                                        .configuration())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("none.jar");
        assertThatThrownBy(() -> options("sql", "x", "--cluster", "nohost").configuration())
                .isInstanceOf(UserError.class)
                .hasMessage("--cluster takes HOST:PORT, not 'nohost'");
        assertThatThrownBy(() -> options("sql", "x", "--cluster", "h:port").configuration())
                .isInstanceOf(UserError.class);
    }

    private static String reporterKey() {
        return "metrics.reporter." + SourceMetrics.REPORTER_NAME + ".factory.class";
    }

    /** The job options a command line sets, parsed as jetliner parses them. */
    private static JobOptions options(String... args) {
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
        CommandLine.ParseResult parsed =
                JetlinerCli.commandLine(new CliContext(nowhere, nowhere, false)).parseArgs(args);
        Object command = parsed.subcommand().commandSpec().userObject();
        if (command instanceof SqlCommand) {
            return ((SqlCommand) command).job;
        } else if (command instanceof CatCommand) {
            return ((CatCommand) command).job;
        } else if (command instanceof ConvertCommand) {
            return ((ConvertCommand) command).job;
        }
        return ((DemoCommand) command).job;
    }
}
