package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SqlCommandTest {

    @TempDir Path dir;

    @Test
    void runsAStatementOverTheTablesGivenAndPrintsATable() throws IOException {
        Path events = dir.resolve("events.avro");
        SampleEvents.write(events, "snappy", 2000);
        Path customers = NestedFile.write(dir.resolve("customers.avro"), 9);

        Cli.Result result =
                Cli.run(
                        "sql",
                        "SELECT COUNT(*) AS n, (SELECT COUNT(address) FROM c) AS addresses FROM e",
                        "--table",
                        "e=" + events,
                        "-t",
                        "c=" + customers);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines())
                .containsExactly(
                        "+------+-----------+",
                        "|    n | addresses |",
                        "+------+-----------+",
                        "| 2000 |         6 |",
                        "+------+-----------+",
                        "1 row in set");
    }

    @Test
    void withoutTablesTheDirectoryIsACatalogOfThem() throws IOException {
        Path catalog = Files.createDirectories(dir.resolve("warehouse"));
        NestedFile.write(catalog.resolve("customers.avro"), 4);
        Path clicks = Files.createDirectories(catalog.resolve("clicks"));
        SampleEvents.write(clicks.resolve("part-0.avro"), "null", 10);
        SampleEvents.write(clicks.resolve("part-1.avro"), "null", 5);

        Cli.Result tables = Cli.run("sql", "SHOW TABLES", "--catalog", catalog.toString());
        Cli.Result count =
                Cli.run("sql", "SELECT COUNT(*) AS n FROM clicks", "--catalog", catalog.toString());

        assertThat(tables.exitCode()).as(tables.toString()).isZero();
        assertThat(tables.out()).contains("clicks |", "customers |");
        assertThat(count.exitCode()).as(count.toString()).isZero();
        assertThat(count.out()).contains("| 15 |");
    }

    @Test
    void aStatementThatDoesNotParseFailsOnOneLine() {
        Cli.Result result = Cli.run("sql", "SELEKT 1", "--catalog", dir.toString());

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines()).singleElement().asString().startsWith("jetliner sql: ");
    }
}
