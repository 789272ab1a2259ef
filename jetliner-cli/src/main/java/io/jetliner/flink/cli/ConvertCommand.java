package io.jetliner.flink.cli;

import io.jetliner.flink.source.enumerator.DiscoveredFile;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code jetliner convert PATH OUT --to FORMAT}: a batch Flink SQL job that reads the Avro files
 * through the connector and writes them with Flink's filesystem connector in another format.
 */
@Internal
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert the Avro files at PATH to parquet, json, csv or avro files in the directory"
                    + " OUT, with a batch Flink job (Flink's filesystem connector writes part"
                    + " files)."
        })
public final class ConvertCommand extends JetlinerCommand {

    /** The formats of Flink's filesystem connector that convert writes. */
    enum Target {
        PARQUET("parquet", "parquet.compression"),
        JSON("json", null),
        CSV("csv", null),
        AVRO("avro", "avro.codec");

        final String format;
        final String codecOption;

        Target(String format, String codecOption) {
            this.format = format;
            this.codecOption = codecOption;
        }
    }

    static final String SOURCE_TABLE = "source";
    static final String SINK_TABLE = "sink";

    @Parameters(
            index = "0",
            paramLabel = "PATH",
            description = "An Avro file, a directory or a glob.")
    String path;

    @Parameters(index = "1", paramLabel = "OUT", description = "The directory to write.")
    Path out;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FORMAT",
            description = "parquet, json, csv or avro.")
    Target to;

    @Option(
            names = "--codec",
            paramLabel = "CODEC",
            description =
                    "parquet: snappy (Flink's default), gzip, zstd, lz4_raw or uncompressed;"
                            + " avro: snappy (default), null, deflate, zstandard, bzip2 or xz.")
    String codec;

    @Option(
            names = "--overwrite",
            description = "Replace what OUT holds (INSERT OVERWRITE) instead of refusing.")
    boolean overwrite;

    @Mixin JobOptions job = new JobOptions();

    ConvertCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() throws Exception {
        Result result = convert(path, out, to, codec, overwrite, job, this);
        if (!common.quiet()) {
            context.err().println(result.summary());
        }
    }

    /** What a conversion did, for the summary line and the demo. */
    record Result(long rows, long bytes, double seconds, Path out, Target to, boolean rowsKnown) {
        String summary() {
            String rate =
                    rowsKnown
                            ? String.format(
                                    Locale.ROOT,
                                    "%d rows, %s/s, %s rows/s",
                                    rows,
                                    Progress.bytes((long) (bytes / seconds)),
                                    Progress.count(rows / seconds))
                            : Progress.bytes(bytes) + " of Avro";
            return String.format(
                    Locale.ROOT, "converted %s to %s in %s: %.1f s", rate, to.format, out, seconds);
        }
    }

    static Result convert(
            String path,
            Path out,
            Target to,
            String codec,
            boolean overwrite,
            JobOptions job,
            JetlinerCommand command)
            throws Exception {
        if (codec != null && to.codecOption == null) {
            throw new UserError("--codec does not apply to " + to.format + " output");
        }
        if (!job.remote() && !overwrite && hasEntries(out)) {
            throw new UserError(out + " is not empty: choose another directory or --overwrite");
        }
        long totalBytes = AvroTable.files(path).stream().mapToLong(DiscoveredFile::length).sum();
        FlinkSession session = FlinkSession.open(job);
        // Flink's avro format writes TIMESTAMP columns as timestamp-millis/micros and has no
        // TIMESTAMP_LTZ: the legacy mapping gives it the instants as UTC date-times.
        AvroTable source = session.register(SOURCE_TABLE, path, to == Target.AVRO);
        session.tables().executeSql(sinkStatement(source.rowType(), out, to, codec));
        String insert =
                (overwrite ? "INSERT OVERWRITE " : "INSERT INTO ")
                        + AvroTable.quote(SINK_TABLE)
                        + " SELECT * FROM "
                        + AvroTable.quote(SOURCE_TABLE);
        Progress progress = command.jobProgress("convert", totalBytes, session);
        try (progress) {
            long start = System.nanoTime();
            session.tables().executeSql(insert).await();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(
                    SourceMetrics.recordsRead(), totalBytes, seconds, out, to, !session.remote());
        }
    }

    /** The filesystem table written: the source's columns, the format and its codec option. */
    static String sinkStatement(RowType type, Path out, Target to, String codec) {
        StringBuilder options = new StringBuilder();
        options.append("  'connector' = 'filesystem',\n");
        options.append("  'path' = '")
                .append(AvroTable.qualified(out.toString()).toString().replace("'", "''"))
                .append("',\n");
        options.append("  'format' = '").append(to.format).append("'");
        if (to == Target.JSON) {
            // As cat prints JSON: ISO-8601 timestamps and plain decimals.
            options.append(",\n  'json.timestamp-format.standard' = 'ISO-8601'");
            options.append(",\n  'json.encode.decimal-as-plain-number' = 'true'");
        }
        if (codec != null) {
            options.append(",\n  '")
                    .append(to.codecOption)
                    .append("' = '")
                    .append(codec.replace("'", "''"))
                    .append("'");
        }
        return "CREATE TEMPORARY TABLE "
                + AvroTable.quote(SINK_TABLE)
                + " (\n"
                + AvroTable.columns(type)
                + "\n) WITH (\n"
                + options
                + "\n)";
    }

    private static boolean hasEntries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new UserError(directory + " is a file; OUT is the directory to write");
            }
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        }
    }
}
