package io.jetliner.flink.benchmarks;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink SQL in batch mode on one embedded {@link MiniCluster}, started once for every statement, so
 * that a run times the job rather than the cluster's start. Statements are submitted through the
 * cluster's REST endpoint (execution target {@code remote}), as a SQL client submits them to a
 * session cluster; the cluster runs in this process, so it has the job's classes already.
 *
 * <p>Each statement runs at the parallelism it is given: the adaptive batch scheduler's automatic
 * parallelism is off, so that neither connector gets a parallelism of its own choosing.
 */
final class SqlSession implements AutoCloseable {

    private final MiniCluster cluster;
    private final TableEnvironment tables;

    private SqlSession(MiniCluster cluster, TableEnvironment tables) {
        this.cluster = cluster;
        this.tables = tables;
    }

    /**
     * What one statement returned, and how long it took.
     *
     * @param rows the rows of a query; none for an {@code INSERT}
     * @param jobNanos from the statement's submission to its result: what its user waits for
     * @param readingNanos from the first task of the job's source vertex running to the last one
     *     finishing (the cluster's clock, in whole milliseconds): the reading and whatever is
     *     chained to it, less submission, planning, scheduling and deployment
     * @param sourceParallelism the parallelism the source vertex ran at
     */
    record Run(List<Row> rows, long jobNanos, long readingNanos, int sourceParallelism) {}

    /** A cluster of one task manager with {@code slots} slots, and a batch table environment. */
    static SqlSession start(int slots) throws Exception {
        Configuration clusterConfiguration = new Configuration();
        // The REST endpoint on a free port, not 8081: other clusters may run on this machine.
        clusterConfiguration.set(RestOptions.BIND_PORT, "0");
        clusterConfiguration.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(clusterConfiguration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        try {
            URI rest = cluster.getRestAddress().get();
            Configuration configuration = new Configuration();
            configuration.set(DeploymentOptions.TARGET, "remote");
            configuration.set(RestOptions.ADDRESS, rest.getHost());
            configuration.set(RestOptions.PORT, rest.getPort());
            // Here too: the client leaves a vertex's parallelism to the scheduler where it is on.
            configuration.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
            // TIMESTAMP_LTZ values print alike on every machine.
            configuration.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC");
            TableEnvironment tables =
                    TableEnvironment.create(
                            EnvironmentSettings.newInstance()
                                    .inBatchMode()
                                    .withConfiguration(configuration)
                                    .build());
            return new SqlSession(cluster, tables);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** Runs a DDL statement. */
    void define(String ddl) {
        tables.executeSql(ddl);
    }

    /**
     * What the planner makes of {@code statement} ({@code EXPLAIN}): the abstract syntax tree, the
     * optimized physical plan and the execution plan, as Flink prints them.
     */
    String explain(String statement) {
        return tables.explainSql(statement);
    }

    /** Runs a query or {@code INSERT} at {@code parallelism}, waits for it and times it. */
    Run execute(String statement, int parallelism) throws Exception {
        tables.getConfig().set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        tables.getConfig()
                .set(ExecutionConfigOptions.TABLE_EXEC_RESOURCE_DEFAULT_PARALLELISM, parallelism);

        long start = System.nanoTime();
        TableResult result = tables.executeSql(statement);
        List<Row> rows = new ArrayList<>();
        if (statement.regionMatches(true, 0, "INSERT", 0, "INSERT".length())) {
            // Its rows are only Flink's "-1" of unknown affected rows, and closing their iterator
            // would cancel a job that has finished.
            result.await();
        } else {
            try (CloseableIterator<Row> iterator = result.collect()) {
                iterator.forEachRemaining(rows::add);
            }
        }
        JobClient job =
                result.getJobClient()
                        .orElseThrow(
                                () -> new IllegalStateException("no job ran for " + statement));
        // Throws the job's failure, if it failed.
        job.getJobExecutionResult().get();
        long jobNanos = System.nanoTime() - start;

        AccessExecutionJobVertex source = sourceVertex(job.getJobID(), statement);
        return new Run(rows, jobNanos, readingNanos(source), source.getParallelism());
    }

    /** The first vertex of the job: the one its (only) source is chained into. */
    private AccessExecutionJobVertex sourceVertex(JobID job, String statement) throws Exception {
        ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(job).get();
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            if (!vertex.getName().startsWith("Source")) {
                throw new IllegalStateException(
                        "the first vertex of the job of "
                                + statement
                                + " is no source: "
                                + vertex.getName());
            }
            return vertex;
        }
        throw new IllegalStateException("the job of " + statement + " has no vertex");
    }

    private static long readingNanos(AccessExecutionJobVertex vertex) {
        long firstRunning = Long.MAX_VALUE;
        long lastFinished = Long.MIN_VALUE;
        for (AccessExecutionVertex task : vertex.getTaskVertices()) {
            firstRunning = Math.min(firstRunning, task.getStateTimestamp(ExecutionState.RUNNING));
            lastFinished = Math.max(lastFinished, task.getStateTimestamp(ExecutionState.FINISHED));
        }
        // At least a millisecond: the clock's resolution, and no division by zero in a rate.
        return Math.max(1, lastFinished - firstRunning) * 1_000_000L;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
