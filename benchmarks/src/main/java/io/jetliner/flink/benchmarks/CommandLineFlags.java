package io.jetliner.flink.benchmarks;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** Walks the {@code flag value} pairs of a benchmark main's arguments; {@code -h} prints usage. */
final class CommandLineFlags {

    private CommandLineFlags() {}

    /**
     * Hands each flag and its value to {@code option}, which throws {@link
     * IllegalArgumentException} for a flag it does not know.
     */
    static void parse(String[] args, String usage, BiConsumer<String, String> option) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            option.accept(flag, args[++i]);
        }
    }

    /** {@code value}, which {@code flag} requires to be positive. */
    static long positive(String flag, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(flag + " must be positive, but was " + value);
        }
        return value;
    }

    /** {@code value}, which {@code flag} requires not to be negative. */
    static long notNegative(String flag, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(flag + " must not be negative, but was " + value);
        }
        return value;
    }

    /** The long {@code value} of {@code flag}, which must be positive. */
    static long positiveLong(String flag, String value) {
        return positive(flag, Long.parseLong(value));
    }

    /** The int {@code value} of {@code flag}, which must be positive. */
    static int positiveInt(String flag, String value) {
        return (int) positive(flag, Integer.parseInt(value));
    }

    /** The int {@code value} of {@code flag}, which must not be negative. */
    static int notNegativeInt(String flag, String value) {
        return (int) notNegative(flag, Integer.parseInt(value));
    }

    /**
     * {@code parse} applied to {@code args}; an {@link IllegalArgumentException} prints its message
     * and the usage, and exits with status 2.
     */
    static <T> T parseOrExit(String[] args, String usage, Function<String[], T> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw new AssertionError("System.exit returned");
        }
    }
}
