package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * {@code jetliner demo}: what the connector does, in one command on a fresh machine: generates the
 * {@code events} sample file, aggregates it with Flink SQL and converts it to Parquet, both through
 * the connector on the embedded cluster, and prints the results and how fast they went.
 */
@Internal
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a sample events file, aggregate it with Flink SQL and convert it to"
                    + " Parquet through the connector; print the results and the throughput."
        })
public final class DemoCommand extends JetlinerCommand {

    static final String AGGREGATION =
            "SELECT country,\n"
                    + "       COUNT(*) AS events,\n"
                    + "       COUNT(DISTINCT user_id) AS users,\n"
                    + "       ROUND(SUM(amount), 2) AS revenue\n"
                    + "FROM events\n"
                    + "WHERE NOT is_test\n"
                    + "GROUP BY country\n"
                    + "ORDER BY revenue DESC\n"
                    + "LIMIT 5";

    @Option(
            names = {"-r", "--rows"},
            paramLabel = "N",
            description = "Rows of the sample file (default: ${DEFAULT-VALUE}).")
    long rows = 2_000_000;

    @Option(
            names = "--codec",
            paramLabel = "CODEC",
            description = "Its codec (default: ${DEFAULT-VALUE}).")
    String codec = "snappy";

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description =
                    "Where the sample file and the Parquet output go (default: jetliner-demo in"
                            + " the temporary directory). A sample file already there is reused.")
    Path directory = Paths.get(System.getProperty("java.io.tmpdir"), "jetliner-demo");

    @Mixin JobOptions job = new JobOptions();

    DemoCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() throws Exception {
        PrintStream out = context.out();
        Path events =
                directory.resolve(String.format(Locale.ROOT, "events-%d-%s.avro", rows, codec));

        out.println("1/3 The sample: " + rows + " click events (" + codec + ") in " + events);
        if (Files.isRegularFile(events)) {
            out.println("    (already there, reused)");
        } else {
            long start = System.nanoTime();
            Path partial = directory.resolve(events.getFileName() + ".partial");
            GenerateCommand.write(partial, rows, codec, this);
            Files.move(partial, events);
            out.printf(
                    Locale.ROOT,
                    "    written by Avro Java in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
        }
        long fileBytes = Files.size(events);

        out.println();
        out.println(
                "2/3 Flink SQL through the connector, on "
                        + (job.remote() ? "the cluster at " + job.cluster : "an embedded cluster")
                        + ":");
        out.println(AGGREGATION.replaceAll("(?m)^", "    "));
        FlinkSession session = FlinkSession.open(job);
        session.register("events", events.toString());
        ResultPrinter result;
        ReadClock clock = new ReadClock();
        Progress progress = jobProgress("aggregate", fileBytes, session);
        try (clock;
                progress) {
            result = ResultPrinter.collect(session.tables().executeSql(AGGREGATION));
        }
        result.print(out);
        out.println("    " + clock.describe(rows, fileBytes));

        out.println();
        Path parquet = directory.resolve("events-parquet");
        out.println("3/3 Conversion to Parquet through the connector: " + parquet);
        ReadClock conversionClock = new ReadClock();
        try (conversionClock) {
            ConvertCommand.convert(
                    events.toString(),
                    parquet,
                    ConvertCommand.Target.PARQUET,
                    null,
                    true,
                    job,
                    this);
        }
        out.println("    " + conversionClock.describe(rows, fileBytes));
        out.println();
        out.println("Next, for example:");
        out.println(
                "    ./jetliner sql \"SELECT device, COUNT(*) AS n FROM events GROUP BY device\" --table events="
                        + events);
        out.println("    ./jetliner cat " + events + " --where \"amount > 990\" --limit 5");
        out.println("    ./jetliner --help; the reference is docs/cli.md");
    }
}
