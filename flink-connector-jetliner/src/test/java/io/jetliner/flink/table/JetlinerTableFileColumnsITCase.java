package io.jetliner.flink.table;

import io.jetliner.flink.avro.container.Block;
import io.jetliner.flink.avro.container.BlockReader;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.testutil.JobFailures;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQL over metadata columns and Hive-style partition directories, on a MiniCluster. */
class JetlinerTableFileColumnsITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final long MODIFIED = 1_650_000_000_000L;

    @TempDir Path dir;

    private final TableEnvironment batch =
            TableEnvironment.create(EnvironmentSettings.inBatchMode());

    @Test
    void readsEveryMetadataColumnInSelectAndWhere() throws IOException {
        Path a = write("a.avro", 0, 30);
        Path b = write("b.avro", 30, 50);
        batch.executeSql(
                "CREATE TABLE orders (id BIGINT, `file.path` STRING NOT NULL METADATA VIRTUAL,"
                        + " file_name STRING NOT NULL METADATA FROM 'file.name' VIRTUAL,"
                        + " size BIGINT NOT NULL METADATA FROM 'file.size' VIRTUAL,"
                        + " modified TIMESTAMP_LTZ(3) NOT NULL METADATA FROM"
                        + " 'file.modification-time' VIRTUAL,"
                        + " block BIGINT NOT NULL METADATA FROM 'block.offset' VIRTUAL)"
                        + withOptions(""));

        assertThat(query("SELECT DISTINCT `file.path`, file_name, size, modified FROM" + " orders"))
                .containsExactlyInAnyOrder(
                        Row.of(uri(a), "a.avro", Files.size(a), Instant.ofEpochMilli(MODIFIED)),
                        Row.of(uri(b), "b.avro", Files.size(b), Instant.ofEpochMilli(MODIFIED)));
        assertThat(query("SELECT id FROM orders WHERE file_name = 'b.avro'"))
                .containsExactlyInAnyOrderElementsOf(ids(30, 80));
        assertThat(
                        query(
                                "SELECT block, COUNT(*) FROM orders WHERE file_name = 'b.avro' GROUP BY block"))
                .as("rows per block offset, as Avro's container reader finds the blocks")
                .containsExactlyInAnyOrderElementsOf(blocks(b));
        assertThat(
                        query(
                                "SELECT MIN(id), MAX(id) FROM orders WHERE file_name = 'b.avro'"
                                        + " AND block = "
                                        + firstBlock(b)))
                .as("the first block: a block offset names a block of its file")
                .containsExactly(Row.of(30L, 30L + blocks(b).get(0).<Long>getFieldAs(1) - 1));
    }

    @Test
    void readsPartitionColumnsAtTheirDeclaredPositionsNullForTheDefaultPartition() {
        writePartitioned();
        createPartitionedOrders("");

        assertThat(query("SELECT * FROM orders WHERE id IN (0, 10, 20, 30)"))
                .containsExactlyInAnyOrder(
                        Row.of(0L, day(1), "customer-0", "eu"),
                        Row.of(10L, day(1), "customer-10", "us"),
                        Row.of(20L, day(2), "customer-20", "eu"),
                        Row.of(30L, day(2), "customer-30", null));
    }

    @Test
    void prunesPartitionsSoThatAFileOfAnotherIsNeverOpened() throws IOException {
        writePartitioned();
        // a corrupt file, older than the others: the planner reads the newest file's schema
        Path corrupt = dir.resolve("dt=2024-01-01/region=us/corrupt.avro");
        Files.write(corrupt, new byte[] {'O', 'b', 'j', 1, 0, 0});
        Files.setLastModifiedTime(corrupt, FileTime.fromMillis(MODIFIED - 1000));
        createPartitionedOrders("");
        String sql = "SELECT id, region FROM orders WHERE dt = DATE '2024-01-02' AND region = 'eu'";

        assertThat(batch.explainSql(sql))
                .contains("partitions=[{dt=2024-01-02, region=eu}]")
                .contains("project=[id]");
        assertThat(query(sql))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(20, 30)
                                .mapToObj(id -> Row.of(id, "eu"))
                                .collect(Collectors.toList()));
        assertThat(query("SELECT COUNT(*) FROM orders WHERE region IS NULL"))
                .containsExactly(Row.of(10L));
        // the corrupt file fails a query that reads its partition
        JobFailures.assertFailsOn(
                () -> query("SELECT COUNT(*) FROM orders WHERE region = 'us'"), "corrupt.avro");
    }

    @Test
    void combinesPruningWithNestedProjectionAndMetadata() {
        writePartitioned();
        createPartitionedOrders(
                ", address ROW<city STRING, zip INT>,"
                        + " file_name STRING NOT NULL METADATA FROM 'file.name' VIRTUAL");
        String sql =
                "SELECT address.zip, file_name, dt FROM orders WHERE region = 'eu' AND id % 10 = 0";

        assertThat(batch.explainSql(sql))
                .contains("partitions=[{dt=2024-01-01, region=eu}, {dt=2024-01-02, region=eu}]");
        assertThat(query(sql))
                .containsExactlyInAnyOrder(
                        Row.of(10_000, "part-0.avro", day(1)),
                        Row.of(10_020, "part-2.avro", day(2)));
    }

    @Test
    void takesTheDefaultPartitionNameFromItsOption() throws IOException {
        Files.createDirectories(dir.resolve("region=none"));
        OrderFiles.write(dir.resolve("region=none"), "x.avro", 0, 3, CodecFactory.nullCodec());
        batch.executeSql(
                "CREATE TABLE orders (id BIGINT, region STRING) PARTITIONED BY (region)"
                        + withOptions(", 'partition.default-name' = 'none'"));

        assertThat(query("SELECT id, region FROM orders WHERE region IS NULL"))
                .containsExactlyInAnyOrder(Row.of(0L, null), Row.of(1L, null), Row.of(2L, null));
    }

    @Test
    void rejectsAPartitionColumnWhoseTypeADirectoryNameCannotSpell() {
        writePartitioned();
        batch.executeSql(
                "CREATE TABLE orders (id BIGINT, region ARRAY<STRING>) PARTITIONED BY (region)"
                        + withOptions(""));

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("Partition column 'region'")
                .hasMessageContaining("ARRAY<STRING>");
    }

    /** Ten orders per partition, ids 0-9, 10-19, 20-29 and 30-39. */
    private void writePartitioned() {
        int part = 0;
        for (String partition :
                List.of(
                        "dt=2024-01-01/region=eu",
                        "dt=2024-01-01/region=us",
                        "dt=2024-01-02/region=eu",
                        "dt=2024-01-02/region=__DEFAULT_PARTITION__")) {
            try {
                Path directory = Files.createDirectories(dir.resolve(partition));
                Path file =
                        OrderFiles.write(
                                directory,
                                "part-" + part + ".avro",
                                part * 10L,
                                10,
                                CodecFactory.snappyCodec());
                Files.setLastModifiedTime(file, FileTime.fromMillis(MODIFIED));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            part++;
        }
    }

    private void createPartitionedOrders(String moreColumns) {
        batch.executeSql(
                "CREATE TABLE orders (id BIGINT, dt DATE, customer STRING, region STRING"
                        + moreColumns
                        + ") PARTITIONED BY (dt, region)"
                        + withOptions(""));
    }

    private Path write(String name, long firstId, int count) throws IOException {
        Path file = OrderFiles.write(dir, name, firstId, count, CodecFactory.deflateCodec(1));
        Files.setLastModifiedTime(file, FileTime.fromMillis(MODIFIED));
        return file;
    }

    private String withOptions(String moreOptions) {
        return " WITH ('connector' = 'jetliner', 'path' = '"
                + dir.toUri()
                + "'"
                + moreOptions
                + ")";
    }

    private List<Row> query(String sql) {
        return CollectionUtil.iteratorToList(batch.executeSql(sql).collect());
    }

    /** The path as the source names it: a qualified local path. */
    private static String uri(Path file) {
        return org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()).toString();
    }

    private static LocalDate day(int dayOfJanuary) {
        return LocalDate.of(2024, 1, dayOfJanuary);
    }

    private static List<Row> ids(long from, long to) {
        return LongStream.range(from, to).mapToObj(Row::of).collect(Collectors.toList());
    }

    /**
     * For each block of the file: its offset and record count, as Avro's container reader sees
     * them.
     */
    private static List<Row> blocks(Path file) throws IOException {
        List<Row> blocks = new ArrayList<>();
        try (FileSystemInput input =
                FileSystemInput.open(org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()))) {
            ContainerHeader header = ContainerHeader.read(input, file.toString());
            try (BlockReader reader =
                    new BlockReader(input, header, file.toString(), 0, input.length(), 1 << 20)) {
                for (Block block = reader.next(); block != null; block = reader.next()) {
                    blocks.add(Row.of(block.offset(), block.recordCount()));
                }
            }
        }
        assertThat(blocks).as("blocks of " + file).hasSizeGreaterThan(1);
        return blocks;
    }

    private static long firstBlock(Path file) throws IOException {
        return blocks(file).get(0).<Long>getFieldAs(0);
    }
}
