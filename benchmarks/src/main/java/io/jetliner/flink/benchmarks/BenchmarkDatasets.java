package io.jetliner.flink.benchmarks;

import io.jetliner.flink.datagen.SeededAvroWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The Avro files the benchmarks read, written by Avro Java's {@code DataFileWriter} from a fixed
 * seed and cached: a file is generated once and reused by every later run.
 */
public final class BenchmarkDatasets {

    /** The seed of every generated file: the same rows on every machine and in every codec. */
    public static final long SEED = SeededAvroWriter.SEED;

    /** System property naming the cache directory; {@code target/bench-data} when unset. */
    public static final String CACHE_DIR_PROPERTY = "jetliner.bench.data";

    /** Bumped whenever a generator changes, so that no stale cached file is ever read. */
    private static final int GENERATOR_VERSION = 1;

    private BenchmarkDatasets() {}

    public static Path cacheDir() {
        return Paths.get(System.getProperty(CACHE_DIR_PROPERTY, "target/bench-data"));
    }

    /**
     * The file of {@code rows} rows of {@code shape} compressed with {@code codec} in {@code dir},
     * written first if the cache does not hold it yet.
     */
    public static Path file(DataShape shape, String codec, long rows, Path dir) throws IOException {
        Path file =
                dir.resolve(
                        String.format(
                                Locale.ROOT,
                                "%s-%d-%s-v%d.avro",
                                shape.name().toLowerCase(Locale.ROOT),
                                rows,
                                codec,
                                GENERATOR_VERSION));
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        // Written aside and renamed, so that an interrupted run never leaves a truncated file
        // that a later run would take for a complete one.
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try {
            write(shape, codec, rows, partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    /** Writes {@code rows} rows of {@code shape} compressed with {@code codec} to {@code file}. */
    static void write(DataShape shape, String codec, long rows, Path file) throws IOException {
        SeededAvroWriter.write(shape.schema(), shape::fill, codec, rows, file, written -> {});
    }
}
