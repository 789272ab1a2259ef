package io.jetliner.flink.source;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.avro.decode.RecordDecoder;
import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.avro.schema.InferredReaderSchema;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.enumerator.FifoSplitAssigner;
import io.jetliner.flink.source.enumerator.FileDiscovery;
import io.jetliner.flink.source.enumerator.FileFilter;
import io.jetliner.flink.source.enumerator.JetlinerSplitEnumerator;
import io.jetliner.flink.source.enumerator.PartitionSelection;
import io.jetliner.flink.source.enumerator.PartitionSpecs;
import io.jetliner.flink.source.enumerator.PendingSplitsCheckpoint;
import io.jetliner.flink.source.enumerator.PendingSplitsCheckpointSerializer;
import io.jetliner.flink.source.enumerator.SplitPlanner;
import io.jetliner.flink.source.enumerator.WriterSchemaCheck;
import io.jetliner.flink.source.reader.AvroRecordFormat;
import io.jetliner.flink.source.reader.FileColumnsFormat;
import io.jetliner.flink.source.reader.FlattenedRowData;
import io.jetliner.flink.source.reader.JetlinerSourceReader;
import io.jetliner.flink.source.reader.PartitionValues;
import io.jetliner.flink.source.reader.RecordCountFormat;
import io.jetliner.flink.source.reader.RecordFormat;
import io.jetliner.flink.source.reader.RowDataFormat;
import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.source.split.BlockRangeSplitSerializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A FLIP-27 source that reads Avro object-container files: files, directories (recursively,
 * skipping names that start with {@code .} or {@code _}) and globs, on any Flink file system.
 *
 * <p>Each file is planned into block-range splits of about {@code splitSize} bytes without reading
 * it, so one large file is read in parallel. Each reader reads and decompresses blocks ahead of its
 * decoder on a thread of its own, bounded by {@code bufferBlocks} and {@code bufferBytes}, and
 * decodes them straight into the output type. A checkpoint stores, for each split, the block being
 * read and how many of its records were emitted: a restored job emits every record exactly once.
 *
 * <pre>{@code
 * JetlinerSource<RowData> source =
 *         JetlinerSource.forRowData(new Path("s3://bucket/events/"))
 *                 .projectedFields("user_id", "amount")
 *                 .build();
 * DataStream<RowData> rows =
 *         env.fromSource(source, WatermarkStrategy.noWatermarks(), "events");
 * }</pre>
 *
 * <p>Bounded by default; {@link Builder#monitorContinuously(Duration)} makes it watch its paths and
 * read every new file, all of its splits.
 */
@PublicEvolving
public final class JetlinerSource<T>
        implements Source<T, BlockRangeSplit, PendingSplitsCheckpoint>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final FileDiscovery discovery;
    private final SplitPlanner planner;
    private final Duration monitorInterval;
    private final ReaderOptions options;
    private final RecordFormat<T> format;
    private final long limit;

    private JetlinerSource(
            FileDiscovery discovery,
            SplitPlanner planner,
            Duration monitorInterval,
            ReaderOptions options,
            RecordFormat<T> format,
            long limit) {
        this.discovery = discovery;
        this.planner = planner;
        this.monitorInterval = monitorInterval;
        this.options = options;
        this.format = format;
        this.limit = limit;
    }

    /**
     * Rows as Flink {@code RowData} of the type the files' schema maps to (see the type mapping),
     * inferred from the newest file's header unless given with {@link
     * Builder#readerSchema(Schema)}; every file is read as records of that schema, resolved from
     * its own by the Avro rules.
     */
    public static Builder<RowData> forRowData(Path... paths) {
        return new Builder<>(paths, null, null, false);
    }

    /**
     * One row per block, {@code ROW<record_count BIGINT NOT NULL>} holding its record count, read
     * from the block headers alone: no payload is read, decompressed or decoded. The counts sum to
     * the files' record count ({@code SELECT COUNT(*)}); a block without records yields no row.
     * Schema and projection do not apply.
     */
    public static Builder<RowData> forRecordCounts(Path... paths) {
        return new Builder<>(paths, null, null, true);
    }

    /**
     * Records as Avro {@code GenericRecord}s of {@code readerSchema}, resolved from each file's.
     */
    public static Builder<GenericRecord> forGenericRecord(Schema readerSchema, Path... paths) {
        if (readerSchema == null) {
            throw new IllegalArgumentException("the reader schema of GenericRecords is missing");
        }
        return new Builder<>(paths, readerSchema, null, false);
    }

    /** Records as instances of a class that Avro generated from a schema. */
    public static <T extends SpecificRecord> Builder<T> forSpecificRecord(
            Class<T> recordClass, Path... paths) {
        if (recordClass == null) {
            throw new IllegalArgumentException("the SpecificRecord class is missing");
        }
        return new Builder<>(paths, null, recordClass, false);
    }

    @Override
    public Boundedness getBoundedness() {
        return monitorInterval == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, BlockRangeSplit> createReader(SourceReaderContext readerContext) {
        return new JetlinerSourceReader<>(readerContext, format, options, limit);
    }

    @Override
    public SplitEnumerator<BlockRangeSplit, PendingSplitsCheckpoint> createEnumerator(
            SplitEnumeratorContext<BlockRangeSplit> enumContext) {
        return restoreEnumerator(enumContext, PendingSplitsCheckpoint.initial());
    }

    @Override
    public SplitEnumerator<BlockRangeSplit, PendingSplitsCheckpoint> restoreEnumerator(
            SplitEnumeratorContext<BlockRangeSplit> enumContext,
            PendingSplitsCheckpoint checkpoint) {
        return new JetlinerSplitEnumerator(
                enumContext,
                discovery,
                planner,
                new FifoSplitAssigner(),
                monitorInterval,
                checkpoint,
                new WriterSchemaCheck(format::checkWriterSchema));
    }

    @Override
    public SimpleVersionedSerializer<BlockRangeSplit> getSplitSerializer() {
        return BlockRangeSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<PendingSplitsCheckpoint> getEnumeratorCheckpointSerializer() {
        return PendingSplitsCheckpointSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return format.producedType();
    }

    /** The most records each reader emits, if limited. */
    public OptionalLong limit() {
        return limit == Builder.NO_LIMIT ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /** The options the readers use. */
    public ReaderOptions readerOptions() {
        return options;
    }

    /** About how many bytes of a file one split covers. */
    public long splitSize() {
        return planner.splitSize();
    }

    /** How often the paths are listed again; empty when the source is bounded. */
    public Optional<Duration> monitorInterval() {
        return Optional.ofNullable(monitorInterval);
    }

    /** The filter rows must pass to be emitted ({@link Builder#filter}), if any. */
    public Optional<RowFilter> filter() {
        return format.filter();
    }

    /**
     * Builds a {@link JetlinerSource}; every setting has a default, and {@link #build()} checks
     * them all.
     */
    @PublicEvolving
    public static final class Builder<T> {

        private static final long NO_LIMIT = Long.MAX_VALUE;

        private final Path[] paths;
        private final Schema recordSchema;
        private final Class<?> specificClass;
        private final boolean recordCounts;
        private final ReaderOptions.Builder options = ReaderOptions.builder();
        private long splitSize = SplitPlanner.DEFAULT_SPLIT_SIZE;
        private Duration monitorInterval;
        private FileFilter fileFilter = FileFilter.acceptAll();
        private Schema readerSchema;
        private RowType projection;
        private String[] projectedFields;
        private int[][] outputPaths;
        private RowType outputType;
        private long limit = NO_LIMIT;
        private List<SourceColumn> columns;
        private String defaultPartitionName = PartitionSpecs.DEFAULT_PARTITION_NAME;
        private List<Map<String, String>> partitions;
        private RowFilter filter;

        private Builder(
                Path[] paths, Schema recordSchema, Class<?> specificClass, boolean recordCounts) {
            this.paths = paths == null ? new Path[0] : paths.clone();
            this.recordSchema = recordSchema;
            this.specificClass = specificClass;
            this.recordCounts = recordCounts;
        }

        /**
         * About how many bytes of a file one split covers; default 64 MiB. Smaller splits spread a
         * file over more readers; each split costs a request to open it.
         */
        public Builder<T> splitSize(long splitSize) {
            this.splitSize = splitSize;
            return this;
        }

        /** The most blocks read and decompressed ahead of the decoder; default 4. */
        public Builder<T> bufferBlocks(int bufferBlocks) {
            options.bufferBlocks(bufferBlocks);
            return this;
        }

        /** The most bytes of decompressed blocks held ahead of the decoder; default 64 MiB. */
        public Builder<T> bufferBytes(long bufferBytes) {
            options.bufferBytes(bufferBytes);
            return this;
        }

        /** The most records decoded at once; default 2048. */
        public Builder<T> batchSize(int batchSize) {
            options.batchSize(batchSize);
            return this;
        }

        /**
         * The largest block accepted, as stored and decompressed; default 512 MiB. A larger block
         * is an error, never an allocation.
         */
        public Builder<T> maxBlockSize(int maxBlockSize) {
            options.maxBlockSize(maxBlockSize);
            return this;
        }

        /**
         * Fail the job on a broken file ({@link ErrorMode#FAIL}, the default), or skip its broken
         * blocks and unreadable files, counting them in the metrics ({@link ErrorMode#SKIP_BLOCK}).
         */
        public Builder<T> errorMode(ErrorMode errorMode) {
            options.errorMode(errorMode);
            return this;
        }

        /**
         * The top-level columns to read, in this order ({@code RowData} only); the others are
         * skipped while decoding. Default: all.
         */
        public Builder<T> projectedFields(String... fieldNames) {
            this.projectedFields = fieldNames == null ? null : fieldNames.clone();
            return this;
        }

        /**
         * The row type to read ({@code RowData} only): a subset of the files' fields, nested ones
         * included, matched by name. Default: all. With a projection, {@link #build()} reads no
         * file: each file is checked against it when it is opened.
         */
        public Builder<T> projection(RowType projection) {
            this.projection = projection;
            return this;
        }

        /**
         * Emits, instead of the rows of {@link #projection(RowType)}, rows of the fields at these
         * index paths of the projection ({@code RowData} only): field {@code i} is the value at
         * {@code paths[i]}, null where a row on the way is null, and {@code outputType} is the type
         * of these rows. Nothing is copied: this is how SQL reads a nested field such as {@code
         * r.a} as a column of its own. Default: the projected rows as they are.
         */
        public Builder<T> outputFields(int[][] paths, RowType outputType) {
            this.outputPaths = paths == null ? null : paths.clone();
            this.outputType = outputType;
            return this;
        }

        /**
         * Emits only the rows for which {@code filter} is TRUE ({@code RowData} only): evaluated
         * while decoding, on top-level primitive fields that need not be projected, so that the
         * other records are never materialised. {@link #build()} checks it against the reader
         * schema ({@link #readerSchema(Schema)} or the newest file's). Default: none, every row.
         */
        public Builder<T> filter(RowFilter filter) {
            this.filter = filter;
            return this;
        }

        /**
         * The schema the records are read as ({@code RowData} only): the rows have the type it maps
         * to (or a projection of it), and each file's records are resolved from the schema the file
         * was written with by the Avro specification's rules: fields matched by name or alias,
         * defaults for fields a file lacks, fields the reader lacks skipped, numbers and strings
         * promoted, enum symbols and union branches mapped. Files whose schema cannot be resolved
         * fail the job when they are planned, before any row is read. Default: the schema of the
         * newest file found at {@link #build()}, without a {@link #projection(RowType)}; with one,
         * each file's records as written, matched by name.
         */
        public Builder<T> readerSchema(Schema readerSchema) {
            this.readerSchema = readerSchema;
            return this;
        }

        /**
         * The same as {@link #readerSchema(Schema)}.
         *
         * @deprecated use {@link #readerSchema(Schema)}, which says what the schema does
         */
        @Deprecated
        public Builder<T> schema(Schema schema) {
            return readerSchema(schema);
        }

        /**
         * The columns of the rows ({@code RowData} only), in this order: fields of the decoded rows
         * (those of {@link #outputFields}, {@link #projection} or {@link #projectedFields}, if set,
         * else the files'), file metadata, and partition values from the {@code key=value}
         * directories of each file's path. Only the Avro fields named are decoded. Default: the
         * decoded rows' fields alone.
         */
        public Builder<T> columns(SourceColumn... columns) {
            this.columns = columns == null ? null : Arrays.asList(columns.clone());
            return this;
        }

        /**
         * The directory value that stands for a NULL partition value, as in {@code
         * dt=__DEFAULT_PARTITION__}; the default is that of Flink's file system connector and Hive,
         * {@value PartitionSpecs#DEFAULT_PARTITION_NAME}.
         */
        public Builder<T> defaultPartitionName(String defaultPartitionName) {
            this.defaultPartitionName = defaultPartitionName;
            return this;
        }

        /**
         * Reads only the files of these partitions, each a map from partition key to the value its
         * directories name (unescaped; null or the {@link #defaultPartitionName} for NULL, which
         * also matches a path without the key). Directories that hold none of them are not even
         * listed. Default: all files.
         */
        public Builder<T> partitions(Collection<? extends Map<String, String>> partitions) {
            this.partitions = partitions == null ? null : List.copyOf(partitions);
            return this;
        }

        /** Only files this filter accepts are read; default: all but hidden ones. */
        public Builder<T> fileFilter(FileFilter fileFilter) {
            this.fileFilter = fileFilter;
            return this;
        }

        /**
         * Watches the paths, listing them again every {@code interval}, and reads every new file:
         * the source is then unbounded. Default: bounded, the files found at the start.
         */
        public Builder<T> monitorContinuously(Duration interval) {
            this.monitorInterval = interval;
            return this;
        }

        /**
         * Each reader stops after emitting {@code limit} records: its remaining splits, and those
         * assigned to it later, finish without being read. The source as a whole may thus emit up
         * to {@code limit} records per reader (and again after a restore from a checkpoint): it is
         * for a query's {@code LIMIT}, which still cuts the rows to {@code limit} after the source.
         * Default: no limit.
         */
        public Builder<T> limit(long limit) {
            this.limit = limit;
            return this;
        }

        /** Reads the files found at the start and ends: the default. */
        public Builder<T> processStaticFileSet() {
            this.monitorInterval = null;
            return this;
        }

        @SuppressWarnings("unchecked")
        public JetlinerSource<T> build() {
            if (paths.length == 0 || Arrays.stream(paths).anyMatch(p -> p == null)) {
                throw new IllegalArgumentException("at least one path is needed, and none null");
            }
            if (splitSize < 1024) {
                throw new IllegalArgumentException(
                        "splitSize must be at least 1024 bytes, but was " + splitSize);
            }
            if (monitorInterval != null
                    && (monitorInterval.isNegative() || monitorInterval.isZero())) {
                throw new IllegalArgumentException(
                        "the monitor interval must be positive, but was " + monitorInterval);
            }
            if (fileFilter == null) {
                throw new IllegalArgumentException("the file filter is null");
            }
            if (limit < 0) {
                throw new IllegalArgumentException(
                        "the limit must not be negative, but was " + limit);
            }
            boolean rowData = recordSchema == null && specificClass == null && !recordCounts;
            if (recordCounts
                    && (projection != null
                            || projectedFields != null
                            || readerSchema != null
                            || outputPaths != null
                            || columns != null
                            || filter != null)) {
                throw new IllegalArgumentException(
                        "record counts have no fields: readerSchema, projection, projectedFields,"
                                + " outputFields, columns and filter do not apply");
            }
            if (!rowData
                    && !recordCounts
                    && (projection != null
                            || projectedFields != null
                            || readerSchema != null
                            || filter != null)) {
                throw new IllegalArgumentException(
                        "readerSchema, projection, projectedFields and filter are for RowData; Avro"
                                + " records take their fields from the reader schema or class");
            }
            if (projection != null && projectedFields != null) {
                throw new IllegalArgumentException(
                        "give either projection or projectedFields, not both");
            }
            if (outputPaths != null && projection == null) {
                throw new IllegalArgumentException("outputFields needs a projection(RowType)");
            }
            if (!rowData && columns != null) {
                throw new IllegalArgumentException(
                        "columns are for RowData; Avro records have only their fields");
            }
            checkColumns();
            if (defaultPartitionName == null || defaultPartitionName.isEmpty()) {
                throw new IllegalArgumentException("the default partition name is empty");
            }
            FileDiscovery discovery =
                    new FileDiscovery(
                            Arrays.asList(paths),
                            fileFilter,
                            partitions == null
                                    ? null
                                    : new PartitionSelection(partitions, defaultPartitionName));
            RecordFormat<?> format;
            ReaderOptions readerOptions;
            if (recordCounts) {
                readerOptions = options.build();
                format = new RecordCountFormat();
            } else if (rowData) {
                Schema reader =
                        readerSchema != null || projection != null
                                ? readerSchema
                                : newestSchema(discovery);
                RowType rowType = recordType(rowType(reader));
                if (reader != null) {
                    // fails here, not in the job, for a projection the schema does not have
                    RecordDecoder.compile(reader, null, rowType);
                }
                if (filter != null) {
                    validate(filter, reader, discovery);
                }
                readerOptions = options.projection(rowType).readerSchema(reader).build();
                RowDataFormat records =
                        rowDataFormat(rowType, readerOptions.batchSize(), reader)
                                .withFilter(filter);
                format =
                        columns == null
                                ? records
                                : new FileColumnsFormat(
                                        records,
                                        outputPaths == null ? rowType : outputType,
                                        columns,
                                        defaultPartitionName);
            } else if (recordSchema != null) {
                readerOptions = options.build();
                format = AvroRecordFormat.generic(recordSchema, readerOptions.batchSize());
            } else {
                readerOptions = options.build();
                format =
                        AvroRecordFormat.specific(
                                (Class<? extends SpecificRecord>) specificClass,
                                readerOptions.batchSize());
            }
            return new JetlinerSource<>(
                    discovery,
                    new SplitPlanner(splitSize),
                    monitorInterval,
                    readerOptions,
                    (RecordFormat<T>) format,
                    limit);
        }

        private void checkColumns() {
            if (columns == null) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (SourceColumn column : columns) {
                if (column == null) {
                    throw new IllegalArgumentException("a column is null: " + columns);
                }
                if (!names.add(column.name())) {
                    throw new IllegalArgumentException(
                            "two columns are named '" + column.name() + "': " + columns);
                }
                if (column.origin() == SourceColumn.Origin.PARTITION
                        && !PartitionValues.supports(column.partitionType())) {
                    throw new IllegalArgumentException(
                            "the partition column '"
                                    + column.name()
                                    + "' cannot be of type "
                                    + column.partitionType().asSummaryString()
                                    + "; it can be a character string, BOOLEAN, an integer,"
                                    + " FLOAT, DOUBLE, DECIMAL, DATE or TIMESTAMP");
                }
            }
        }

        /**
         * The fields of {@code rowType} to decode: those that {@link #columns} names, in the order
         * it names them; all of them without columns, or where {@link #outputFields} picks the
         * fields emitted.
         */
        private RowType recordType(RowType rowType) {
            if (columns == null || outputPaths != null) {
                return rowType;
            }
            List<RowType.RowField> fields = new ArrayList<>();
            for (SourceColumn column : columns) {
                if (column.origin() == SourceColumn.Origin.AVRO_FIELD) {
                    int index = rowType.getFieldIndex(column.name());
                    if (index < 0) {
                        throw new IllegalArgumentException(
                                "no Avro field '"
                                        + column.name()
                                        + "' for a column; the rows have "
                                        + rowType.getFieldNames());
                    }
                    fields.add(rowType.getFields().get(index));
                }
            }
            return new RowType(rowType.isNullable(), fields);
        }

        private RowDataFormat rowDataFormat(RowType rowType, int batchSize, Schema reader) {
            if (outputPaths == null) {
                return new RowDataFormat(rowType, batchSize, null, rowType, reader);
            }
            if (outputType == null || outputType.getFieldCount() != outputPaths.length) {
                throw new IllegalArgumentException(
                        "outputFields: "
                                + outputPaths.length
                                + " paths but the output type is "
                                + outputType);
            }
            for (int i = 0; i < outputPaths.length; i++) {
                LogicalType atPath = FlattenedRowData.typeAt(rowType, outputPaths[i]);
                if (!atPath.copy(true).equals(outputType.getTypeAt(i).copy(true))) {
                    throw new IllegalArgumentException(
                            "outputFields: the field at "
                                    + Arrays.toString(outputPaths[i])
                                    + " is "
                                    + atPath
                                    + " but the output type has "
                                    + outputType.getTypeAt(i));
                }
            }
            return new RowDataFormat(rowType, batchSize, outputPaths, outputType, reader);
        }

        /** The rows decoded: the projection, or the reader schema's, all or projected fields. */
        private RowType rowType(Schema reader) {
            if (projection != null) {
                return projection;
            }
            RowType fileType = AvroTypes.toRowType(reader);
            if (projectedFields == null) {
                return fileType;
            }
            List<RowType.RowField> fields = new ArrayList<>();
            for (String name : projectedFields) {
                int index = fileType.getFieldIndex(name);
                if (index < 0) {
                    throw new IllegalArgumentException(
                            "no field '"
                                    + name
                                    + "' to project; the files have "
                                    + fileType.getFieldNames());
                }
                fields.add(fileType.getFields().get(index));
            }
            return new RowType(fileType.isNullable(), fields);
        }

        /**
         * Checks the filter against the reader schema, else the newest file's; with neither (a
         * monitored path still empty), each file's decoder checks it when the file is read.
         */
        private void validate(RowFilter filter, Schema reader, FileDiscovery discovery) {
            Optional<Schema> schema =
                    reader != null ? Optional.of(reader) : SchemaInference.newestSchema(discovery);
            schema.ifPresent(s -> filter.validate(AvroTypes.toRowType(s)));
        }

        /** The schema inferred as the reader schema: see {@link InferredReaderSchema}. */
        private static Schema newestSchema(FileDiscovery discovery) {
            return SchemaInference.newestSchema(discovery)
                    .map(InferredReaderSchema::of)
                    .orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            "no Avro file under "
                                                    + discovery.paths()
                                                    + " to infer the row type from; give"
                                                    + " it with readerSchema(Schema)"));
        }
    }
}
