package io.jetliner.flink.table;

import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.source.FileMetadata;
import io.jetliner.flink.source.JetlinerSource;
import io.jetliner.flink.source.SourceColumn;
import io.jetliner.flink.source.enumerator.FileDiscovery;
import io.jetliner.flink.source.enumerator.PartitionSpecs;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.TableException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsAggregatePushDown;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsPartitionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.AggregateExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

import org.apache.avro.Schema;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table of Avro files read by a {@link JetlinerSource}: bounded, or unbounded with {@code
 * source.monitor-interval}. Columns are matched to Avro fields by name.
 *
 * <p>Projection push-down reaches nested fields: {@code SELECT r.a FROM t} decodes only {@code a}
 * of {@code r} and skips every other field of the record, nested ones too, without materialising
 * it.
 *
 * <p>Metadata columns ({@link FileMetadata}) and partition columns, whose values come from each
 * file's {@code key=value} directories, are joined to the decoded rows without a copy; partition
 * push-down lists no directory of a pruned partition.
 *
 * <p>Filter push-down: the filters {@link RowFilterConverter} converts are evaluated while
 * decoding, so that rows failing them are never materialised; they are exact, so Flink does not
 * evaluate them again. The others are left to Flink.
 *
 * <p>Limit push-down makes each reader stop after that many rows, its other splits unread; the
 * planner keeps its own limit above the scan. Under a pushed-down filter the rows counted are those
 * that pass it.
 *
 * <p>Aggregate push-down (batch mode) answers {@code COUNT(*)} and {@code COUNT(1)} without
 * grouping or filter from the block headers alone: one row per split holding its record count,
 * which the planner's final aggregate sums. It is the only way SQL reads headers alone: the planner
 * never pushes a projection of no columns, but asks for a table's first column for a query that
 * uses none, so that without the push-down (streaming mode) {@code COUNT(*)} decodes that column.
 */
@Internal
public final class JetlinerDynamicTableSource
        implements ScanTableSource,
                SupportsProjectionPushDown,
                SupportsReadingMetadata,
                SupportsPartitionPushDown,
                SupportsFilterPushDown,
                SupportsLimitPushDown,
                SupportsAggregatePushDown {

    private final Path path;
    private final Configuration options;
    private final DataType physicalType;
    private final List<String> partitionKeys;

    /** The schema the records are read as, or null to read each file's as written. */
    @Nullable private final Schema readerSchema;

    /** The pushed-down projection's field paths, or null to read every physical column. */
    @Nullable private int[][] projectedFields;

    /** The type of the rows produced under {@link #projectedFields}. */
    private DataType producedType;

    /** The metadata read, in the order of their columns after the physical ones. */
    private List<String> metadataKeys = List.of();

    /** The partitions left after partition pruning, or null to read every partition. */
    @Nullable private List<Map<String, String>> remainingPartitions;

    /** The pushed-down filters, all of them ANDed, or null. */
    @Nullable private RowFilter filter;

    /** The most rows each reader emits, or null for all. */
    @Nullable private Long limit;

    /** Whether the source emits the record count of each block instead of rows. */
    private boolean countsRecords;

    /**
     * @param path the files, directory or glob to read
     * @param options the table's options, validated
     * @param physicalType the table's physical columns
     * @param partitionKeys the physical columns whose values come from the files' directories
     * @param readerSchema the schema every file's records are resolved to, or null to read each
     *     file's as written
     */
    JetlinerDynamicTableSource(
            Path path,
            ReadableConfig options,
            DataType physicalType,
            List<String> partitionKeys,
            @Nullable Schema readerSchema) {
        this.path = path;
        this.options = Configuration.fromMap(options.toMap());
        this.physicalType = physicalType;
        this.partitionKeys = List.copyOf(partitionKeys);
        this.readerSchema = readerSchema;
        this.producedType = physicalType;
    }

    private JetlinerDynamicTableSource(JetlinerDynamicTableSource other) {
        this.path = other.path;
        this.options = new Configuration(other.options);
        this.physicalType = other.physicalType;
        this.partitionKeys = other.partitionKeys;
        this.readerSchema = other.readerSchema;
        this.projectedFields = deepCopy(other.projectedFields);
        this.producedType = other.producedType;
        this.metadataKeys = other.metadataKeys;
        this.remainingPartitions = copyOf(other.remainingPartitions);
        this.filter = other.filter;
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
                        .maxBlockSize((int) options.get(JetlinerOptions.MAX_BLOCK_SIZE).getBytes())
                        .errorMode(options.get(JetlinerOptions.ERROR_MODE));
        options.getOptional(JetlinerOptions.SOURCE_MONITOR_INTERVAL)
                .ifPresent(builder::monitorContinuously);
        if (limit != null) {
            builder.limit(limit);
        }
        builder.defaultPartitionName(options.get(JetlinerOptions.PARTITION_DEFAULT_NAME));
        if (remainingPartitions != null) {
            builder.partitions(remainingPartitions);
        }
        if (countsRecords) {
            // record counts have no columns
            return builder.build();
        }
        ScanColumns scan =
                ScanColumns.of(
                        (RowType) physicalType.getLogicalType(),
                        partitionKeys,
                        projectedFields,
                        (RowType) producedType.getLogicalType(),
                        metadataKeys);
        builder.projection(scan.avroType());
        if (readerSchema != null) {
            builder.readerSchema(readerSchema);
        }
        if (scan.avroOutputPaths() != null) {
            builder.outputFields(scan.avroOutputPaths(), scan.avroOutputType());
        }
        if (scan.columns() != null) {
            builder.columns(scan.columns().toArray(new SourceColumn[0]));
        }
        if (filter != null) {
            builder.filter(filter);
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

    /**
     * Accepts each filter that converts to a {@link RowFilter} in full. The accepted ones are not
     * returned as remaining: the decoder's evaluation is exact, so Flink need not evaluate them
     * again.
     */
    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        RowFilterConverter converter =
                new RowFilterConverter(
                        avroColumns(), options.get(JetlinerOptions.TIMESTAMP_MAPPING_LEGACY));
        List<ResolvedExpression> accepted = new ArrayList<>();
        List<ResolvedExpression> remaining = new ArrayList<>();
        List<RowFilter> converted = new ArrayList<>();
        if (filter != null) {
            converted.add(filter);
        }
        for (ResolvedExpression expression : filters) {
            Optional<RowFilter> rowFilter = converter.convert(expression);
            if (rowFilter.isPresent()) {
                accepted.add(expression);
                converted.add(rowFilter.get());
            } else {
                remaining.add(expression);
            }
        }
        filter = converted.isEmpty() ? null : RowFilter.and(converted);
        return Result.of(accepted, remaining);
    }

    /** The physical columns read from the Avro records: all but the partition keys. */
    private RowType avroColumns() {
        List<RowType.RowField> fields = new ArrayList<>();
        for (RowType.RowField field : ((RowType) physicalType.getLogicalType()).getFields()) {
            if (!partitionKeys.contains(field.getName())) {
                fields.add(field);
            }
        }
        return new RowType(fields);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        for (FileMetadata key : FileMetadata.values()) {
            metadata.put(key.key(), TypeConversions.fromLogicalToDataType(key.type()));
        }
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadataKeys = List.copyOf(metadataKeys);
        this.producedType = producedDataType;
    }

    /**
     * The partitions of the files under the path now: each combination of partition values their
     * directories name, a NULL value for the default partition name or a key a path lacks. Like
     * Flink's filesystem connector, a monitored table that a query prunes reads the partitions left
     * of these, not partitions made later.
     */
    @Override
    public Optional<List<Map<String, String>>> listPartitions() {
        String defaultName = options.get(JetlinerOptions.PARTITION_DEFAULT_NAME);
        List<Map<String, String>> partitions;
        try {
            partitions =
                    PartitionSpecs.list(
                            new FileDiscovery(List.of(path)).discover().files(),
                            partitionKeys,
                            defaultName);
        } catch (IOException e) {
            throw new TableException("Cannot list the partitions under '" + path + "'", e);
        }
        List<Map<String, String>> withNulls = new ArrayList<>(partitions.size());
        for (Map<String, String> partition : partitions) {
            Map<String, String> values = new LinkedHashMap<>();
            partition.forEach(
                    (key, value) -> values.put(key, defaultName.equals(value) ? null : value));
            withNulls.add(values);
        }
        return Optional.of(withNulls);
    }

    @Override
    public void applyPartitions(List<Map<String, String>> remainingPartitions) {
        this.remainingPartitions = copyOf(remainingPartitions);
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
        // the block headers count every record: not those a pushed-down filter passes, nor
        // the rows a pushed-down limit cuts (it would cut blocks)
        countsRecords =
                filter == null
                        && limit == null
                        && RecordCountAggregate.isRecordCount(groupingSets, aggregateExpressions);
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

    @Nullable
    private static List<Map<String, String>> copyOf(
            @Nullable List<Map<String, String>> partitions) {
        if (partitions == null) {
            return null;
        }
        List<Map<String, String>> copy = new ArrayList<>(partitions.size());
        for (Map<String, String> partition : partitions) {
            // not Map.copyOf: a NULL partition value is a null
            copy.add(new LinkedHashMap<>(partition));
        }
        return copy;
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
