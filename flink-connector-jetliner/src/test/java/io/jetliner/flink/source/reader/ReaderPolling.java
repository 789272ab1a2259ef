package io.jetliner.flink.source.reader;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.core.io.InputStatus;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives a source reader by hand, as its task thread would. */
final class ReaderPolling {

    private ReaderPolling() {}

    static <T> void pollUntilEndOfInput(JetlinerSourceReader<T> reader, ReaderOutput<T> output)
            throws Exception {
        while (reader.pollNext(output) != InputStatus.END_OF_INPUT) {
            reader.isAvailable().get(10, TimeUnit.SECONDS);
        }
    }

    /** Polls one record at a time until {@code done}, waiting whenever nothing is available. */
    static <T> void pollUntil(
            JetlinerSourceReader<T> reader, ReaderOutput<T> output, BooleanSupplier done)
            throws Exception {
        while (!done.getAsBoolean()) {
            InputStatus status = reader.pollNext(output);
            assertThat(status).isNotEqualTo(InputStatus.END_OF_INPUT);
            if (status == InputStatus.NOTHING_AVAILABLE && !done.getAsBoolean()) {
                reader.isAvailable().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
