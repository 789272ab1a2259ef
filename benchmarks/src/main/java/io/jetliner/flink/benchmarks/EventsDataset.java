package io.jetliner.flink.benchmarks;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The {@code events} table every benchmark of this project compares on: {@link SampleEvents} of the
 * {@code jetliner-datagen} module, which the {@code jetliner} command writes too.
 *
 * <p>{@code java -cp benchmarks.jar io.jetliner.flink.benchmarks.EventsDataset FILE CODEC ROWS}
 * writes one file.
 */
public final class EventsDataset {

    public static final Schema SCHEMA = SampleEvents.SCHEMA;

    /** The row count of the end-to-end comparisons. */
    public static final long FULL_ROWS = 5_000_000;

    private EventsDataset() {}

    /** Writes {@code rows} events compressed with {@code codec} (an Avro codec name) to a file. */
    public static void write(Path file, String codec, long rows) throws IOException {
        BenchmarkDatasets.write(DataShape.EVENTS, codec, rows, file);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println(
                    "usage: EventsDataset FILE [CODEC (default snappy)] [ROWS (default "
                            + FULL_ROWS
                            + ")]");
            System.exit(2);
        }
        Path file = Paths.get(args[0]);
        String codec = args.length > 1 ? args[1] : "snappy";
        long rows = args.length > 2 ? Long.parseLong(args[2]) : FULL_ROWS;
        write(file, codec, rows);
        System.out.println("wrote " + rows + " events (" + codec + ") to " + file);
    }
}
