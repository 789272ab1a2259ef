package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** {@code jetliner generate OUT}: a sample file of the benchmarks' {@code events} table. */
@Internal
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write a sample Avro file of the events table (ten columns of a click stream, the"
                    + " table the benchmarks measure), with Avro Java, the same rows on every"
                    + " machine."
        })
public final class GenerateCommand extends JetlinerCommand {

    @Parameters(paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(
            names = {"-r", "--rows"},
            paramLabel = "N",
            description = "How many rows (default: ${DEFAULT-VALUE}).")
    long rows = 1_000_000;

    @Option(
            names = "--codec",
            paramLabel = "CODEC",
            description =
                    "null, deflate, snappy, zstandard, bzip2 or xz (default: ${DEFAULT-VALUE}).")
    String codec = "snappy";

    GenerateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() throws IOException {
        write(out, rows, codec, this);
        if (!common.quiet()) {
            context.err().println("wrote " + rows + " events (" + codec + ") to " + out);
        }
    }

    /** Writes the events file, with a progress bar of the rows written. */
    static void write(Path file, long rows, String codec, JetlinerCommand command)
            throws IOException {
        if (rows < 0) {
            throw new UserError("--rows must not be negative, not " + rows);
        }
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a directory; give the file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Progress progress = command.progress("generate", 0)) {
            AtomicLong written = new AtomicLong();
            progress.follow(() -> file.toFile().length(), written::get);
            SampleEvents.write(file, codec, rows, written::set);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
