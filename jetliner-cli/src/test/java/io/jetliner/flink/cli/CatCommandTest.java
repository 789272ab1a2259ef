package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatCommandTest {

    private static final int ROWS = 5000;

    @TempDir static Path dir;
    private static Path events;
    private static Path nested;

    @BeforeAll
    static void writeFiles() throws IOException {
        events = dir.resolve("events.avro");
        SampleEvents.write(events, "snappy", ROWS);
        nested = NestedFile.write(dir.resolve("nested.avro"), 10);
    }

    @Test
    void printsEveryRowAsAJsonLineWithTheValuesAvroJavaReads() throws IOException {
        Cli.Result result = Cli.run("cat", events.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<GenericRecord> records = avroJava(events);
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(ROWS);
        for (int i = 0; i < ROWS; i += 997) {
            GenericRecord record = records.get(i);
            assertThat(lines.get(i))
                    .startsWith("{\"event_id\":" + i + ",\"user_id\":" + record.get("user_id"))
                    .contains(
                            "\"event_type\":\"" + record.get("event_type") + "\"",
                            "\"ts\":\"" + Instant.ofEpochMilli((Long) record.get("ts")) + "\"",
                            "\"amount\":" + record.get("amount"),
                            "\"session_id\":\"" + record.get("session_id") + "\"")
                    .endsWith("\"duration_ms\":" + record.get("duration_ms") + "}");
        }
    }

    @Test
    void printsTheChosenColumnsNestedOnesNamedByTheirPath() throws IOException {
        Cli.Result result = Cli.run("cat", nested.toString(), "--columns", "address.city,id");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines())
                .startsWith(
                        "{\"address.city\":null,\"id\":0}",
                        "{\"address.city\":\"city-1\",\"id\":1}",
                        "{\"address.city\":\"city-2\",\"id\":2}")
                .hasSize(10);
    }

    @Test
    void printsMapsAsObjectsArraysAsArraysAndRecordsAsObjects() {
        Cli.Result result = Cli.run("cat", nested.toString(), "--limit", "2");

        assertThat(result.outLines())
                .containsExactly(
                        "{\"id\":0,\"address\":null,\"tags\":[\"t0\"],\"scores\":{\"s\":0.0}}",
                        "{\"id\":1,\"address\":{\"city\":\"city-1\",\"zip\":10001},"
                                + "\"tags\":[\"t1\"],\"scores\":{\"s\":0.5}}");
    }

    @Test
    void stopsAfterTheLimit() {
        assertThat(Cli.run("cat", events.toString(), "-n", "7").outLines()).hasSize(7);
        assertThat(Cli.run("cat", events.toString(), "-n", "0").outLines()).isEmpty();
    }

    @Test
    void printsCsvAfterAHeaderLine() {
        Cli.Result result =
                Cli.run(
                        "cat",
                        nested.toString(),
                        "--format",
                        "csv",
                        "--columns",
                        "id,address.zip",
                        "--limit",
                        "3");

        assertThat(result.outLines()).containsExactly("id,address.zip", "0,", "1,10001", "2,10002");
    }

    @Test
    void readsEveryFileOfADirectoryInPathOrder() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("two"));
        NestedFile.write(directory.resolve("a.avro"), 2);
        NestedFile.write(directory.resolve("b.avro"), 3);

        Cli.Result result = Cli.run("cat", directory.toString(), "-c", "id");

        assertThat(result.outLines())
                .containsExactly(
                        "{\"id\":0}", "{\"id\":1}", "{\"id\":0}", "{\"id\":1}", "{\"id\":2}");
    }

    @Test
    void aFileWithOtherColumnsThanTheFilesBeforeItStopsTheOutputSayingWhy() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("mixed"));
        NestedFile.write(directory.resolve("a.avro"), 2);
        SampleEvents.write(directory.resolve("b.avro"), "null", 2);

        Cli.Result all = Cli.run("cat", directory.toString());

        assertThat(all.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(all.errLines())
                .singleElement()
                .asString()
                .contains("b.avro has the columns", "choose --columns they share");
        assertThat(all.outLines()).hasSize(2);
    }

    @Test
    void aColumnThatIsNotThereIsNamedWithTheFieldsThatAre() {
        Cli.Result result = Cli.run("cat", nested.toString(), "-c", "address.street");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .containsExactly(
                        "jetliner cat: no column 'address.street': the fields there are city, zip");
    }

    @Test
    void whereFiltersWithAFlinkSqlConditionInAJob() throws IOException {
        Cli.Result result =
                Cli.run(
                        "cat",
                        events.toString(),
                        "--where",
                        "country = 'DE' AND amount > 0",
                        "--columns",
                        "event_id,country,amount",
                        "--limit",
                        "1000000");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> expected = new ArrayList<>();
        for (GenericRecord record : avroJava(events)) {
            if (record.get("country").toString().equals("DE")
                    && (Double) record.get("amount") > 0) {
                expected.add(
                        "{\"event_id\":"
                                + record.get("event_id")
                                + ",\"country\":\"DE\",\"amount\":"
                                + record.get("amount")
                                + "}");
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(result.outLines()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aWhereThatIsNoSqlFailsWithThePlannersMessageOnOneLine() {
        Cli.Result result = Cli.run("cat", events.toString(), "--where", "no_such_column > 1");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("jetliner cat: ")
                .contains("no_such_column");
    }

    private static List<GenericRecord> avroJava(Path file) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            reader.forEach(records::add);
        }
        return records;
    }
}
