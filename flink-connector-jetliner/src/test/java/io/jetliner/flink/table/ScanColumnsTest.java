package io.jetliner.flink.table;

import io.jetliner.flink.source.FileMetadata;
import io.jetliner.flink.source.SourceColumn;

import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A scan's columns split into the Avro fields to decode and the columns joined to them. */
class ScanColumnsTest {

    private static final LogicalType STRING = new VarCharType(VarCharType.MAX_LENGTH);

    /**
     * {@code ROW<id BIGINT, dt DATE, r ROW<x INT, y STRING>, region STRING>}, dt, region
     * partitions.
     */
    private static final RowType TABLE =
            row(
                    field("id", new BigIntType()),
                    field("dt", new DateType()),
                    field("r", row(field("x", new IntType()), field("y", STRING))),
                    field("region", STRING));

    private static final List<String> PARTITION_KEYS = List.of("dt", "region");

    @Test
    void readsTheAvroRowsAsTheyAreWithoutPartitionsOrMetadata() {
        ScanColumns scan =
                ScanColumns.of(
                        TABLE,
                        PARTITION_KEYS,
                        new int[][] {{2}, {0}},
                        row(TABLE.getFields().get(2), TABLE.getFields().get(0)),
                        List.of());

        assertThat(scan.avroType())
                .isEqualTo(row(TABLE.getFields().get(2), TABLE.getFields().get(0)));
        assertThat(scan.avroOutputPaths()).isNull();
        assertThat(scan.columns()).isNull();
    }

    @Test
    void leavesPartitionColumnsOutOfTheAvroFieldsAndKeepsTheirPositions() {
        ScanColumns scan = ScanColumns.of(TABLE, PARTITION_KEYS, null, TABLE, List.of());

        assertThat(scan.avroType())
                .isEqualTo(row(TABLE.getFields().get(0), TABLE.getFields().get(2)));
        assertThat(scan.avroOutputPaths()).isNull();
        assertThat(scan.columns())
                .containsExactly(
                        SourceColumn.avroField("id"),
                        SourceColumn.partition("dt", new DateType()),
                        SourceColumn.avroField("r"),
                        SourceColumn.partition("region", STRING));
    }

    @Test
    void joinsMetadataAfterNestedFieldsAndPartitionsByTheProducedNames() {
        RowType produced =
                row(
                        field("region", STRING),
                        field("r_y", STRING),
                        field("id", new BigIntType()),
                        field("name", new VarCharType(false, VarCharType.MAX_LENGTH)),
                        field("offset", new BigIntType(false)));

        ScanColumns scan =
                ScanColumns.of(
                        TABLE,
                        PARTITION_KEYS,
                        new int[][] {{3}, {2, 1}, {0}},
                        produced,
                        List.of("file.name", "block.offset"));

        assertThat(scan.avroType())
                .isEqualTo(row(field("r", row(field("y", STRING))), TABLE.getFields().get(0)));
        assertThat(scan.avroOutputPaths()).isEqualTo(new int[][] {{0, 0}, {1}});
        assertThat(scan.avroOutputType())
                .isEqualTo(row(field("r_y", STRING), field("id", new BigIntType())));
        assertThat(scan.columns())
                .containsExactly(
                        SourceColumn.partition("region", STRING),
                        SourceColumn.avroField("r_y"),
                        SourceColumn.avroField("id"),
                        SourceColumn.metadata("name", FileMetadata.FILE_NAME),
                        SourceColumn.metadata("offset", FileMetadata.BLOCK_OFFSET));
    }

    @Test
    void decodesNoFieldForPartitionsAndMetadataAlone() {
        RowType produced = row(field("dt", new DateType()), field("size", new BigIntType(false)));

        ScanColumns scan =
                ScanColumns.of(
                        TABLE, PARTITION_KEYS, new int[][] {{1}}, produced, List.of("file.size"));

        assertThat(scan.avroType().getFieldCount()).isZero();
        assertThat(scan.columns())
                .containsExactly(
                        SourceColumn.partition("dt", new DateType()),
                        SourceColumn.metadata("size", FileMetadata.FILE_SIZE));
    }

    private static RowType row(RowField... fields) {
        return new RowType(List.of(fields));
    }

    private static RowField field(String name, LogicalType type) {
        return new RowField(name, type);
    }
}
