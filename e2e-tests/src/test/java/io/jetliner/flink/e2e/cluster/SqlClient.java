package io.jetliner.flink.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's SQL client ({@code bin/sql-client.sh -f script.sql}) run against a session cluster: its
 * own JVM with the installation's {@code lib/} and {@code opt/}, reading the installation's
 * configuration, so it submits to that cluster.
 */
final class SqlClient {

    private static final String MAIN = "org.apache.flink.table.client.SqlClient";
    private static final String[] JVM = {"-Xmx512m", "-XX:+UseSerialGC"};
    private static final Pattern JOB_ID = Pattern.compile("Job ID: ([0-9a-f]{32})");

    private final FlinkInstallation flink;
    private int scripts;

    SqlClient(FlinkInstallation flink) {
        this.flink = flink;
    }

    /**
     * Runs {@code script} to its end and returns what the client printed.
     *
     * @throws IOException if the client fails, reports an error or runs longer than {@code
     *     timeout}; the message holds what it printed
     */
    String run(String script, Duration timeout) throws IOException, InterruptedException {
        String name = "sql-client-" + ++scripts;
        Path file = flink.home().resolve(name + ".sql");
        Files.writeString(file, script);
        Path output = flink.logDirectory().resolve(name + ".out");
        String printed =
                flink.command(MAIN, flink.sqlClientClasspath(), name, JVM)
                        .arguments(
                                "-f",
                                file.toString(),
                                "--history",
                                flink.home().resolve("sql-history").toString())
                        .run(output, timeout);
        // The client reports a failed statement and still exits with 0.
        if (printed.contains("[ERROR]")) {
            throw new IOException(
                    "The SQL client failed running\n"
                            + script
                            + "\nIt printed:\n"
                            + printed
                            + "\nLogs in "
                            + flink.logDirectory());
        }
        return printed;
    }

    /** The id of the job an {@code INSERT} submitted, as the client reports it. */
    static String submittedJobId(String printed) {
        Matcher matcher = JOB_ID.matcher(printed);
        if (!matcher.find()) {
            throw new IllegalArgumentException("No job id in the SQL client's output:\n" + printed);
        }
        return matcher.group(1);
    }
}
