package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What every command shares: help, exit codes, and failures told in one line. */
class JetlinerCliTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"schema", "cat", "convert", "sql", "stats", "generate", "demo"})
    void everyCommandHasHelp(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Usage: jetliner " + command).contains("--quiet");
    }

    @Test
    void theCommandListNamesEveryCommand() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("schema", "cat", "convert", "sql", "stats", "generate", "demo");
    }

    @Test
    void noCommandIsAUsageErrorOnOneLine() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_USAGE);
        assertThat(result.errLines()).singleElement().asString().startsWith("jetliner: ");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLineThatPointsToHelp() {
        Cli.Result result = Cli.run("stats", "--colour", "x.avro");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_USAGE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("jetliner stats: ")
                .contains("--colour")
                .endsWith("(see 'jetliner stats --help')");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        Cli.Result result = Cli.run("convert", "in.avro", "out");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("--to");
    }

    @Test
    void aPathThatDoesNotExistFailsWithExitCodeOneAndOneLine() {
        Path missing = dir.resolve("missing.avro");
        Cli.Result result = Cli.run("cat", missing.toString());

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .containsExactly("jetliner cat: no such file or directory: " + missing);
    }

    @Test
    void aDirectoryWithoutAvroFilesSaysSo() {
        Cli.Result result = Cli.run("schema", dir.toString());

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines()).containsExactly("jetliner schema: no Avro file at " + dir);
    }

    @Test
    void aCorruptFileFailsOnOneLineNamingTheFileWithoutAStackTrace() throws IOException {
        Path file = corruptFile();

        Cli.Result result = Cli.run("cat", file.toString());

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("jetliner cat: ")
                .contains(file.getFileName().toString())
                .doesNotContain("\tat ");
    }

    @Test
    void aJobThatFailsOnACorruptFileTellsTheReadersErrorOnOneLine() throws IOException {
        Path file = corruptFile();

        // a sum rather than COUNT(*): a count is answered from the block headers, which the
        // corruption leaves intact, so it never decompresses the broken payload
        Cli.Result result = Cli.run("sql", "SELECT SUM(amount) FROM t", "--table", "t=" + file);

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("jetliner sql: ")
                .contains(file.getFileName().toString())
                .containsPattern("offset|block");
    }

    @Test
    void aClusterThatCannotBeReachedIsSaidSo() throws IOException {
        Path connector = Files.createFile(dir.resolve("connector.jar"));
        Path file = dir.resolve("events.avro");
        SampleEvents.write(file, "null", 10);

        // Port 1 of the loopback address: nothing listens there.
        Cli.Result result =
                Cli.run(
                        "sql",
                        "SELECT COUNT(*) AS n FROM t",
                        "--table",
                        "t=" + file,
                        "--cluster",
                        "127.0.0.1:1",
                        "--connector-jar",
                        connector.toString());

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("jetliner sql: cannot reach the Flink cluster: ");
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLine() throws IOException {
        Path file = corruptFile();

        Cli.Result result = Cli.run("stats", "--verbose", file.toString());

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines().get(0)).startsWith("jetliner stats: ");
        assertThat(result.err()).contains("\tat io.jetliner.flink.");
    }

    @Test
    void nothingButTheOutputIsPrintedWhenStderrIsNoTerminal() throws IOException {
        Path file = dir.resolve("events.avro");
        SampleEvents.write(file, "null", 10);

        Cli.Result result = Cli.run("cat", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).hasSize(10);
    }

    /** An events file with the middle of its only deflate block overwritten. */
    private Path corruptFile() throws IOException {
        Path file = dir.resolve("corrupt.avro");
        SampleEvents.write(file, "deflate", 2000);
        try (RandomAccessFile bytes = new RandomAccessFile(file.toFile(), "rw")) {
            bytes.seek(bytes.length() / 2);
            bytes.write(new byte[64]);
        }
        return file;
    }
}
