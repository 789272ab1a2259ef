package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.BrokenFiles;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads randomly damaged copies of valid files, in every codec and both error modes, and checks
 * that each read ends, within a time bound, in rows or a {@link JetlinerException}: never another
 * exception, never a hang, never running out of memory. Meant to run in a JVM of its own with a
 * small heap ({@link BadInputFuzzTest} starts it); exits 0 when every case passed, else 1 for a
 * wrong exception, 2 for a case that did not end in time, 3 for memory running out. The damaged
 * file of a failing case is written to the output directory.
 *
 * <p>Arguments: seed, seconds to run, per-case timeout in milliseconds, output directory. The last
 * line printed is the summary {@code cases=N longestMs=M longestCase=...}.
 */
public final class BadInputFuzz {

    /** Small enough that the readers of tiny files stay far within a 64 MiB heap. */
    private static final int MAX_BLOCK_SIZE = 1 << 20;

    private BadInputFuzz() {}

    public static void main(String[] args) throws Exception {
        // every skip is logged as a warning: thousands of cases would flood the output
        Configurator.setLevel(BadInputPolicy.class.getName(), Level.ERROR);
        long seed = Long.parseLong(args[0]);
        long seconds = Long.parseLong(args[1]);
        long caseTimeoutMs = Long.parseLong(args[2]);
        Path outDir = Path.of(args[3]);

        List<byte[]> valid = new ArrayList<>();
        for (String codec : AvroFiles.CODECS) {
            valid.add(BrokenFiles.validFile(codec));
        }
        Random random = new Random(seed);
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long cases = 0;
        long longestNanos = 0;
        String longestCase = "";
        int exitCode = 0;
        while (System.nanoTime() < deadline && exitCode == 0) {
            int fileIndex = random.nextInt(valid.size());
            long caseSeed = random.nextLong();
            byte[] damaged = damage(valid.get(fileIndex), new Random(caseSeed));
            ErrorMode mode = random.nextBoolean() ? ErrorMode.FAIL : ErrorMode.SKIP_BLOCK;
            String name =
                    String.format(
                            "case-%d-%s-%s-%x",
                            cases, AvroFiles.CODECS.get(fileIndex), mode, caseSeed);
            long start = System.nanoTime();
            Future<?> read = worker.submit(() -> read(damaged, name, mode));
            try {
                read.get(caseTimeoutMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exitCode =
                        report(
                                outDir,
                                name,
                                damaged,
                                "did not end within " + caseTimeoutMs + " ms",
                                null,
                                2);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof OutOfMemoryError) {
                    exitCode = report(outDir, name, damaged, "ran out of memory", cause, 3);
                } else if (!(cause instanceof JetlinerException)) {
                    exitCode = report(outDir, name, damaged, "failed with " + cause, cause, 1);
                }
            }
            long nanos = System.nanoTime() - start;
            if (nanos > longestNanos) {
                longestNanos = nanos;
                longestCase = name;
            }
            cases++;
        }
        System.out.printf(
                "cases=%d longestMs=%d longestCase=%s%n",
                cases, TimeUnit.NANOSECONDS.toMillis(longestNanos), longestCase);
        System.out.flush();
        System.exit(exitCode);
    }

    private static void read(byte[] file, String name, ErrorMode mode) {
        ReaderOptions options =
                ReaderOptions.builder()
                        .batchSize(64)
                        .maxBlockSize(MAX_BLOCK_SIZE)
                        .bufferBytes(4 * MAX_BLOCK_SIZE)
                        .errorMode(mode)
                        .build();
        try (JetlinerReader reader = JetlinerReader.open(new ByteArrayInput(file), name, options)) {
            try {
                for (RowBatch batch = reader.nextBatch();
                        batch != null;
                        batch = reader.nextBatch()) {
                    for (int i = 0; i < batch.size(); i++) {
                        touch(batch.row(i));
                    }
                }
            } catch (JetlinerException e) {
                if (mode == ErrorMode.SKIP_BLOCK) {
                    // once the header is read, skip-block mode has nothing left to fail for
                    throw new AssertionError("skip-block mode failed after open: " + e, e);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new JetlinerException(JetlinerException.Kind.IO, e.toString(), e);
        }
    }

    /** Reads every value of a row of {@link BrokenFiles#SCHEMA}, as a consumer would. */
    private static void touch(RowData row) {
        row.getLong(0);
        row.getString(1).toString();
        row.getBinary(2);
        ArrayData array = row.getArray(3);
        for (int i = 0; i < array.size(); i++) {
            array.getLong(i);
        }
        MapData map = row.getMap(4);
        for (int i = 0; i < map.size(); i++) {
            map.keyArray().getString(i).toString();
            map.valueArray().getLong(i);
        }
    }

    /**
     * One to four random mutations: byte flips, insertions, deletions, a truncation, a varint of an
     * extreme value written over whatever was there (a length, a count, a size).
     */
    static byte[] damage(byte[] valid, Random random) {
        byte[] file = valid.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && file.length > 0; m++) {
            int at = random.nextInt(file.length);
            switch (random.nextInt(6)) {
                case 0: // flip a few bits
                case 1:
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        file[Math.min(file.length - 1, at + i)] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 2: // insert random bytes
                    {
                        byte[] inserted = new byte[1 + random.nextInt(16)];
                        random.nextBytes(inserted);
                        file = splice(file, at, 0, inserted);
                        break;
                    }
                case 3: // delete a run of bytes
                    file =
                            splice(
                                    file,
                                    at,
                                    Math.min(file.length - at, 1 + random.nextInt(32)),
                                    new byte[0]);
                    break;
                case 4: // an extreme varint over whatever was there
                    {
                        long[] extremes = {
                            Long.MIN_VALUE,
                            Long.MAX_VALUE,
                            -1,
                            Integer.MAX_VALUE,
                            1L << 40,
                            random.nextLong()
                        };
                        byte[] varint = varint(extremes[random.nextInt(extremes.length)]);
                        int n = Math.min(varint.length, file.length - at);
                        System.arraycopy(varint, 0, file, at, n);
                        break;
                    }
                default: // truncate
                    file = java.util.Arrays.copyOf(file, at);
                    break;
            }
        }
        return file;
    }

    private static byte[] varint(long value) {
        byte[] out = new byte[10];
        long n = (value << 1) ^ (value >> 63);
        int i = 0;
        while ((n & ~0x7fL) != 0) {
            out[i++] = (byte) ((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out[i++] = (byte) n;
        return java.util.Arrays.copyOf(out, i);
    }

    private static byte[] splice(byte[] file, int at, int removed, byte[] inserted) {
        byte[] out = new byte[file.length - removed + inserted.length];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(file, at + removed, out, at + inserted.length, file.length - at - removed);
        return out;
    }

    private static int report(
            Path outDir, String name, byte[] file, String what, Throwable cause, int exitCode)
            throws IOException {
        Files.createDirectories(outDir);
        Path saved = outDir.resolve(name + ".avro");
        Files.write(saved, file);
        StringWriter trace = new StringWriter();
        if (cause != null) {
            cause.printStackTrace(new PrintWriter(trace));
        }
        System.out.println(
                "FAILED " + name + ": " + what + "; the file is " + saved + "\n" + trace);
        return exitCode;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "fuzz-case");
            thread.setDaemon(true);
            return thread;
        };
    }
}
