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

    /** The process's own streams; interactive when the JVM has a console. */
    public static CliContext system() {
        return new CliContext(System.out, System.err, System.console() != null);
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
