package io.jetliner.flink.table;

import io.jetliner.flink.source.JetlinerSource;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The table source's metadata columns and partitions, and the source it builds for them. */
class JetlinerDynamicTableSourceFileColumnsTest {

    private static final ResolvedSchema ORDERS =
            ResolvedSchema.of(
                    Column.physical("id", DataTypes.BIGINT().notNull()),
                    Column.physical("dt", DataTypes.DATE()),
                    Column.physical("region", DataTypes.STRING()));

    @TempDir Path dir;

    @BeforeEach
    void writeOrders() throws IOException {
        for (String partition :
                List.of(
                        "dt=2024-01-02/region=eu",
                        "dt=2024-01-01/region=__DEFAULT_PARTITION__",
                        "dt=2024-01-01/region=eu")) {
            OrderFiles.write(
                    Files.createDirectories(dir.resolve(partition)),
                    "part.avro",
                    0,
                    2,
                    CodecFactory.nullCodec());
        }
    }

    @Test
    void offersEveryMetadataKeyWithItsType() {
        assertThat(create(Map.of()).listReadableMetadata())
                .containsExactly(
                        Map.entry("file.path", DataTypes.STRING().notNull()),
                        Map.entry("file.name", DataTypes.STRING().notNull()),
                        Map.entry("file.size", DataTypes.BIGINT().notNull()),
                        Map.entry("file.modification-time", DataTypes.TIMESTAMP_LTZ(3).notNull()),
                        Map.entry("block.offset", DataTypes.BIGINT().notNull()));
    }

    @Test
    void listsThePartitionsOfTheFilesTheDefaultOneAsNull() {
        assertThat(create(Map.of()).listPartitions())
                .hasValueSatisfying(
                        partitions ->
                                assertThat(partitions)
                                        .containsExactly(
                                                partition("2024-01-01", null),
                                                partition("2024-01-01", "eu"),
                                                partition("2024-01-02", "eu")));
        assertThat(create(Map.of("partition.default-name", "eu")).listPartitions())
                .hasValueSatisfying(
                        partitions ->
                                assertThat(partitions)
                                        .containsExactly(
                                                partition("2024-01-01", "__DEFAULT_PARTITION__"),
                                                partition("2024-01-01", null),
                                                partition("2024-01-02", null)));
    }

    @Test
    void copiesTheMetadataAndPartitionsPushedDown() throws Exception {
        JetlinerDynamicTableSource table = create(Map.of());
        DataType produced =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                        DataTypes.FIELD("dt", DataTypes.DATE()),
                        DataTypes.FIELD("region", DataTypes.STRING()),
                        DataTypes.FIELD("name", DataTypes.STRING().notNull()));
        List<Map<String, String>> remaining =
                new ArrayList<>(List.of(partition("2024-01-01", null)));
        table.applyReadableMetadata(List.of("file.name"), produced);
        table.applyPartitions(remaining);

        JetlinerDynamicTableSource copy = (JetlinerDynamicTableSource) table.copy();
        remaining.clear();
        table.applyReadableMetadata(List.of(), ORDERS.toPhysicalRowDataType());
        table.applyPartitions(List.of());

        JetlinerSource<?> source = copy.createSource();
        assertThat(source.getProducedType())
                .isEqualTo(InternalTypeInfo.of(produced.getLogicalType()));
        assertThat(source.readerOptions().projection().getFieldNames()).containsExactly("id");
        assertThat(directoriesRead(source))
                .containsExactly("dt=2024-01-01/region=__DEFAULT_PARTITION__");
        assertThat(directoriesRead(table.createSource())).as("all pruned").isEmpty();
    }

    /**
     * The directories, relative to the table's, of the splits the source's enumerator hands out.
     */
    private Set<String> directoriesRead(JetlinerSource<?> source) throws Exception {
        TestingSplitEnumeratorContext<BlockRangeSplit> context =
                new TestingSplitEnumeratorContext<>(1);
        context.registerReader(0, "host-0");
        try (SplitEnumerator<BlockRangeSplit, ?> enumerator = source.createEnumerator(context)) {
            enumerator.start();
            context.triggerAllActions();
            while (!context.getSplitAssignments().containsKey(0)
                    || !context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()) {
                enumerator.handleSplitRequest(0, "host-0");
            }
        }
        Set<String> directories = new TreeSet<>();
        for (BlockRangeSplit split : context.getSplitAssignments().get(0).getAssignedSplits()) {
            directories.add(
                    dir.toUri()
                            .relativize(java.net.URI.create(split.path().getParent().toUri() + "/"))
                            .getPath()
                            .replaceAll("/$", ""));
        }
        return directories;
    }

    private static Map<String, String> partition(String dt, String region) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("dt", dt);
        partition.put("region", region);
        return partition;
    }

    private JetlinerDynamicTableSource create(Map<String, String> moreOptions) {
        Map<String, String> options = new HashMap<>(moreOptions);
        options.put("connector", "jetliner");
        options.put("path", dir.toUri().toString());
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(ORDERS).build())
                        .partitionKeys(List.of("dt", "region"))
                        .options(options)
                        .build();
        return (JetlinerDynamicTableSource)
                FactoryUtil.createDynamicTableSource(
                        null,
                        ObjectIdentifier.of("default", "default", "orders"),
                        new ResolvedCatalogTable(table, ORDERS),
                        Map.of(),
                        new Configuration(),
                        getClass().getClassLoader(),
                        false);
    }
}
