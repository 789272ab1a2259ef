package io.jetliner.flink.e2e.s3;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;
import java.util.Map;

/**
 * Everything logged in this JVM at DEBUG and above while it is open, kept in memory, whatever the
 * console shows: the test's own log, Flink's, and the S3 plugin's, whose Log4j and SLF4J Flink's
 * plugin class loader takes from the test's class path.
 *
 * <p>Sees the plugin's logs only with one Log4j context for the whole JVM, which the module's pom
 * selects ({@code log4j2.contextSelector}): by default each class loader gets a context of its own.
 */
final class CapturedLogs implements AutoCloseable {

    private static final String NAME = "captured-for-test";

    private final StringWriter captured = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Map<String, Appender> consoleAppenders;
    private final Level rootLevel;

    private CapturedLogs() {
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        rootLevel = root.getLevel();
        consoleAppenders = Map.copyOf(root.getAppenders());
        Appender appender =
                WriterAppender.newBuilder()
                        .setName(NAME)
                        .setTarget(captured)
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%p %c [%t] %m%n%throwable")
                                        .build())
                        .build();
        appender.start();
        config.addAppender(appender);
        // the console keeps showing what it showed; the capture gets everything
        consoleAppenders.keySet().forEach(root::removeAppender);
        consoleAppenders.values().forEach(console -> root.addAppender(console, rootLevel, null));
        root.addAppender(appender, Level.DEBUG, null);
        root.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** What was logged so far. */
    String text() {
        synchronized (captured) {
            return captured.toString();
        }
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(NAME);
        consoleAppenders.keySet().forEach(root::removeAppender);
        consoleAppenders.values().forEach(console -> root.addAppender(console, null, null));
        root.setLevel(rootLevel);
        Appender appender = config.getAppender(NAME);
        ((AbstractConfiguration) config).removeAppender(NAME);
        appender.stop();
        context.updateLoggers();
    }
}
