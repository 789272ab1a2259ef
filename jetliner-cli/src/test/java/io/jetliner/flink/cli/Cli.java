package io.jetliner.flink.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs {@code jetliner} in this JVM with its output captured, as a test would type it. */
public final class Cli {

    private Cli() {}

    /** What one command line did. */
    public record Result(int exitCode, String out, String err) {

        /** The lines on stdout, without the last line break. */
        public List<String> outLines() {
            return out.isEmpty()
                    ? List.of()
                    : Arrays.asList(out.split("\n", -1)).subList(0, count(out));
        }

        public List<String> errLines() {
            return err.isEmpty()
                    ? List.of()
                    : Arrays.asList(err.split("\n", -1)).subList(0, count(err));
        }

        private static int count(String text) {
            String[] lines = text.split("\n", -1);
            return text.endsWith("\n") ? lines.length - 1 : lines.length;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = JetlinerCli.execute(new CliContext(outStream, errStream, false), args);
        }
        return new Result(
                exitCode,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
