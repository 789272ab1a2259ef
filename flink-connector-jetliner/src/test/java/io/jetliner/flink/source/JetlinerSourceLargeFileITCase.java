package io.jetliner.flink.source;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A job reads a file more than ten times larger than its JVM's heap, and finishes with the heap it
 * was given: the source streams blocks, it never holds a file.
 *
 * <p>Too slow for every build (it writes and reads some gigabytes): it runs only with {@code
 * -Djetliner.bigfile=true}, as docs/tuning.md shows; {@code -Djetliner.bigfile.bytes=N} changes the
 * file's size. The job runs in a JVM of its own, started with {@value #HEAP_MIB} MiB of heap.
 */
class JetlinerSourceLargeFileITCase {

    private static final String ENABLED = "jetliner.bigfile";
    private static final String FILE_BYTES = "jetliner.bigfile.bytes";
    private static final int HEAP_MIB = 256;
    private static final int PARALLELISM = 2;

    /** A little more than ten times the heap, which the JVM reports a little smaller than -Xmx. */
    private static final long DEFAULT_FILE_BYTES = (long) (10.5 * HEAP_MIB) << 20;

    @TempDir Path dir;

    @Test
    void readsAFileTenTimesLargerThanItsHeapWithinThatHeap() throws Exception {
        if (!Boolean.getBoolean(ENABLED)) {
            System.out.println(
                    "SKIPPED "
                            + getClass().getSimpleName()
                            + ": the multi-gigabyte read runs only with -D"
                            + ENABLED
                            + "=true");
        }
        assumeTrue(Boolean.getBoolean(ENABLED), "runs only with -D" + ENABLED + "=true");

        Path file = dir.resolve("large.avro");
        long writeStart = System.nanoTime();
        long rows = writeEvents(file, Long.getLong(FILE_BYTES, DEFAULT_FILE_BYTES));
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        long fileBytes = Files.size(file);

        Map<String, String> read = runInSmallHeap(file);

        long heapMax = Long.parseLong(read.get("heapMax"));
        long peakUsed = Long.parseLong(read.get("heapPeakUsed"));
        long peakAfterGc = Long.parseLong(read.get("heapPeakAfterGc"));
        long peakAfterFullGc = Long.parseLong(read.get("heapPeakAfterFullGc"));
        System.out.printf(
                "%s: file %,d bytes (%,d rows, written in %.1f s); read in %s s with heap max"
                        + " %,d bytes, peak used %,d, peak after GC %,d, peak after full GC %,d;"
                        + " %s collections; MiB after each full GC: %s%n",
                getClass().getSimpleName(),
                fileBytes,
                rows,
                writeSeconds,
                read.get("seconds"),
                heapMax,
                peakUsed,
                peakAfterGc,
                peakAfterFullGc,
                read.get("gcCount"),
                read.get("heapAfterFullGcsMiB"));
        assertThat(read.get("rows")).isEqualTo(Long.toString(rows));
        assertThat(read.get("idSum")).isEqualTo(Long.toString(rows * (rows - 1) / 2));
        assertThat(heapMax).isLessThanOrEqualTo((long) HEAP_MIB << 20);
        assertThat(fileBytes).isGreaterThan(10 * heapMax);
        assertThat(peakUsed).isLessThanOrEqualTo(heapMax);
        // the readers' buffers, a batch each and Flink's own: tens of MiB, whatever the file
        assertThat(peakAfterFullGc).as("heap held, after a full GC").isLessThan(heapMax / 4);
    }

    /**
     * Writes events with ids 0, 1, ... until the file has at least {@code bytes}; returns how many.
     */
    private static long writeEvents(Path file, long bytes) throws IOException {
        long id = 0;
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(EventFiles.SCHEMA))) {
            writer.setCodec(CodecFactory.snappyCodec());
            writer.setSyncInterval(256 << 10);
            writer.create(EventFiles.SCHEMA, file.toFile());
            while (writer.sync() < bytes) {
                for (int i = 0; i < 100_000; i++) {
                    writer.append(EventFiles.event(id++));
                }
            }
        }
        return id;
    }

    /**
     * Runs {@link LargeFileReadJob} over the file in a JVM of {@value #HEAP_MIB} MiB heap; returns
     * what it printed.
     */
    private Map<String, String> runInSmallHeap(Path file) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP_MIB + "m");
        command.add("-XX:+UseParallelGC");
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(LargeFileReadJob.class.getName());
        command.add(file.toUri().toString());
        command.add(Integer.toString(PARALLELISM));

        Path output = dir.resolve("job.out");
        Process job =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        boolean finished = job.waitFor(30, TimeUnit.MINUTES);
        if (!finished) {
            job.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertThat(finished).as("the job finished in time; it printed:%n%s", lines).isTrue();
        assertThat(job.exitValue()).as("exit code; the job printed:%n%s", lines).isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.indexOf(' ') < 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
