package io.jetliner.flink.source;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.data.RowData;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one Avro file of events with a local Flink job and prints what it read and the heap it
 * took, one {@code key=value} a line: the program that {@link JetlinerSourceLargeFileITCase} runs
 * in a JVM of a small heap.
 *
 * <p>Arguments: the file, and the parallelism.
 */
public final class LargeFileReadJob {

    private LargeFileReadJob() {}

    public static void main(String[] args) throws Exception {
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(Integer.parseInt(args[1]));
        env.getConfig().enableObjectReuse();
        env.fromSource(
                        JetlinerSource.forRowData(new Path(args[0])).build(),
                        WatermarkStrategy.noWatermarks(),
                        "large file")
                .map(new CountingIds())
                .sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("large file");

        double seconds = (System.nanoTime() - start) / 1e9;
        heap.stop();
        print("rows", result.<Long>getAccumulatorResult(CountingIds.ROWS));
        print("idSum", result.<Long>getAccumulatorResult(CountingIds.ID_SUM));
        print("seconds", String.format("%.1f", seconds));
        print("heapMax", Runtime.getRuntime().maxMemory());
        print("heapPeakUsed", heap.peakUsed.get());
        print("heapPeakAfterGc", heap.peakAfterGc.get());
        print("heapPeakAfterFullGc", heap.peakAfterFullGc.get());
        synchronized (heap.afterFullGcs) {
            print("heapAfterFullGcsMiB", heap.afterFullGcs.toString().replace(" ", ""));
        }
        print("gcCount", heap.gcCount());
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    /** Counts the rows and adds up their ids. */
    private static final class CountingIds extends RichMapFunction<RowData, RowData> {
        static final String ROWS = "rows";
        static final String ID_SUM = "idSum";

        private transient LongCounter rows;
        private transient LongCounter idSum;

        @Override
        public void open(OpenContext openContext) {
            rows = getRuntimeContext().getLongCounter(ROWS);
            idSum = getRuntimeContext().getLongCounter(ID_SUM);
        }

        @Override
        public RowData map(RowData row) {
            rows.add(1);
            idSum.add(row.getLong(0));
            return row;
        }
    }

    /**
     * The highest heap use seen: sampled every few milliseconds, and, closer to what the job holds,
     * right after each garbage collection.
     */
    private static final class HeapWatch {
        private static final long FULL_GC_INTERVAL_NANOS = 2_000_000_000L;

        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();

        /** After a full collection, what is left is what the job holds. */
        final AtomicLong peakAfterFullGc = new AtomicLong();

        final List<Long> afterFullGcs = new ArrayList<>();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            sampler = new Thread(this::sample, "heap-sampler");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc)
                        .addNotificationListener(
                                (notification, handback) -> {
                                    if (GarbageCollectionNotificationInfo
                                            .GARBAGE_COLLECTION_NOTIFICATION
                                            .equals(notification.getType())) {
                                        watch.afterGc(
                                                GarbageCollectionNotificationInfo.from(
                                                        (CompositeData)
                                                                notification.getUserData()));
                                    }
                                },
                                null,
                                null);
            }
            watch.sampler.start();
            return watch;
        }

        private void afterGc(GarbageCollectionNotificationInfo info) {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    MemoryUsage after =
                            info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (after != null) {
                        used += after.getUsed();
                    }
                }
            }
            peakAfterGc.accumulateAndGet(used, Math::max);
            if (info.getGcAction().contains("major")) {
                peakAfterFullGc.accumulateAndGet(used, Math::max);
                synchronized (afterFullGcs) {
                    afterFullGcs.add(used >> 20);
                }
            }
        }

        private void sample() {
            long nextFullGc = System.nanoTime() + FULL_GC_INTERVAL_NANOS;
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peakUsed.accumulateAndGet(used, Math::max);
                if (System.nanoTime() > nextFullGc) {
                    // what a full collection leaves while the job reads is what the job holds
                    System.gc();
                    nextFullGc = System.nanoTime() + FULL_GC_INTERVAL_NANOS;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long gcCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                    .sum();
        }

        void stop() {
            running = false;
            sampler.interrupt();
        }
    }
}
