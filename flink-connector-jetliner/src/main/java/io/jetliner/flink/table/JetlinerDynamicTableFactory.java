package io.jetliner.flink.table;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.source.SchemaInference;
import io.jetliner.flink.source.enumerator.FileDiscovery;
import io.jetliner.flink.source.reader.PartitionValues;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link JetlinerDynamicTableSource}s for {@code 'connector' = 'jetliner'}: validates the
 * options ({@link JetlinerOptions}) and, at planning time, the declared columns against the schema
 * of the newest file under the path.
 */
@Internal
public final class JetlinerDynamicTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "jetliner";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(JetlinerOptions.PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                JetlinerOptions.SPLIT_SIZE,
                JetlinerOptions.BUFFER_BLOCKS,
                JetlinerOptions.BUFFER_BYTES,
                JetlinerOptions.BATCH_SIZE,
                JetlinerOptions.MAX_BLOCK_SIZE,
                JetlinerOptions.SOURCE_MONITOR_INTERVAL,
                JetlinerOptions.TIMESTAMP_MAPPING_LEGACY,
                JetlinerOptions.PARTITION_DEFAULT_NAME,
                JetlinerOptions.ERROR_MODE);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        validateRanges(options);

        Path path = new Path(options.get(JetlinerOptions.PATH));
        DataType physicalType = context.getPhysicalRowDataType();
        List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
        checkColumns(
                path,
                (RowType) physicalType.getLogicalType(),
                partitionKeys,
                options.get(JetlinerOptions.TIMESTAMP_MAPPING_LEGACY));
        checkPartitionKeys((RowType) physicalType.getLogicalType(), partitionKeys);
        return new JetlinerDynamicTableSource(path, options, physicalType, partitionKeys);
    }

    private static void validateRanges(ReadableConfig options) {
        requireAtLeast(options, JetlinerOptions.SPLIT_SIZE, 1024, "1kb");
        requireAtLeast(options, JetlinerOptions.BUFFER_BYTES, 1, "1b");
        requireAtLeast(options, JetlinerOptions.MAX_BLOCK_SIZE, 1, "1b");
        long maxBlockSize = options.get(JetlinerOptions.MAX_BLOCK_SIZE).getBytes();
        if (maxBlockSize > Integer.MAX_VALUE) {
            throw invalid(
                    JetlinerOptions.MAX_BLOCK_SIZE,
                    options.get(JetlinerOptions.MAX_BLOCK_SIZE),
                    "at most " + Integer.MAX_VALUE + "b");
        }
        for (ConfigOption<Integer> count :
                List.of(JetlinerOptions.BUFFER_BLOCKS, JetlinerOptions.BATCH_SIZE)) {
            if (options.get(count) < 1) {
                throw invalid(count, options.get(count), "at least 1");
            }
        }
        if (options.get(JetlinerOptions.PARTITION_DEFAULT_NAME).isEmpty()) {
            throw invalid(JetlinerOptions.PARTITION_DEFAULT_NAME, "''", "a directory name");
        }
        Optional<Duration> interval = options.getOptional(JetlinerOptions.SOURCE_MONITOR_INTERVAL);
        if (interval.isPresent() && (interval.get().isZero() || interval.get().isNegative())) {
            throw invalid(JetlinerOptions.SOURCE_MONITOR_INTERVAL, interval.get(), "positive");
        }
    }

    private static void requireAtLeast(
            ReadableConfig options, ConfigOption<MemorySize> option, long bytes, String least) {
        if (options.get(option).getBytes() < bytes) {
            throw invalid(option, options.get(option), "at least " + least);
        }
    }

    private static ValidationException invalid(ConfigOption<?> option, Object value, String rule) {
        return new ValidationException(
                String.format(
                        "Invalid value for option '%s': %s; it must be %s.",
                        option.key(), value, rule));
    }

    /** Checks that each partition key's column has a type that a directory name can spell. */
    private static void checkPartitionKeys(RowType declared, List<String> partitionKeys) {
        for (String key : partitionKeys) {
            LogicalType type = declared.getTypeAt(declared.getFieldIndex(key));
            if (!PartitionValues.supports(type)) {
                throw new ValidationException(
                        String.format(
                                "Partition column '%s' cannot be of type %s: a partition value"
                                        + " is read from a directory name, as a character"
                                        + " string, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT,"
                                        + " FLOAT, DOUBLE, DECIMAL, DATE or TIMESTAMP.",
                                key, type));
            }
        }
    }

    /**
     * Checks the declared columns against the newest file's schema. With no file yet (a path a
     * monitored table waits to fill) there is nothing to check against: each file is checked by the
     * decoder when it is opened.
     */
    private static void checkColumns(
            Path path, RowType declared, List<String> partitionKeys, boolean legacyTimestamps) {
        Optional<Schema> schema;
        try {
            schema = SchemaInference.newestSchema(new FileDiscovery(List.of(path)));
        } catch (JetlinerException e) {
            throw new ValidationException(
                    "Cannot read the Avro schema of the files under '"
                            + path
                            + "' to check the table's columns: "
                            + e.getMessage(),
                    e);
        }
        if (schema.isPresent()) {
            ColumnTypeCheck.check(
                    declared,
                    partitionKeys,
                    AvroTypes.toRowType(schema.get(), legacyTimestamps),
                    "the files under '" + path + "'");
        }
    }
}
