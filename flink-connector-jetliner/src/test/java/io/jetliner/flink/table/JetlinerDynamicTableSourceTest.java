package io.jetliner.flink.table;

import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.JetlinerSource;
import io.jetliner.flink.source.enumerator.SplitPlanner;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table source the factory creates, and the {@link JetlinerSource} it builds. */
class JetlinerDynamicTableSourceTest {

    private static final ResolvedSchema ORDERS =
            ResolvedSchema.of(
                    Column.physical("id", DataTypes.BIGINT().notNull()),
                    Column.physical("customer", DataTypes.STRING()),
                    Column.physical(
                            "address",
                            DataTypes.ROW(
                                    DataTypes.FIELD("city", DataTypes.STRING()),
                                    DataTypes.FIELD("zip", DataTypes.INT()),
                                    DataTypes.FIELD(
                                            "geo",
                                            DataTypes.ROW(
                                                    DataTypes.FIELD("lat", DataTypes.DOUBLE()),
                                                    DataTypes.FIELD("lon", DataTypes.DOUBLE()))))));

    @TempDir Path dir;

    @BeforeEach
    void writeOrders() {
        OrderFiles.write(dir, "orders.avro", 0, 3, CodecFactory.nullCodec());
    }

    @Test
    void buildsABoundedSourceWithTheBuildersDefaultsWhenOnlyThePathIsSet() {
        JetlinerSource<?> source = create(Map.of(), ORDERS, List.of()).createSource();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.monitorInterval()).isEmpty();
        assertThat(source.splitSize()).isEqualTo(SplitPlanner.DEFAULT_SPLIT_SIZE);
        assertThat(source.readerOptions())
                .isEqualTo(ReaderOptions.builder().projection(physicalRowType()).build());
        assertThat(source.getProducedType()).isEqualTo(InternalTypeInfo.of(physicalRowType()));
    }

    @Test
    void appliesEveryOptionToTheSourceItBuilds() {
        JetlinerSource<?> source =
                create(
                                Map.of(
                                        "split-size", "2mb",
                                        "buffer-blocks", "7",
                                        "buffer-bytes", "3mb",
                                        "batch-size", "100",
                                        "max-block-size", "16mb",
                                        "source.monitor-interval", "5s"),
                                ORDERS,
                                List.of())
                        .createSource();

        assertThat(source.splitSize()).isEqualTo(2L << 20);
        assertThat(source.readerOptions().bufferBlocks()).isEqualTo(7);
        assertThat(source.readerOptions().bufferBytes()).isEqualTo(3L << 20);
        assertThat(source.readerOptions().batchSize()).isEqualTo(100);
        assertThat(source.readerOptions().maxBlockSize()).isEqualTo(16 << 20);
        assertThat(source.monitorInterval()).contains(Duration.ofSeconds(5));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void declaresEveryOptionOfJetlinerOptionsAndNoOther() throws IllegalAccessException {
        Set<ConfigOption<?>> declared = new HashSet<>();
        for (Field field : JetlinerOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                declared.add((ConfigOption<?>) field.get(null));
            }
        }
        JetlinerDynamicTableFactory factory = new JetlinerDynamicTableFactory();
        Set<ConfigOption<?>> listed = new HashSet<>(factory.requiredOptions());
        listed.addAll(factory.optionalOptions());

        assertThat(listed).isEqualTo(declared);
        assertThat(factory.requiredOptions()).containsExactly(JetlinerOptions.PATH);
    }

    @Test
    void passesANestedProjectionToTheSourcePrunedAndEmitsItsFieldsAsColumns() {
        JetlinerDynamicTableSource table = create(Map.of(), ORDERS, List.of());
        int[][] paths = {{2, 2, 1}, {0}, {2, 0}};
        DataType produced = Projection.of(paths).project(ORDERS.toPhysicalRowDataType());

        table.applyProjection(paths, produced);
        JetlinerSource<?> source = table.createSource();

        assertThat(source.readerOptions().projection())
                .isEqualTo(
                        rowType(
                                DataTypes.ROW(
                                                DataTypes.FIELD(
                                                        "address",
                                                        DataTypes.ROW(
                                                                DataTypes.FIELD(
                                                                        "geo",
                                                                        DataTypes.ROW(
                                                                                DataTypes.FIELD(
                                                                                        "lon",
                                                                                        DataTypes
                                                                                                .DOUBLE()))),
                                                                DataTypes.FIELD(
                                                                        "city",
                                                                        DataTypes.STRING()))),
                                                DataTypes.FIELD("id", DataTypes.BIGINT().notNull()))
                                        .notNull()));
        assertThat(source.getProducedType()).isEqualTo(InternalTypeInfo.of(rowType(produced)));
    }

    @Test
    void copiesThePushedDownProjection() {
        JetlinerDynamicTableSource table = create(Map.of("batch-size", "9"), ORDERS, List.of());
        int[][] paths = {{1}, {0}};
        table.applyProjection(paths, Projection.of(paths).project(ORDERS.toPhysicalRowDataType()));

        DynamicTableSource copy = table.copy();
        paths[0][0] = 2;
        table.applyProjection(
                new int[][] {{0}},
                Projection.of(new int[] {0}).project(ORDERS.toPhysicalRowDataType()));

        JetlinerSource<?> copied = ((JetlinerDynamicTableSource) copy).createSource();
        assertThat(copied.readerOptions().projection().getFieldNames())
                .containsExactly("customer", "id");
        assertThat(copied.readerOptions().batchSize()).isEqualTo(9);
        assertThat(table.createSource().readerOptions().projection().getFieldNames())
                .containsExactly("id");
        assertThat(copy.asSummaryString()).isEqualTo("Jetliner");
    }

    @Test
    void acceptsTheFiltersItEvaluatesExactlyAndLeavesTheRestToFlink() {
        ResolvedSchema withPartition =
                ResolvedSchema.of(
                        Column.physical("id", DataTypes.BIGINT().notNull()),
                        Column.physical("customer", DataTypes.STRING()),
                        Column.physical("dt", DataTypes.STRING()));
        JetlinerDynamicTableSource table = create(Map.of(), withPartition, List.of("dt"));
        ResolvedExpression idAbove5 =
                CallExpression.permanent(
                        BuiltInFunctionDefinitions.GREATER_THAN,
                        List.of(
                                new FieldReferenceExpression("id", DataTypes.BIGINT(), 0, 0),
                                new ValueLiteralExpression(5L)),
                        DataTypes.BOOLEAN());
        ResolvedExpression upperCustomer =
                CallExpression.permanent(
                        BuiltInFunctionDefinitions.EQUALS,
                        List.of(
                                CallExpression.permanent(
                                        BuiltInFunctionDefinitions.UPPER,
                                        List.of(
                                                new FieldReferenceExpression(
                                                        "customer", DataTypes.STRING(), 0, 1)),
                                        DataTypes.STRING()),
                                new ValueLiteralExpression("X")),
                        DataTypes.BOOLEAN());
        ResolvedExpression partition =
                CallExpression.permanent(
                        BuiltInFunctionDefinitions.IS_NULL,
                        List.of(new FieldReferenceExpression("dt", DataTypes.STRING(), 0, 2)),
                        DataTypes.BOOLEAN());

        SupportsFilterPushDown.Result result =
                table.applyFilters(List.of(idAbove5, upperCustomer, partition));

        assertThat(result.getAcceptedFilters()).containsExactly(idAbove5);
        assertThat(result.getRemainingFilters()).containsExactly(upperCustomer, partition);
        DynamicTableSource copy = table.copy();
        ResolvedExpression customerKnown =
                CallExpression.permanent(
                        BuiltInFunctionDefinitions.IS_NOT_NULL,
                        List.of(new FieldReferenceExpression("customer", DataTypes.STRING(), 0, 1)),
                        DataTypes.BOOLEAN());
        table.applyFilters(List.of(customerKnown));
        assertThat(((JetlinerDynamicTableSource) copy).createSource().filter())
                .contains(RowFilter.greaterThan("id", 5L));
        assertThat(table.createSource().filter())
                .contains(
                        RowFilter.and(
                                RowFilter.greaterThan("id", 5L), RowFilter.isNotNull("customer")));
        assertThat(create(Map.of(), ORDERS, List.of()).createSource().filter()).isEmpty();
    }

    @Test
    void leavesPartitionKeysOutOfTheColumnCheck() {
        ResolvedSchema withPartition =
                ResolvedSchema.of(
                        Column.physical("id", DataTypes.BIGINT()),
                        Column.physical("dt", DataTypes.STRING()));

        assertThat(create(Map.of(), withPartition, List.of("dt"))).isNotNull();
        assertThatThrownBy(() -> create(Map.of(), withPartition, List.of()))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("Column 'dt' STRING has no Avro field");
    }

    @Test
    void checksNothingWhileThePathHoldsNoFileYet() {
        Map<String, String> options = new HashMap<>();
        options.put("path", dir.resolve("later").toUri().toString());
        options.put("source.monitor-interval", "1s");
        ResolvedSchema anything = ResolvedSchema.of(Column.physical("x", DataTypes.INT()));

        assertThat(createWithOptions(options, anything, List.of()).createSource().getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    private JetlinerDynamicTableSource create(
            Map<String, String> moreOptions, ResolvedSchema schema, List<String> partitionKeys) {
        Map<String, String> options = new HashMap<>(moreOptions);
        options.put("path", dir.toUri().toString());
        return createWithOptions(options, schema, partitionKeys);
    }

    private static JetlinerDynamicTableSource createWithOptions(
            Map<String, String> options, ResolvedSchema schema, List<String> partitionKeys) {
        Map<String, String> all = new HashMap<>(options);
        all.put("connector", "jetliner");
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .partitionKeys(partitionKeys)
                        .options(all)
                        .build();
        return (JetlinerDynamicTableSource)
                FactoryUtil.createDynamicTableSource(
                        null,
                        ObjectIdentifier.of("default", "default", "orders"),
                        new ResolvedCatalogTable(table, schema),
                        Map.of(),
                        new Configuration(),
                        JetlinerDynamicTableSourceTest.class.getClassLoader(),
                        false);
    }

    private static RowType physicalRowType() {
        return rowType(ORDERS.toPhysicalRowDataType());
    }

    private static RowType rowType(DataType type) {
        return (RowType) type.getLogicalType();
    }
}
