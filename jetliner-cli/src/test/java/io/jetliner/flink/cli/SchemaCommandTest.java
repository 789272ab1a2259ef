package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCommandTest {

    @TempDir Path dir;

    @Test
    void printsTheAvroSchemaTheRowTypeAndACreateTableThatFlinkAccepts() throws IOException {
        Path file = NestedFile.write(dir.resolve("customers-2024.avro"), 3);

        Cli.Result result = Cli.run("schema", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String out = result.out();
        String avro =
                out.substring(out.indexOf("-- Avro schema\n") + 15, out.indexOf("\n\n-- Flink"));
        assertThat(new Schema.Parser().parse(avro)).isEqualTo(NestedFile.SCHEMA);
        assertThat(out)
                .contains(
                        "-- Flink row type\n"
                                + "id       BIGINT NOT NULL\n"
                                + "address  ROW<`city` STRING NOT NULL, `zip` INT NOT NULL>\n"
                                + "tags     ARRAY<STRING NOT NULL> NOT NULL\n"
                                + "scores   MAP<STRING NOT NULL, DOUBLE NOT NULL> NOT NULL\n");

        String ddl = out.substring(out.indexOf("CREATE TABLE `"), out.lastIndexOf(';'));
        assertThat(ddl).startsWith("CREATE TABLE `customers_2024` (");
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tables.executeSql(ddl);
        ResolvedSchema schema = tables.from("customers_2024").getResolvedSchema();
        assertThat(schema.getColumns().stream().map(Column::toString).collect(Collectors.toList()))
                .containsExactly(
                        "`id` BIGINT NOT NULL",
                        "`address` ROW<`city` STRING NOT NULL, `zip` INT NOT NULL>",
                        "`tags` ARRAY<STRING NOT NULL> NOT NULL",
                        "`scores` MAP<STRING NOT NULL, DOUBLE NOT NULL> NOT NULL");
        assertThat(ddl)
                .contains(
                        "'connector' = 'jetliner'",
                        "'path' = '" + file.toUri().toString().replace("file:///", "file:/"));
    }

    @Test
    void namesTheTableAsAsked() throws IOException {
        Path file = dir.resolve("events.avro");
        SampleEvents.write(file, "null", 1);

        Cli.Result result = Cli.run("schema", file.toString(), "--name", "clicks");

        assertThat(result.out())
                .contains("CREATE TABLE `clicks` (", "`ts` TIMESTAMP_LTZ(3) NOT NULL");
    }
}
