package io.jetliner.flink.table;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the ways {@code SELECT COUNT(*)} can be read, in one run on the same files, batch mode,
 * parallelism 1: the first column of every record (what Flink's planner asks of a source without
 * aggregate push-down: it never pushes a projection of no columns), an empty row per record from
 * the block headers (that projection forced empty), a record count per block from the block headers
 * (aggregate push-down), and Flink's own avro format as the reference.
 *
 * <p>Not a test: it runs only when {@code jetliner.measure.files} names the Avro files of an {@code
 * events} table (any schema with longs {@code event_id} and {@code user_id} and a string {@code
 * event_type}), comma-separated, e.g. written by the benchmarks' {@code EventsDataset}. Every way
 * must count the same rows, or it fails.
 *
 * <pre>
 * mvn -o -pl flink-connector-jetliner test -Dtest=RecordCountMeasurement \
 *     -Djetliner.measure.files=/data/events-5000000-null.avro,/data/events-5000000-deflate.avro
 * </pre>
 */
@EnabledIfSystemProperty(named = RecordCountMeasurement.FILES, matches = ".+")
class RecordCountMeasurement {

    static final String FILES = "jetliner.measure.files";

    private static final int WARMUPS = 1;
    private static final int RUNS = Integer.getInteger("jetliner.measure.runs", 5);

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** One way of answering the query. */
    private enum Way {
        /** What the planner asks without aggregate push-down: the first column of every record. */
        FIRST_COLUMN(FirstColumnFactory.IDENTIFIER, "every record's first column"),
        /** A projection of no columns: an empty row per record, from the block headers. */
        EMPTY_ROWS(EmptyProjectionFactory.IDENTIFIER, "an empty row per record"),
        /** Aggregate push-down: a row per block holding its record count, from the headers. */
        BLOCK_COUNTS(JetlinerDynamicTableFactory.IDENTIFIER, "a record count per block"),
        FLINK_AVRO("filesystem", "every record's first column");

        final String connector;
        final String rows;

        Way(String connector, String rows) {
            this.connector = connector;
            this.rows = rows;
        }
    }

    /**
     * The jetliner connector without aggregate push-down, which Flink 2 no longer lets a query
     * switch off.
     */
    public static class FirstColumnFactory implements DynamicTableSourceFactory {

        static final String IDENTIFIER = "jetliner-first-column";

        private final JetlinerDynamicTableFactory jetliner = new JetlinerDynamicTableFactory();

        @Override
        public String factoryIdentifier() {
            return IDENTIFIER;
        }

        @Override
        public Set<ConfigOption<?>> requiredOptions() {
            return jetliner.requiredOptions();
        }

        @Override
        public Set<ConfigOption<?>> optionalOptions() {
            return jetliner.optionalOptions();
        }

        @Override
        public DynamicTableSource createDynamicTableSource(Context context) {
            return new WithoutAggregatePushDown(
                    (JetlinerDynamicTableSource) jetliner.createDynamicTableSource(context), false);
        }
    }

    /**
     * The jetliner connector without aggregate push-down, whose projection is made empty: only for
     * queries that use no column, such as {@code COUNT(*)}, which the planner answers from the
     * first column it asks for without looking at it.
     */
    public static final class EmptyProjectionFactory extends FirstColumnFactory {

        static final String IDENTIFIER = "jetliner-empty-projection";

        @Override
        public String factoryIdentifier() {
            return IDENTIFIER;
        }

        @Override
        public DynamicTableSource createDynamicTableSource(Context context) {
            return new WithoutAggregatePushDown(
                    ((WithoutAggregatePushDown) super.createDynamicTableSource(context)).jetliner,
                    true);
        }
    }

    private static final class WithoutAggregatePushDown
            implements ScanTableSource, SupportsProjectionPushDown {
        private final JetlinerDynamicTableSource jetliner;
        private final boolean emptyProjection;

        WithoutAggregatePushDown(JetlinerDynamicTableSource jetliner, boolean emptyProjection) {
            this.jetliner = jetliner;
            this.emptyProjection = emptyProjection;
        }

        @Override
        public ChangelogMode getChangelogMode() {
            return jetliner.getChangelogMode();
        }

        @Override
        public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
            return jetliner.getScanRuntimeProvider(context);
        }

        @Override
        public boolean supportsNestedProjection() {
            return jetliner.supportsNestedProjection();
        }

        @Override
        public void applyProjection(int[][] projectedFields, DataType producedDataType) {
            if (emptyProjection) {
                jetliner.applyProjection(new int[0][], DataTypes.ROW());
            } else {
                jetliner.applyProjection(projectedFields, producedDataType);
            }
        }

        @Override
        public DynamicTableSource copy() {
            return new WithoutAggregatePushDown(
                    (JetlinerDynamicTableSource) jetliner.copy(), emptyProjection);
        }

        @Override
        public String asSummaryString() {
            return jetliner.asSummaryString();
        }
    }

    @Test
    void timesCountStarEachWay() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(
                "| file | MB | way | what the source emits | median s (job) | best s (job) |"
                        + " median s (wall) |\n|---|---:|---|---:|---:|---:|---:|\n");
        for (String name : System.getProperty(FILES).split(",")) {
            Path file = Paths.get(name.trim()).toAbsolutePath();
            long megabytes = Files.size(file) >> 20;
            Long expected = null;
            List<List<double[]>> timings = new ArrayList<>();
            for (Way way : Way.values()) {
                timings.add(new ArrayList<>());
            }
            for (int run = 0; run < WARMUPS + RUNS; run++) {
                // alternating order, so that a slow phase of the machine hits every way alike
                for (int w = 0; w < Way.values().length; w++) {
                    int index = run % 2 == 0 ? w : Way.values().length - 1 - w;
                    Way way = Way.values()[index];
                    TableEnvironment env = environment(way, file);
                    long start = System.nanoTime();
                    TableResult result = env.executeSql("SELECT COUNT(*) FROM events");
                    List<Row> rows = CollectionUtil.iteratorToList(result.collect());
                    JobExecutionResult job =
                            result.getJobClient()
                                    .orElseThrow()
                                    .getJobExecutionResult()
                                    .get(10, TimeUnit.MINUTES);
                    double wall = (System.nanoTime() - start) / 1e9;
                    long count = (Long) rows.get(0).getField(0);
                    if (expected == null) {
                        expected = count;
                    }
                    assertThat(count).as("%s of %s", way, file).isEqualTo(expected);
                    if (run >= WARMUPS) {
                        timings.get(index).add(new double[] {job.getNetRuntime() / 1e3, wall});
                    }
                }
            }
            for (Way way : Way.values()) {
                TableEnvironment env = environment(way, file);
                System.out.printf(
                        "%n==== %s, %s ====%n%s%n",
                        file.getFileName(), way, env.explainSql("SELECT COUNT(*) FROM events"));
                double[] job = column(timings.get(way.ordinal()), 0);
                double[] wall = column(timings.get(way.ordinal()), 1);
                report.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %s | %s | %.3f | %.3f | %.3f |%n",
                                file.getFileName(),
                                megabytes,
                                way,
                                way.rows,
                                median(job),
                                job[0],
                                median(wall)));
            }
        }
        System.out.println("\n" + report);
    }

    private static TableEnvironment environment(Way way, Path file) {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                // more than one column: of a table of one, the planner reads that one without a
                // projection to push
                "CREATE TABLE events (event_id BIGINT, user_id BIGINT, event_type STRING) WITH ('connector' = '"
                        + way.connector
                        + "', 'path' = '"
                        + file.toUri()
                        + "'"
                        + (way == Way.FLINK_AVRO ? ", 'format' = 'avro'" : "")
                        + ")");
        return env;
    }

    private static double[] column(List<double[]> timings, int column) {
        double[] values = timings.stream().mapToDouble(t -> t[column]).toArray();
        Arrays.sort(values);
        return values;
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
