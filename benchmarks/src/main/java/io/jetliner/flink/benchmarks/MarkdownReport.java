package io.jetliner.flink.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a benchmark's markdown report where its {@code -o} option says. */
final class MarkdownReport {

    private MarkdownReport() {}

    /** Writes {@code markdown} to {@code output}, creating its directory, and says where. */
    static void write(Path output, String markdown) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, markdown, StandardCharsets.UTF_8);
        System.out.println("written to " + output.toAbsolutePath());
    }
}
