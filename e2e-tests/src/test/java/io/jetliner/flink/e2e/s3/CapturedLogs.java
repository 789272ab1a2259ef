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
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged in this JVM at DEBUG (or java.util.logging's FINE) and above while it is open,
 * kept in memory, whatever the console shows: the test's own log, Flink's, and the S3 plugin's,
 * whose Log4j and SLF4J Flink's plugin class loader takes from the test's class path, and whose AWS
 * SDK and HTTP client log to java.util.logging.
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
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level julRootLevel = julRoot.getLevel();
    private final Handler julCapture = new JulCapture();

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
        // the AWS SDK in the S3 plugin logs through commons-logging, which, without Log4j 1 on the
        // class path, writes to java.util.logging; its console handler keeps its own level
        julCapture.setLevel(java.util.logging.Level.FINE);
        julRoot.addHandler(julCapture);
        julRoot.setLevel(java.util.logging.Level.FINE);
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
        julRoot.removeHandler(julCapture);
        julRoot.setLevel(julRootLevel);
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

    /** Appends java.util.logging records to the same text. */
    private final class JulCapture extends Handler {

        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            synchronized (captured) {
                captured.write(formatter.format(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
