package io.jetliner.flink.source;

import org.apache.flink.core.fs.Path;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link JetlinerSource.Builder#columns} makes of the rows' type, and what it rejects. */
class JetlinerSourceColumnsTest {

    private static final Path NOWHERE = new Path("/no/such/directory");

    @Test
    void makesRowsOfTheColumnsInTheirOrderWithTheAvroFieldsTypes() {
        JetlinerSource<?> source =
                JetlinerSource.forRowData(NOWHERE)
                        .schema(EventFiles.SCHEMA)
                        .columns(
                                SourceColumn.metadata(FileMetadata.BLOCK_OFFSET),
                                SourceColumn.avroField("note"),
                                SourceColumn.partition("dt", new DateType()),
                                SourceColumn.metadata(
                                        "modified", FileMetadata.FILE_MODIFICATION_TIME),
                                SourceColumn.avroField("id"))
                        .build();

        RowType rowType = ((InternalTypeInfo<?>) source.getProducedType()).toRowType();
        assertThat(rowType.getFieldNames())
                .containsExactly("block.offset", "note", "dt", "modified", "id");
        assertThat(rowType.getChildren())
                .containsExactly(
                        new BigIntType(false),
                        new VarCharType(true, VarCharType.MAX_LENGTH),
                        new DateType(),
                        new LocalZonedTimestampType(false, 3),
                        new BigIntType(false));
    }

    @Test
    void takesTheAvroFieldsFromTheProjection() {
        RowType projection =
                RowType.of(
                        new org.apache.flink.table.types.logical.LogicalType[] {
                            new VarCharType(false, VarCharType.MAX_LENGTH)
                        },
                        new String[] {"name"});

        JetlinerSource<?> source =
                JetlinerSource.forRowData(NOWHERE)
                        .schema(EventFiles.SCHEMA)
                        .projection(projection)
                        .columns(
                                SourceColumn.metadata(FileMetadata.FILE_NAME),
                                SourceColumn.avroField("name"))
                        .build();

        assertThat(((InternalTypeInfo<?>) source.getProducedType()).toRowType().getFieldNames())
                .containsExactly("file.name", "name");
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forRowData(NOWHERE)
                                        .schema(EventFiles.SCHEMA)
                                        .projection(projection)
                                        .columns(SourceColumn.avroField("id"))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Avro field 'id'")
                .hasMessageContaining("[name]");
    }

    @Test
    void rejectsColumnsItCannotMake() {
        assertThatThrownBy(() -> build(SourceColumn.avroField("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("[id, name, note, amount]");
        assertThatThrownBy(
                        () ->
                                build(
                                        SourceColumn.avroField("id"),
                                        SourceColumn.partition("id", new BigIntType())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two columns are named 'id'");
        assertThatThrownBy(
                        () -> build(SourceColumn.partition("at", new LocalZonedTimestampType(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition column 'at'")
                .hasMessageContaining("TIMESTAMP_LTZ(3)");
        assertThatThrownBy(() -> SourceColumn.avroField(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsColumnsForAvroRecordsAndAnEmptyDefaultPartitionName() {
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forGenericRecord(EventFiles.SCHEMA, NOWHERE)
                                        .columns(SourceColumn.metadata(FileMetadata.FILE_NAME))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns are for RowData");
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forRowData(NOWHERE)
                                        .schema(EventFiles.SCHEMA)
                                        .defaultPartitionName("")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default partition name");
    }

    @Test
    void namesEveryMetadataKeyAsSqlDoes() {
        assertThat(FileMetadata.ofKey("file.modification-time"))
                .isEqualTo(FileMetadata.FILE_MODIFICATION_TIME);
        assertThatThrownBy(() -> FileMetadata.ofKey("file.owner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "file.path, file.name, file.size, file.modification-time, block.offset");
        assertThat(
                        JetlinerSource.forRowData(NOWHERE)
                                .schema(EventFiles.SCHEMA)
                                .partitions(List.of(Map.of("dt", "2024-01-01")))
                                .build())
                .as("partitions alone need no columns")
                .isNotNull();
    }

    private static JetlinerSource<?> build(SourceColumn... columns) {
        return JetlinerSource.forRowData(NOWHERE)
                .schema(EventFiles.SCHEMA)
                .columns(columns)
                .build();
    }
}
