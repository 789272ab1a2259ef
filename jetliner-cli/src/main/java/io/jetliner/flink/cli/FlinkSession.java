package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A batch table environment for one command, whose jobs run where {@link JobOptions} says, with
 * Avro tables registered by path.
 */
@Internal
final class FlinkSession {

    private final TableEnvironment tables;
    private final boolean remote;

    private FlinkSession(TableEnvironment tables, boolean remote) {
        this.tables = tables;
        this.remote = remote;
    }

    static FlinkSession open(JobOptions job) {
        SourceMetrics.reset();
        EnvironmentSettings settings =
                EnvironmentSettings.newInstance()
                        .inBatchMode()
                        .withConfiguration(job.configuration())
                        .build();
        return new FlinkSession(TableEnvironment.create(settings), job.remote());
    }

    TableEnvironment tables() {
        return tables;
    }

    /** Whether the jobs run on a cluster elsewhere (so their metrics are not in this JVM). */
    boolean remote() {
        return remote;
    }

    /** Registers the Avro files at {@code location} as the temporary table {@code name}. */
    AvroTable register(String name, String location) {
        return register(name, location, false);
    }

    /** As {@link #register(String, String)}, with timestamps as {@code TIMESTAMP} if legacy. */
    AvroTable register(String name, String location, boolean legacyTimestamps) {
        AvroTable table = AvroTable.infer(name, location, legacyTimestamps);
        tables.executeSql(table.createTableStatement(true));
        return table;
    }
}
