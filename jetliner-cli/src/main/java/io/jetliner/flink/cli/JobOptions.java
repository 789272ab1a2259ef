package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;

import picocli.CommandLine.Option;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's Flink job runs: on an embedded MiniCluster in this JVM (the default), or on a
 * running cluster at {@code --cluster host:port} (its JobManager's REST endpoint), to which the SQL
 * connector jar is shipped with the job.
 */
@Internal
public final class JobOptions {

    /** The SQL connector jar, when not beside the command's own jar in {@code lib/}. */
    static final String CONNECTOR_JAR_PROPERTY = "jetliner.connector.jar";

    static final String CONNECTOR_JAR_NAME = "flink-sql-connector-jetliner.jar";

    static final int REST_RETRY_ATTEMPTS = 2;
    static final Duration REST_RETRY_DELAY = Duration.ofSeconds(1);

    @Option(
            names = "--cluster",
            paramLabel = "HOST:PORT",
            description =
                    "Run the job on the Flink cluster whose JobManager REST endpoint this is,"
                            + " instead of an embedded one.")
    String cluster;

    @Option(
            names = "--connector-jar",
            paramLabel = "JAR",
            description =
                    "With --cluster: the SQL connector jar shipped with the job (default: the one"
                            + " the build put in jetliner-cli/target/lib).")
    Path connectorJar;

    @Option(
            names = "--jar",
            paramLabel = "JAR",
            description =
                    "With --cluster: another jar to ship with the job, such as a format the"
                            + " cluster lacks; repeatable.")
    List<Path> jars = new ArrayList<>();

    @Option(
            names = {"-p", "--parallelism"},
            paramLabel = "N",
            description = "The parallelism of the job (default: the cluster's; embedded: cores).")
    Integer parallelism;

    public boolean remote() {
        return cluster != null;
    }

    /** The configuration of the job's table environment. */
    public Configuration configuration() {
        Configuration configuration = new Configuration();
        if (parallelism != null) {
            if (parallelism < 1) {
                throw new UserError("--parallelism must be at least 1, not " + parallelism);
            }
            configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        if (!remote()) {
            configuration.setString(
                    "metrics.reporter." + SourceMetrics.REPORTER_NAME + ".factory.class",
                    SourceMetrics.ReporterFactory.class.getName());
            return configuration;
        }
        int colon = cluster.lastIndexOf(':');
        if (colon <= 0 || colon == cluster.length() - 1) {
            throw new UserError("--cluster takes HOST:PORT, not '" + cluster + "'");
        }
        int port;
        try {
            port = Integer.parseInt(cluster.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserError("--cluster takes HOST:PORT, not '" + cluster + "'");
        }
        configuration.set(DeploymentOptions.TARGET, "remote");
        configuration.set(RestOptions.ADDRESS, cluster.substring(0, colon));
        configuration.set(RestOptions.PORT, port);
        // A person waits at the prompt: a cluster that does not answer fails in seconds, not
        // after Flink's default of 20 attempts 3 s apart.
        configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, REST_RETRY_ATTEMPTS);
        configuration.set(RestOptions.RETRY_DELAY, REST_RETRY_DELAY);
        List<String> shipped = new ArrayList<>();
        shipped.add(existing(connectorJar()).toUri().toString());
        for (Path jar : jars) {
            shipped.add(existing(jar).toUri().toString());
        }
        configuration.set(PipelineOptions.JARS, shipped);
        return configuration;
    }

    /**
     * The SQL connector jar to ship: --connector-jar, the system property, or lib/ of the build.
     */
    Path connectorJar() {
        if (connectorJar != null) {
            return connectorJar;
        }
        String configured = System.getProperty(CONNECTOR_JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return commandLocation().resolve("lib").resolve(CONNECTOR_JAR_NAME);
    }

    /** The directory of the command's jar (or classes), where the build puts lib/. */
    private static Path commandLocation() {
        try {
            File code =
                    new File(
                            JobOptions.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            return code.toPath().toAbsolutePath().getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Paths.get("").toAbsolutePath();
        }
    }

    private static Path existing(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new UserError(
                    "the jar "
                            + absolute
                            + " to ship to the cluster does not exist (build it with"
                            + " 'mvn -pl jetliner-cli -am package -DskipTests', or pass"
                            + " --connector-jar)");
        }
        return absolute;
    }
}
