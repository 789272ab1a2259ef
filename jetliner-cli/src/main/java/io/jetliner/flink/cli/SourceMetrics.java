package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the sources of the jobs on the embedded cluster have read so far: the sum of their {@code
 * numBytesIn} and {@code numRecordsIn} counters, for the progress bar. The embedded cluster runs in
 * this JVM, so its metric reporter ({@link Reporter}, registered by {@link FlinkSession}) hands
 * over the live counters themselves.
 */
@Internal
public final class SourceMetrics {

    /** The name the reporter is configured under. */
    static final String REPORTER_NAME = "jetliner-progress";

    private static final List<Counter> BYTES = new CopyOnWriteArrayList<>();
    private static final List<Counter> RECORDS = new CopyOnWriteArrayList<>();

    private SourceMetrics() {}

    /** Forgets the counters of earlier jobs. */
    static void reset() {
        BYTES.clear();
        RECORDS.clear();
    }

    public static long bytesRead() {
        return sum(BYTES);
    }

    public static long recordsRead() {
        return sum(RECORDS);
    }

    private static long sum(List<Counter> counters) {
        long sum = 0;
        for (Counter counter : counters) {
            sum += counter.getCount();
        }
        return sum;
    }

    /** Collects the counters of source operators (named {@code Source: …} by Flink). */
    public static final class Reporter implements MetricReporter {

        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            if (!(metric instanceof Counter)) {
                return;
            }
            String operator = group.getAllVariables().get("<operator_name>");
            if (operator == null || !operator.startsWith("Source")) {
                return;
            }
            if (name.equals("numBytesIn")) {
                BYTES.add((Counter) metric);
            } else if (name.equals("numRecordsIn")) {
                RECORDS.add((Counter) metric);
            }
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
            // Kept: a job's last counts stay readable after it ends, until the next reset().
        }
    }

    /** Creates the {@link Reporter}; listed in META-INF/services for Flink to find. */
    public static final class ReporterFactory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }
    }
}
