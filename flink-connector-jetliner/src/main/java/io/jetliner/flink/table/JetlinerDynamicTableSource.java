package io.jetliner.flink.table;

import io.jetliner.flink.source.JetlinerSource;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsAggregatePushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.AggregateExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import javax.annotation.Nullable;

import java.util.List;

/**
 * A table of Avro files read by a {@link JetlinerSource}: bounded, or unbounded with {@code
 * source.monitor-interval}. Columns are matched to Avro fields by name.
 *
 * <p>Projection push-down reaches nested fields: {@code SELECT r.a FROM t} decodes only {@code a}
 * of {@code r} and skips every other field of the record, nested ones too, without materialising
 * it.
 *
 * <p>Limit push-down makes each reader stop after that many rows, its other splits unread; the
 * planner keeps its own limit above the scan.
 *
 * <p>Aggregate push-down (batch mode) answers {@code COUNT(*)} and {@code COUNT(1)} without
 * grouping from the block headers alone: one row per block holding its record count, which the
 * planner's final aggregate sums. It is the only way SQL reads headers alone: the planner never
 * pushes a projection of no columns, but asks for a table's first column for a query that uses
 * none, so that without the push-down (streaming mode) {@code COUNT(*)} decodes that column.
 */
@Internal
public final class JetlinerDynamicTableSource
        implements ScanTableSource,
                SupportsProjectionPushDown,
                SupportsLimitPushDown,
                SupportsAggregatePushDown {

    private final Path path;
    private final Configuration options;
    private final DataType physicalType;

    /** The pushed-down projection's field paths, or null to read every physical column. */
    @Nullable private int[][] projectedFields;

    /** The type of the rows produced under {@link #projectedFields}. */
    private DataType producedType;

    /** The most rows each reader emits, or null for all. */
    @Nullable private Long limit;

    /** Whether the source emits the record count of each block instead of rows. */
    private boolean countsRecords;

    /**
     * @param path the files, directory or glob to read
     * @param options the table's options, validated
     * @param physicalType the table's physical columns
     */
    JetlinerDynamicTableSource(Path path, ReadableConfig options, DataType physicalType) {
        this.path = path;
        this.options = Configuration.fromMap(options.toMap());
        this.physicalType = physicalType;
        this.producedType = physicalType;
    }

    private JetlinerDynamicTableSource(JetlinerDynamicTableSource other) {
        this.path = other.path;
        this.options = new Configuration(other.options);
        this.physicalType = other.physicalType;
        this.projectedFields = deepCopy(other.projectedFields);
        this.producedType = other.producedType;
        this.limit = other.limit;
        this.countsRecords = other.countsRecords;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(createSource());
    }

    /** The source this table reads with, every option and push-down applied. */
    JetlinerSource<RowData> createSource() {
        JetlinerSource.Builder<RowData> builder =
                (countsRecords
                                ? JetlinerSource.forRecordCounts(path)
                                : JetlinerSource.forRowData(path))
                        .splitSize(options.get(JetlinerOptions.SPLIT_SIZE).getBytes())
                        .bufferBlocks(options.get(JetlinerOptions.BUFFER_BLOCKS))
                        .bufferBytes(options.get(JetlinerOptions.BUFFER_BYTES).getBytes())
                        .batchSize(options.get(JetlinerOptions.BATCH_SIZE))
                        .maxBlockSize((int) options.get(JetlinerOptions.MAX_BLOCK_SIZE).getBytes());
        options.getOptional(JetlinerOptions.SOURCE_MONITOR_INTERVAL)
                .ifPresent(builder::monitorContinuously);
        if (limit != null) {
            builder.limit(limit);
        }
        RowType physicalRow = (RowType) physicalType.getLogicalType();
        if (countsRecords) {
            // record counts have no columns to project
        } else if (projectedFields == null) {
            builder.projection(physicalRow);
        } else {
            ProjectedFields projection = ProjectedFields.of(physicalRow, projectedFields);
            builder.projection(projection.prunedType());
            if (!projection.isTopLevel()) {
                builder.outputFields(
                        projection.outputPaths(), (RowType) producedType.getLogicalType());
            }
        }
        return builder.build();
    }

    @Override
    public boolean supportsNestedProjection() {
        return true;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.projectedFields = deepCopy(projectedFields);
        this.producedType = producedDataType;
    }

    @Override
    public void applyLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public boolean applyAggregates(
            List<int[]> groupingSets,
            List<AggregateExpression> aggregateExpressions,
            DataType producedDataType) {
        countsRecords = RecordCountAggregate.isRecordCount(groupingSets, aggregateExpressions);
        return countsRecords;
    }

    @Override
    public DynamicTableSource copy() {
        return new JetlinerDynamicTableSource(this);
    }

    @Override
    public String asSummaryString() {
        return "Jetliner";
    }

    private static int[][] deepCopy(@Nullable int[][] paths) {
        if (paths == null) {
            return null;
        }
        int[][] copy = new int[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            copy[i] = paths[i].clone();
        }
        return copy;
    }
}
