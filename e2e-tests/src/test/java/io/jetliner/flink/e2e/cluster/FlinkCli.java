package io.jetliner.flink.e2e.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Flink's command line ({@code bin/flink}) against a session cluster: {@code CliFrontend} in a JVM
 * of its own with the installation's {@code lib/} and configuration, so it submits to that cluster.
 */
final class FlinkCli {

    private static final String MAIN = "org.apache.flink.client.cli.CliFrontend";
    private static final String[] JVM = {"-Xmx256m", "-XX:+UseSerialGC"};

    private final FlinkInstallation flink;
    private int runs;

    FlinkCli(FlinkInstallation flink) {
        this.flink = flink;
    }

    /**
     * {@code flink run <jar> <args>}: submits the job jar and, attached, waits for the job to end.
     * Returns what the command printed.
     */
    String run(Path jobJar, Duration timeout, String... programArguments)
            throws IOException, InterruptedException {
        String name = "flink-run-" + ++runs;
        String[] arguments = new String[programArguments.length + 2];
        arguments[0] = "run";
        arguments[1] = jobJar.toString();
        System.arraycopy(programArguments, 0, arguments, 2, programArguments.length);
        return flink.command(MAIN, flink.libClasspath(), name, JVM)
                .arguments(arguments)
                .run(flink.logDirectory().resolve(name + ".out"), timeout);
    }
}
