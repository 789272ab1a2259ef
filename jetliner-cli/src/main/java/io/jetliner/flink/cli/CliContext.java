package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import java.io.PrintStream;

/**
 * Where a command writes: results to {@link #out()}, messages and the progress bar to {@link
 * #err()}, and whether {@code err} is a terminal a person watches (the progress bar draws only
 * there).
 */
@Internal
public final class CliContext {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    public CliContext(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /**
     * Set by the {@code ./jetliner} launcher to whether stderr is a terminal ({@code [ -t 2 ]}):
     * Java cannot tell, and its console exists only when stdin and stdout are terminals too, so
     * {@code cat f.avro > rows.jsonl} would never show its progress.
     */
    static final String STDERR_IS_TERMINAL_PROPERTY = "jetliner.stderr.terminal";

    /**
     * The process's own streams; interactive when the launcher says stderr is a terminal, or (run
     * without the launcher) when the JVM has a console.
     */
    public static CliContext system() {
        String terminal = System.getProperty(STDERR_IS_TERMINAL_PROPERTY);
        boolean interactive =
                terminal != null ? Boolean.parseBoolean(terminal) : System.console() != null;
        return new CliContext(System.out, System.err, interactive);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean interactive() {
        return interactive;
    }
}
