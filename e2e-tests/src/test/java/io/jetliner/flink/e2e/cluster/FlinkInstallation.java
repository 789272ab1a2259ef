package io.jetliner.flink.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink installation as a user sets one up: the distribution's {@code lib/}, {@code opt/} and
 * {@code plugins/}, the project's SQL jar dropped into {@code lib/}, and a {@code
 * conf/config.yaml}.
 *
 * <p>The distribution is the one {@code e2e-flink-dist} assembles from Maven Central; the SQL jar
 * is taken from {@code flink-sql-connector-jetliner/target/}, so the cluster runs the jar of this
 * build. Their places come from the build (system properties set by the e2e-tests pom).
 */
final class FlinkInstallation {

    static final String DISTRIBUTION_PROPERTY = "jetliner.e2e.flinkHome";
    static final String SQL_JAR_PROPERTY = "jetliner.e2e.sqlConnectorJar";
    static final String LOG_DIR_PROPERTY = "jetliner.e2e.logDir";

    /**
     * What Flink's default {@code config.yaml} gives every JVM it starts ({@code
     * env.java.opts.all}): the module openings Flink needs on Java 17.
     */
    private static final String JAVA_OPTIONS =
            String.join(
                    " ",
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String LOG4J_PROPERTIES =
            String.join(
                    "\n",
                    "monitorInterval = 0",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = MainAppender",
                    "appender.main.name = MainAppender",
                    "appender.main.type = File",
                    "appender.main.append = true",
                    "appender.main.fileName = ${sys:log.file}",
                    "appender.main.layout.type = PatternLayout",
                    "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                    "logger.pekko.name = org.apache.pekko",
                    "logger.pekko.level = WARN",
                    "logger.hadoop.name = org.apache.hadoop",
                    "logger.hadoop.level = WARN",
                    "logger.zookeeper.name = org.apache.zookeeper",
                    "logger.zookeeper.level = WARN",
                    "");

    private final Path home;
    private final Path logDirectory;
    private final Map<String, String> config;

    private FlinkInstallation(Path home, Path logDirectory, Map<String, String> config) {
        this.home = home;
        this.logDirectory = logDirectory;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /**
     * Lays out an installation in {@code home} (links to the distribution's jars, a copy of the SQL
     * jar) with {@code config} as its {@code config.yaml}; its processes log to {@code
     * target/e2e-logs/<logName>/}.
     */
    static FlinkInstallation create(Path home, String logName, Map<String, String> config)
            throws IOException {
        Path distribution = existingPath(DISTRIBUTION_PROPERTY);
        Path sqlJar = existingPath(SQL_JAR_PROPERTY);
        Map<String, String> fullConfig = new LinkedHashMap<>();
        fullConfig.put("env.java.opts.all", JAVA_OPTIONS);
        fullConfig.put("io.tmp.dirs", home.resolve("tmp").toString());
        fullConfig.putAll(config);

        linkEach(distribution.resolve("lib"), home.resolve("lib"));
        linkEach(distribution.resolve("opt"), home.resolve("opt"));
        Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> plugins = Files.list(distribution.resolve("plugins"))) {
            for (Path plugin : (Iterable<Path>) plugins::iterator) {
                linkEach(plugin, home.resolve("plugins").resolve(plugin.getFileName().toString()));
            }
        }
        // The user's step: the one connector jar into lib/.
        Files.copy(
                sqlJar,
                home.resolve("lib").resolve(sqlJar.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);

        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), toYaml(fullConfig));
        Files.writeString(conf.resolve("log4j.properties"), LOG4J_PROPERTIES);
        Files.createDirectories(home.resolve("tmp"));

        Path logDirectory =
                Path.of(System.getProperty(LOG_DIR_PROPERTY, "target/e2e-logs")).resolve(logName);
        deleteRecursively(logDirectory);
        Files.createDirectories(logDirectory);
        return new FlinkInstallation(home, logDirectory, fullConfig);
    }

    Path home() {
        return home;
    }

    Path confDirectory() {
        return home.resolve("conf");
    }

    Path pluginsDirectory() {
        return home.resolve("plugins");
    }

    Path logDirectory() {
        return logDirectory;
    }

    /** The class path Flink's scripts give its processes: every jar of {@code lib/}. */
    String libClasspath() {
        return home.resolve("lib") + "/*";
    }

    /**
     * The SQL client's class path: {@code lib/} and the client and gateway jars of {@code opt/}.
     */
    String sqlClientClasspath() {
        return libClasspath() + ":" + home.resolve("opt") + "/*";
    }

    /**
     * A command for one of Flink's JVMs, as its scripts start it: Flink's JVM options, the log file
     * {@code <name>.log} and the installation's plugins and configuration.
     */
    JavaCommand command(String mainClass, String classpath, String logName, String... heap) {
        List<String> options = new ArrayList<>(Arrays.asList(heap));
        options.addAll(Arrays.asList(config.get("env.java.opts.all").split(" ")));
        options.add("-Dlog.file=" + logDirectory.resolve(logName + ".log"));
        options.add(
                "-Dlog4j.configurationFile=file:" + confDirectory().resolve("log4j.properties"));
        return JavaCommand.of(mainClass)
                .classpath(classpath)
                .jvmOptions(options)
                .environment("FLINK_CONF_DIR", confDirectory().toString())
                .environment("FLINK_PLUGINS_DIR", pluginsDirectory().toString())
                .environment("FLINK_LIB_DIR", home.resolve("lib").toString())
                .environment("FLINK_OPT_DIR", home.resolve("opt").toString())
                .workingDirectory(home);
    }

    private static Path existingPath(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(
                    "Missing "
                            + property
                            + " ("
                            + value
                            + "): build the end-to-end tests with their modules, "
                            + "mvn -pl e2e-tests -am verify");
        }
        return Path.of(value);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void linkEach(Path sourceDirectory, Path targetDirectory) throws IOException {
        Files.createDirectories(targetDirectory);
        try (Stream<Path> files = Files.list(sourceDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.createSymbolicLink(
                        targetDirectory.resolve(file.getFileName().toString()),
                        file.toAbsolutePath());
            }
        }
    }

    /** Flink 2 reads {@code config.yaml} as YAML: flat keys, each value a quoted string. */
    private static String toYaml(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> e.getKey() + ": " + quoted(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
