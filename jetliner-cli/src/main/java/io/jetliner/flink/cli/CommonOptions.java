package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine.Option;

/** The options of every command. */
@Internal
public final class CommonOptions {

    @Option(
            names = "--verbose",
            description = "On error, print the whole stack trace; log Flink's messages to stderr.")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar and no summary on stderr.")
    boolean quiet;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }
}
