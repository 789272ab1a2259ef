package io.jetliner.flink.benchmarks;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/**
 * A batch DataStream job that reads every row of a source and counts them, chained into the
 * source's task so that the source is all it costs: no shuffle, no record leaves the task. It also
 * sums one {@code BIGINT} column, so that a run proves it saw every row once, not merely as many
 * rows.
 *
 * <p>Jobs run on one embedded {@link MiniCluster} started once for all of them, so that a run times
 * the job, not the cluster's start.
 */
public final class RowCountingJob {

    private static final String ROWS = "rows";
    private static final String SUM = "sum";
    private static final String FIRST_OPENED = "first-opened";
    private static final String LAST_CLOSED = "last-closed";

    private RowCountingJob() {}

    /**
     * What one run counted, and how long it took.
     *
     * @param jobNanos from the job's submission to its result: what its user waits for
     * @param taskNanos from the first of its tasks starting to the last finishing: the job less its
     *     submission, scheduling and deployment, which cost the same whatever the source
     */
    public record Run(long rows, long sum, long jobNanos, long taskNanos) {}

    /** An embedded cluster of one task manager with {@code slots} slots, started. */
    public static MiniCluster startCluster(int slots) throws Exception {
        Configuration configuration = new Configuration();
        // The REST endpoint on a free port, not 8081: other clusters may run on this machine.
        configuration.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return cluster;
    }

    /**
     * Runs the job on {@code cluster} and waits for it.
     *
     * @param sumField the position of the {@code BIGINT NOT NULL} column summed
     * @param objectReuse whether Flink hands records between chained operators as they are ({@code
     *     pipeline.object-reuse}) rather than a copy of each
     */
    public static Run run(
            MiniCluster cluster,
            Source<RowData, ?, ?> source,
            int parallelism,
            int sumField,
            boolean objectReuse)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        configuration.set(PipelineOptions.OBJECT_REUSE, objectReuse);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "source")
                .process(new RowCounter(sumField))
                .returns(Types.VOID)
                .name("count")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        StreamGraph graph = env.getStreamGraph();
        JobID job = new JobID();
        graph.setJobId(job);

        long start = System.nanoTime();
        cluster.submitJob(graph).get();
        JobResult result = cluster.requestJobResult(job).get();
        long jobNanos = System.nanoTime() - start;

        // Throws the job's failure, if it failed.
        JobExecutionResult executed =
                result.toJobExecutionResult(RowCountingJob.class.getClassLoader());
        long rows = executed.<Long>getAccumulatorResult(ROWS);
        long sum = executed.<Long>getAccumulatorResult(SUM);
        long firstOpened = executed.<Long>getAccumulatorResult(FIRST_OPENED);
        long lastClosed = executed.<Long>getAccumulatorResult(LAST_CLOSED);
        return new Run(rows, sum, jobNanos, lastClosed - firstOpened);
    }

    /**
     * Counts the rows and sums one column into accumulators, and notes when it opened and closed
     * (the JVM's clock: every task of the MiniCluster runs in this process); emits nothing.
     */
    private static final class RowCounter extends ProcessFunction<RowData, Void> {

        private static final long serialVersionUID = 1L;

        private final int sumField;
        private transient LongCounter rows;
        private transient LongCounter sum;
        private transient LongMaximum closed;

        RowCounter(int sumField) {
            this.sumField = sumField;
        }

        @Override
        public void open(OpenContext openContext) {
            LongMinimum opened = new LongMinimum();
            opened.add(System.nanoTime());
            rows = new LongCounter();
            sum = new LongCounter();
            closed = new LongMaximum();
            getRuntimeContext().addAccumulator(FIRST_OPENED, opened);
            getRuntimeContext().addAccumulator(ROWS, rows);
            getRuntimeContext().addAccumulator(SUM, sum);
            getRuntimeContext().addAccumulator(LAST_CLOSED, closed);
        }

        @Override
        public void close() {
            closed.add(System.nanoTime());
        }

        @Override
        public void processElement(RowData row, Context context, Collector<Void> out) {
            rows.add(1);
            sum.add(row.getLong(sumField));
        }
    }
}
