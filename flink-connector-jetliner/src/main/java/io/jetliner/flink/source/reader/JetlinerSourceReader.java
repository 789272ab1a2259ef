package io.jetliner.flink.source.reader;

import io.jetliner.flink.reader.BlockPrefetcher;
import io.jetliner.flink.reader.PrefetchStats;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.source.split.BlockRangeSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The source reader of {@code JetlinerSource}: asks the enumerator for a split whenever it has none
 * left, reads the blocks of its splits ahead on a prefetch thread, and decodes and emits their
 * records on the task thread, tracking each split's position record by record.
 */
@Internal
public final class JetlinerSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<
                PositionedRecord<T>, T, BlockRangeSplit, BlockRangeSplitState> {

    public JetlinerSourceReader(
            SourceReaderContext context, RecordFormat<T> format, ReaderOptions options) {
        super(
                splitReaderSupplier(context, format, options),
                new JetlinerRecordEmitter<>(),
                new Configuration(),
                context);
    }

    private static <T>
            Supplier<SplitReader<PositionedRecord<T>, BlockRangeSplit>> splitReaderSupplier(
                    SourceReaderContext context, RecordFormat<T> format, ReaderOptions options) {
        DecoderCache<T> decoders = new DecoderCache<>(format);
        SourceReaderMetricGroup metrics = context.metricGroup();
        Counter numBytesIn = metrics.getIOMetricGroup().getNumBytesInCounter();
        // Flink closes a split fetcher once it has no split left and makes a new split reader for
        // the next split: the figures of all their prefetchers add up here, behind metrics that
        // can be registered only once.
        PrefetchStats stats = new PrefetchStats();
        registerMetrics(metrics.addGroup("jetliner"), stats);
        return () ->
                new JetlinerSplitReader<>(
                        new BlockPrefetcher(
                                "subtask-" + context.getIndexOfSubtask(),
                                options.bufferBlocks(),
                                options.bufferBytes(),
                                options.maxBlockSize(),
                                stats),
                        decoders,
                        numBytesIn);
    }

    private static void registerMetrics(MetricGroup group, PrefetchStats stats) {
        group.gauge("blocksRead", stats::blocks);
        group.gauge("compressedBytesRead", stats::compressedBytes);
        group.gauge("decompressedBytes", stats::decompressedBytes);
        group.gauge("ioWaitTimeMs", () -> TimeUnit.NANOSECONDS.toMillis(stats.consumerWaitNanos()));
        group.gauge(
                "readAheadFullTimeMs",
                () -> TimeUnit.NANOSECONDS.toMillis(stats.producerWaitNanos()));
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, BlockRangeSplitState> finishedSplitIds) {
        context.sendSplitRequest();
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
