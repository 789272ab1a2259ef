package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How long the sources of a job on the embedded cluster read: from the first record they counted to
 * the last, sampled from {@link SourceMetrics} every few milliseconds. A job's total time also
 * holds starting the cluster, planning and deploying, which dwarf reading a small file; this is the
 * part the connector's speed decides.
 */
@Internal
final class ReadClock implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler;
    private volatile long firstRecordNanos = -1;
    private volatile long lastChangeNanos = -1;
    private long lastRecords;
    private long stopNanos = -1;

    /** Starts timing the next job; call before it starts, as it forgets earlier jobs' counts. */
    ReadClock() {
        SourceMetrics.reset();
        sampler =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "jetliner-read-clock");
                            thread.setDaemon(true);
                            return thread;
                        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long records = SourceMetrics.recordsRead();
        if (records != lastRecords) {
            long now = System.nanoTime();
            if (firstRecordNanos < 0) {
                firstRecordNanos = now;
            }
            lastChangeNanos = now;
            lastRecords = records;
        }
    }

    @Override
    public void close() {
        if (stopNanos < 0) {
            stopNanos = System.nanoTime();
            sampler.shutdownNow();
        }
    }

    /** Seconds from start to close: the whole job. */
    double jobSeconds() {
        return ((stopNanos < 0 ? System.nanoTime() : stopNanos) - startNanos) / 1e9;
    }

    /** Seconds from the first record read to the last, at least one sample; -1 if none read. */
    double readSeconds() {
        if (firstRecordNanos < 0) {
            return -1;
        }
        return Math.max(
                        lastChangeNanos - firstRecordNanos,
                        TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS))
                / 1e9;
    }

    /**
     * {@code 2000000 rows (61.2 MB of Avro) read in 1.3 s: 1.5 M rows/s, 47.1 MB/s; the job took
     * 4.2 s}; with no read time known (a remote cluster), the job's rate alone.
     */
    String describe(long rows, long bytes) {
        double read = readSeconds();
        double job = jobSeconds();
        if (read <= 0) {
            return String.format(
                    Locale.ROOT,
                    "%d rows (%s of Avro) in %.1f s, job start included: %s rows/s",
                    rows,
                    Progress.bytes(bytes),
                    job,
                    Progress.count(rows / job));
        }
        return String.format(
                Locale.ROOT,
                "%d rows (%s of Avro) read in %.2f s: %s rows/s, %s/s; the job took %.1f s",
                rows,
                Progress.bytes(bytes),
                read,
                Progress.count(rows / read),
                Progress.bytes((long) (bytes / read)),
                job);
    }
}
