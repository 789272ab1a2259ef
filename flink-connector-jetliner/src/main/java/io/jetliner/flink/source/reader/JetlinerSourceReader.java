package io.jetliner.flink.source.reader;

import io.jetliner.flink.reader.BadInputPolicy;
import io.jetliner.flink.reader.BlockPrefetcher;
import io.jetliner.flink.reader.PrefetchStats;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.source.split.BlockRangeSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The source reader of {@code JetlinerSource}: asks the enumerator for a split whenever it has none
 * left, reads the blocks of its splits ahead on a prefetch thread, decodes each block's first batch
 * on the split fetcher thread, and emits their records on the task thread (which decodes a block's
 * further batches), tracking each split's position record by record. With a row limit, it stops
 * reading once it has emitted that many rows, and its splits finish unread.
 */
@Internal
public final class JetlinerSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<
                PositionedRecord<T>, T, BlockRangeSplit, BlockRangeSplitState> {

    /** Splits assigned and not yet finished that keep the prefetcher busy across splits. */
    private static final int SPLITS_IN_HAND = 2;

    /** Room in the handover queue for fetches without a block, beyond those with one. */
    private static final int HANDOVER_MARGIN = 64;

    private final BlockPrefetcher prefetcher;

    public JetlinerSourceReader(
            SourceReaderContext context, RecordFormat<T> format, ReaderOptions options) {
        this(context, format, options, RowLimit.NONE);
    }

    /**
     * @param limit the most rows this reader emits; after them its splits finish unread
     */
    public JetlinerSourceReader(
            SourceReaderContext context,
            RecordFormat<T> format,
            ReaderOptions options,
            long limit) {
        this(
                context,
                format,
                new BlockPrefetcher(
                        "subtask-" + context.getIndexOfSubtask(),
                        options.bufferBlocks(),
                        options.bufferBytes(),
                        options.maxBlockSize(),
                        options.errorMode(),
                        format.blockContent()),
                handoverConfiguration(options),
                limit);
    }

    private JetlinerSourceReader(
            SourceReaderContext context,
            RecordFormat<T> format,
            BlockPrefetcher prefetcher,
            Configuration handover,
            long limit) {
        super(
                splitReaderSupplier(
                        context,
                        format,
                        prefetcher,
                        // wakes the fetcher up, which then stops reading
                        new RowLimit(limit, prefetcher::wakeUp)),
                new JetlinerRecordEmitter<>(),
                handover,
                context);
        this.prefetcher = prefetcher;
        registerMetrics(
                context.metricGroup().addGroup("jetliner"),
                prefetcher.stats(),
                prefetcher.badInputPolicy());
    }

    /**
     * The queue between the fetcher and the task thread has room for every fetch normally in
     * flight: each fetch with records holds one of the prefetcher's at most {@code bufferBlocks}
     * blocks, and the others (a split's end, a wake-up) are few, about one per split in hand. So
     * the prefetcher alone bounds what is read ahead, and the fetcher does not block on a full
     * queue, where Flink 2.3.0 can lose its wake-up (FLINK-37663, fixed after 2.3.0): a fetcher
     * woken while blocked there and then replaced left a stale waiter that took the signal meant
     * for the next fetcher, and the read stalled for good (seen in {@code BadInputITCase}, 3 runs
     * in 4).
     */
    private static Configuration handoverConfiguration(ReaderOptions options) {
        Configuration configuration = new Configuration();
        configuration.set(
                SourceReaderOptions.ELEMENT_QUEUE_CAPACITY,
                options.bufferBlocks() + HANDOVER_MARGIN);
        return configuration;
    }

    /**
     * Flink closes a split fetcher whenever it has no split left and makes a new split reader for
     * the next one; they all share the reader's one prefetcher, so that its thread, its cached
     * headers and codecs and the blocks it read ahead outlive them.
     */
    private static <T>
            Supplier<SplitReader<PositionedRecord<T>, BlockRangeSplit>> splitReaderSupplier(
                    SourceReaderContext context,
                    RecordFormat<T> format,
                    BlockPrefetcher prefetcher,
                    RowLimit limit) {
        DecoderPool<T> decoders = new DecoderPool<>(format);
        Counter numBytesIn = context.metricGroup().getIOMetricGroup().getNumBytesInCounter();
        return () -> new JetlinerSplitReader<>(prefetcher, decoders, numBytesIn, limit);
    }

    private static void registerMetrics(
            MetricGroup group, PrefetchStats stats, BadInputPolicy badInput) {
        group.gauge("skippedBlocks", badInput::skippedBlocks);
        group.gauge("skippedFiles", badInput::skippedFiles);
        group.gauge("skippedRecords", badInput::skippedRecords);
        group.gauge("blocksRead", stats::blocks);
        group.gauge("compressedBytesRead", stats::compressedBytes);
        group.gauge("decompressedBytes", stats::decompressedBytes);
        group.gauge("blocksDecompressedByFetcher", stats::consumerDecompressedBlocks);
        group.gauge("ioWaitTimeMs", () -> TimeUnit.NANOSECONDS.toMillis(stats.consumerWaitNanos()));
        group.gauge(
                "readAheadFullTimeMs",
                () -> TimeUnit.NANOSECONDS.toMillis(stats.producerWaitNanos()));
    }

    /**
     * Asks for a split whenever fewer than {@value #SPLITS_IN_HAND} are in hand, so that the next
     * split is queued in the prefetcher while the current one is read: no pause at split
     * boundaries. The enumerator answers one request with one split.
     */
    @Override
    public void start() {
        requestSplitIfShort();
    }

    @Override
    public void addSplits(List<BlockRangeSplit> splits) {
        super.addSplits(splits);
        requestSplitIfShort();
    }

    @Override
    protected void onSplitFinished(Map<String, BlockRangeSplitState> finishedSplitIds) {
        requestSplitIfShort();
    }

    private void requestSplitIfShort() {
        if (getNumberOfCurrentlyAssignedSplits() < SPLITS_IN_HAND) {
            context.sendSplitRequest();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            prefetcher.close();
        }
    }

    @Override
    protected BlockRangeSplitState initializedState(BlockRangeSplit split) {
        return new BlockRangeSplitState(split);
    }

    @Override
    protected BlockRangeSplit toSplitType(String splitId, BlockRangeSplitState splitState) {
        return splitState.toSplit();
    }
}
