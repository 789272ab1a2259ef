package io.jetliner.flink.reader;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link BadInputFuzz} in a JVM of its own with a 64 MiB heap, so that a damaged file that
 * makes a reader allocate without bound fails the test rather than go unnoticed in a large heap.
 *
 * <p>Seeded and bounded: {@value #DEFAULT_SECONDS} seconds by default. A longer run, with another
 * seed: {@code mvn -pl flink-connector-jetliner verify -Dtest=BadInputFuzzTest
 * -Djetliner.fuzz.seconds=600 -Djetliner.fuzz.seed=42}.
 */
class BadInputFuzzTest {

    private static final long DEFAULT_SECONDS = 20;
    private static final long CASE_TIMEOUT_MS = 5_000;

    @Test
    void endsEveryDamagedFileInRowsOrAJetlinerExceptionWithinTimeAndASmallHeap() throws Exception {
        long seconds = Long.getLong("jetliner.fuzz.seconds", DEFAULT_SECONDS);
        long seed = Long.getLong("jetliner.fuzz.seed", 20261124L);
        Path outDir = Path.of("target", "fuzz-failures");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process =
                new ProcessBuilder(
                                List.of(
                                        javaCommand,
                                        "-Xmx64m",
                                        "-XX:+UseSerialGC",
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        BadInputFuzz.class.getName(),
                                        Long.toString(seed),
                                        Long.toString(seconds),
                                        Long.toString(CASE_TIMEOUT_MS),
                                        outDir.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(new File("target", "fuzz.log"))
                        .start();
        boolean ended = process.waitFor(seconds + 120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String log =
                new String(
                        java.nio.file.Files.readAllBytes(Path.of("target", "fuzz.log")),
                        StandardCharsets.UTF_8);
        assertThat(ended).as("the fuzz JVM ended; its output:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("exit code; the fuzz output:%n%s", log).isZero();
        String summary = log.lines().filter(l -> l.startsWith("cases=")).reduce("", (a, b) -> b);
        System.out.println("Bad input fuzz, seed " + seed + ": " + summary);
        assertThat(summary).as(log).matches("cases=\\d+ longestMs=\\d+ longestCase=.*");
        long longestMs = Long.parseLong(summary.replaceAll(".*longestMs=(\\d+).*", "$1"));
        assertThat(longestMs).isLessThan(CASE_TIMEOUT_MS);
    }
}
