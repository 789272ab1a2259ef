package io.jetliner.flink.table;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.enumerator.PartitionSpecs;
import io.jetliner.flink.source.enumerator.SplitPlanner;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;

/**
 * The options of a {@code 'connector' = 'jetliner'} table, each with the default of the source's
 * builder ({@link io.jetliner.flink.source.JetlinerSource.Builder}).
 *
 * <pre>{@code
 * CREATE TABLE events (user_id BIGINT, amount DOUBLE) WITH (
 *   'connector' = 'jetliner',
 *   'path' = 's3://bucket/events/',
 *   'split-size' = '128mb'
 * );
 * }</pre>
 */
@PublicEvolving
public final class JetlinerOptions {

    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The Avro files to read: a file, a directory (read recursively,"
                                    + " skipping names that start with '.' or '_') or a glob,"
                                    + " on any Flink file system.");

    public static final ConfigOption<MemorySize> SPLIT_SIZE =
            ConfigOptions.key("split-size")
                    .memoryType()
                    .defaultValue(new MemorySize(SplitPlanner.DEFAULT_SPLIT_SIZE))
                    .withDescription(
                            "About how many bytes of a file one split covers; at least 1kb."
                                    + " Smaller splits spread a file over more readers.");

    public static final ConfigOption<Integer> BUFFER_BLOCKS =
            ConfigOptions.key("buffer-blocks")
                    .intType()
                    .defaultValue(ReaderOptions.DEFAULT_BUFFER_BLOCKS)
                    .withDescription(
                            "The most blocks each reader reads and decompresses ahead of its"
                                    + " decoder; at least 1.");

    public static final ConfigOption<MemorySize> BUFFER_BYTES =
            ConfigOptions.key("buffer-bytes")
                    .memoryType()
                    .defaultValue(new MemorySize(ReaderOptions.DEFAULT_BUFFER_BYTES))
                    .withDescription(
                            "The most bytes of decompressed blocks each reader holds ahead of its"
                                    + " decoder; at least 1b.");

    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key("batch-size")
                    .intType()
                    .defaultValue(ReaderOptions.DEFAULT_BATCH_SIZE)
                    .withDescription("The most records decoded at once; at least 1.");

    public static final ConfigOption<MemorySize> MAX_BLOCK_SIZE =
            ConfigOptions.key("max-block-size")
                    .memoryType()
                    .defaultValue(new MemorySize(ReaderOptions.DEFAULT_MAX_BLOCK_SIZE))
                    .withDescription(
                            "The largest block accepted, as stored and decompressed; from 1b to"
                                    + " 2147483647b. A larger block is an error, never an"
                                    + " allocation.");

    public static final ConfigOption<Duration> SOURCE_MONITOR_INTERVAL =
            ConfigOptions.key("source.monitor-interval")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "When set, the table is unbounded: the path is listed again at this"
                                    + " interval and every new file is read. Unset (the"
                                    + " default), the table is bounded: the files found at the"
                                    + " start.");

    public static final ConfigOption<Boolean> TIMESTAMP_MAPPING_LEGACY =
            ConfigOptions.key("timestamp-mapping.legacy")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Whether Avro timestamp-millis, -micros and -nanos map to"
                                    + " TIMESTAMP(3 / 6 / 9), as in Flink's avro format, instead"
                                    + " of TIMESTAMP_LTZ(3 / 6 / 9). local-timestamp-* map to"
                                    + " TIMESTAMP either way.");

    public static final ConfigOption<String> PARTITION_DEFAULT_NAME =
            ConfigOptions.key("partition.default-name")
                    .stringType()
                    .defaultValue(PartitionSpecs.DEFAULT_PARTITION_NAME)
                    .withDescription(
                            "The directory value that stands for a NULL partition value, as in"
                                    + " 'dt=__DEFAULT_PARTITION__/', the name Flink's filesystem"
                                    + " connector and Hive write. A partition key that a file's"
                                    + " path does not name is NULL too.");

    public static final ConfigOption<ErrorMode> ERROR_MODE =
            ConfigOptions.key("error-mode")
                    .enumType(ErrorMode.class)
                    .defaultValue(ErrorMode.FAIL)
                    .withDescription(
                            "What a broken file does to the read: 'fail' fails the job with an"
                                    + " error naming the file, byte offset and block; 'skip-block'"
                                    + " skips each broken block whole (bad sync marker, failed"
                                    + " decompression, a record that does not decode) and each"
                                    + " file whose header cannot be read, logs a warning and"
                                    + " counts it in the metrics, and delivers the rows of every"
                                    + " other block.");

    private JetlinerOptions() {}
}
