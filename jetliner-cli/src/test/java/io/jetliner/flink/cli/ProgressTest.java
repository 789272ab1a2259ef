package io.jetliner.flink.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsBytesOfTheTotalTheRateAndTheTimeLeft() {
        String line = Progress.render("cat", 100L << 20, 400L << 20, 2_000_000, 10 * SECOND);

        assertThat(line)
                .isEqualTo(
                        "cat [======>                 ]  25% 100.0 MB of 400.0 MB,"
                                + " 200.0 K rows/s, 0:30 left");
    }

    @Test
    void withoutATotalShowsWhatIsDoneAndTheRate() {
        assertThat(Progress.render("sql", 1536, 0, 500, 2 * SECOND))
                .isEqualTo("sql 1.5 KB, 250 rows/s");
    }

    @Test
    void isFullAtTheEndAndSaysHoursWhenItMust() {
        assertThat(Progress.render("x", 10, 10, 1, SECOND))
                .contains("[========================] 100%", "0:00 left");
        assertThat(Progress.render("x", 1, 3600, 1, SECOND)).endsWith(" 59:59 left");
        assertThat(Progress.duration(3_723)).isEqualTo("1:02:03");
    }

    @Test
    void drawsNothingWhenStderrIsNoTerminalOrWhenQuiet() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

        try (Progress notTerminal =
                        Progress.create("cat", 10, new CliContext(stream, stream, false), false);
                Progress quiet =
                        Progress.create("cat", 10, new CliContext(stream, stream, true), true)) {
            assertThat(notTerminal.draws()).isFalse();
            assertThat(quiet.draws()).isFalse();
        }
        assertThat(err.size()).isZero();
    }

    @Test
    void takesTheLaunchersWordOnWhetherStderrIsATerminal() {
        try {
            System.setProperty(CliContext.STDERR_IS_TERMINAL_PROPERTY, "true");
            assertThat(CliContext.system().interactive()).isTrue();
            System.setProperty(CliContext.STDERR_IS_TERMINAL_PROPERTY, "false");
            assertThat(CliContext.system().interactive()).isFalse();
        } finally {
            System.clearProperty(CliContext.STDERR_IS_TERMINAL_PROPERTY);
        }
    }

    @Test
    void drawsOnATerminalAndClearsItsLineWhenClosed() throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

        try (Progress progress =
                Progress.create("cat", 100, new CliContext(stream, stream, true), false)) {
            assertThat(progress.draws()).isTrue();
            progress.add(50, 10);
            Thread.sleep(600);
        }

        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rcat [").contains(" 50% 50 B of 100 B").endsWith("\r");
    }
}
