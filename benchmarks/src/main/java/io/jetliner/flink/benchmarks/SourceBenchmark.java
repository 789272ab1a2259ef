package io.jetliner.flink.benchmarks;

import io.jetliner.flink.source.enumerator.SplitPlanner;

import org.apache.flink.runtime.minicluster.MiniCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The end-to-end source benchmark: a batch DataStream job counting the rows of one {@link
 * EventsDataset events} file per codec, read by {@link SourceVariant#JETLINER JetlinerSource} and
 * by {@link SourceVariant#FLINK_FILE_SOURCE Flink's FileSource with its avro format}, each at
 * parallelism 1 and 2, all in one process on one embedded MiniCluster. Prints a markdown table of
 * the rows a second and writes it to a file.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar \
 *     io.jetliner.flink.benchmarks.SourceBenchmark [--rows N] [--codecs null,snappy,...] \
 *     [--warmups N] [--runs N] [--split-size BYTES] [--object-reuse true|false] [-o FILE]
 * </pre>
 *
 * <p>A plain timed harness rather than JMH: each measurement is a whole job of seconds to minutes
 * on a cluster that is already running, timed twice: from the first of its tasks starting to the
 * last finishing (the reading), and from its submission to its result (the whole job). Every
 * configuration (variant × parallelism) of a codec runs {@code warmups} times unmeasured, then
 * {@code runs} times measured; the configurations take turns, in alternating order, so that a slow
 * phase of the machine hits them all alike. Reported: the median run, and the best. Every run must
 * count every row once (the sum of {@code event_id}), or the benchmark stops.
 */
public final class SourceBenchmark {

    /** The position of {@code event_id} (0, 1, 2, …) in the rows of both variants. */
    static final int EVENT_ID = 0;

    /** Every codec Avro defines, in the order of the report. */
    static final List<String> ALL_CODECS =
            List.of("null", "deflate", "snappy", "zstandard", "bzip2", "xz");

    private static final Configuration JETLINER_P1 = new Configuration(SourceVariant.JETLINER, 1);
    private static final Configuration JETLINER_P2 = new Configuration(SourceVariant.JETLINER, 2);
    private static final Configuration FLINK_P1 =
            new Configuration(SourceVariant.FLINK_FILE_SOURCE, 1);
    private static final Configuration FLINK_P2 =
            new Configuration(SourceVariant.FLINK_FILE_SOURCE, 2);
    private static final List<Configuration> CONFIGURATIONS =
            List.of(JETLINER_P1, JETLINER_P2, FLINK_P1, FLINK_P2);
    private static final int SLOTS = 2;
    private static final double TARGET_SPEEDUP = 4.0;
    private static final double TARGET_SCALING = 1.7;

    private static final long MIN_SPLITS_PER_FILE = 4;

    /** The least split size {@code JetlinerSource} accepts. */
    private static final long MIN_SPLIT_SIZE = 1024;

    private static final String USAGE =
            "usage: SourceBenchmark [--rows N] [--codecs null,deflate,snappy,zstandard,bzip2,xz]"
                    + " [--warmups N] [--runs N] [--split-size BYTES]"
                    + " [--object-reuse true|false] [-o FILE]";

    private long rows = EventsDataset.FULL_ROWS;
    private List<String> codecs = ALL_CODECS;
    private int warmups = 1;
    private int runs = 3;
    private long splitSize = 0;
    private boolean objectReuse = true;
    private Path output = Paths.get("target", "source-benchmark.md");

    private SourceBenchmark() {}

    public static void main(String[] args) throws Exception {
        SourceBenchmark benchmark =
                CommandLineFlags.parseOrExit(args, USAGE, SourceBenchmark::parse);
        benchmark.run();
        // The MiniCluster leaves non-daemon threads behind.
        System.exit(0);
    }

    private static SourceBenchmark parse(String[] args) {
        SourceBenchmark benchmark = new SourceBenchmark();
        CommandLineFlags.parse(
                args,
                USAGE,
                (flag, value) -> {
                    switch (flag) {
                        case "--rows":
                            benchmark.rows = CommandLineFlags.positiveLong(flag, value);
                            break;
                        case "--codecs":
                            benchmark.codecs = codecs(value);
                            break;
                        case "--warmups":
                            benchmark.warmups = CommandLineFlags.notNegativeInt(flag, value);
                            break;
                        case "--runs":
                            benchmark.runs = CommandLineFlags.positiveInt(flag, value);
                            break;
                        case "--split-size":
                            benchmark.splitSize = CommandLineFlags.positiveLong(flag, value);
                            break;
                        case "--object-reuse":
                            benchmark.objectReuse = bool(flag, value);
                            break;
                        case "-o":
                            benchmark.output = Paths.get(value);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + flag);
                    }
                });
        return benchmark;
    }

    /** The codecs of a comma-separated list, each one of {@link #ALL_CODECS}. */
    static List<String> codecs(String list) {
        List<String> codecs = new ArrayList<>();
        for (String codec : list.split(",")) {
            String name = codec.trim();
            if (!ALL_CODECS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown codec '" + name + "'; known: " + String.join(", ", ALL_CODECS));
            }
            codecs.add(name);
        }
        return codecs;
    }

    private static boolean bool(String flag, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(flag + " takes true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private void run() throws Exception {
        Path cacheDir = BenchmarkDatasets.cacheDir();
        List<CodecResult> results = new ArrayList<>();
        MiniCluster cluster = RowCountingJob.startCluster(SLOTS);
        try {
            for (String codec : codecs) {
                System.out.printf(Locale.ROOT, "%s: preparing %,d rows%n", codec, rows);
                Path file = BenchmarkDatasets.file(DataShape.EVENTS, codec, rows, cacheDir);
                results.add(measure(cluster, codec, file));
            }
        } finally {
            cluster.close();
        }

        String markdown = markdown(results);
        System.out.println();
        System.out.println(markdown);
        MarkdownReport.write(output, markdown);
        Path ratios = RatioTable.besideReport(output);
        ratios(results).write(ratios);
        System.out.println(
                "ratios written to " + ratios.toAbsolutePath() + " (BenchmarkChart draws them)");
    }

    /** Jetliner against Flink at each parallelism, from the median reading times. */
    private static RatioTable ratios(List<CodecResult> results) {
        String ours = SourceVariant.JETLINER.label();
        String flink = SourceVariant.FLINK_FILE_SOURCE.label();
        RatioTable table =
                new RatioTable(
                        "Source throughput in a Flink job: how many times faster JetlinerSource"
                                + " reads than Flink's FileSource with the avro format",
                        "codec",
                        List.of(
                                ours + " / " + flink + " at parallelism 1",
                                ours + " / " + flink + " at parallelism 2"));
        for (CodecResult result : results) {
            table.add(
                    result.codec,
                    (double) result.median(FLINK_P1, RowCountingJob.Run::taskNanos)
                            / result.median(JETLINER_P1, RowCountingJob.Run::taskNanos),
                    (double) result.median(FLINK_P2, RowCountingJob.Run::taskNanos)
                            / result.median(JETLINER_P2, RowCountingJob.Run::taskNanos));
        }
        return table;
    }

    private CodecResult measure(MiniCluster cluster, String codec, Path file) throws Exception {
        long fileSize = Files.size(file);
        long split = splitSize > 0 ? splitSize : defaultSplitSize(fileSize);
        int splitCount =
                new SplitPlanner(split)
                        .plan(new org.apache.flink.core.fs.Path(file.toUri()), fileSize, 0)
                        .size();
        CodecResult result = new CodecResult(codec, fileSize, split, splitCount);
        for (int round = 0; round < warmups + runs; round++) {
            boolean warmup = round < warmups;
            List<Configuration> order = new ArrayList<>(CONFIGURATIONS);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Configuration configuration : order) {
                RowCountingJob.Run run = runOnce(cluster, file, split, configuration);
                System.out.printf(
                        Locale.ROOT,
                        "%s %-16s p%d %-7s %d: tasks %6.2f s %7.2f M rows/s, job %6.2f s%n",
                        codec,
                        configuration.variant.label(),
                        configuration.parallelism,
                        warmup ? "warm-up" : "run",
                        warmup ? round + 1 : round - warmups + 1,
                        run.taskNanos() / 1e9,
                        rowsPerSecond(run.taskNanos()) / 1e6,
                        run.jobNanos() / 1e9);
                if (!warmup) {
                    result.add(configuration, run);
                }
            }
        }
        return result;
    }

    /**
     * Equal splits no larger than the connector's default, an even number of them and at least
     * {@value #MIN_SPLITS_PER_FILE}: each of two readers then gets as many bytes as the other.
     */
    static long defaultSplitSize(long fileSize) {
        long splits =
                Math.max(MIN_SPLITS_PER_FILE, ceilDiv(fileSize, SplitPlanner.DEFAULT_SPLIT_SIZE));
        splits += splits % 2;
        return Math.max(MIN_SPLIT_SIZE, ceilDiv(fileSize, splits));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private RowCountingJob.Run runOnce(
            MiniCluster cluster, Path file, long split, Configuration configuration)
            throws Exception {
        // Each run starts without the previous one's garbage.
        System.gc();
        RowCountingJob.Run run =
                RowCountingJob.run(
                        cluster,
                        configuration.variant.create(file, split),
                        configuration.parallelism,
                        EVENT_ID,
                        objectReuse);
        long expectedSum = rows * (rows - 1) / 2;
        if (run.rows() != rows || run.sum() != expectedSum) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "%s at parallelism %d read %d rows summing to %d from %s;"
                                    + " expected %d rows summing to %d",
                            configuration.variant.label(),
                            configuration.parallelism,
                            run.rows(),
                            run.sum(),
                            file,
                            rows,
                            expectedSum));
        }
        return run;
    }

    private String markdown(List<CodecResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                "# End-to-end source throughput: JetlinerSource vs Flink's FileSource with the"
                        + " avro format\n\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%s; Java %s (%s), %d cores available, max heap %d MB. One `events` file"
                                + " of %,d rows per codec. A batch DataStream job on an embedded"
                                + " MiniCluster (1 task manager, 2 slots): the source, then a"
                                + " chained operator counting the rows and summing `event_id`;"
                                + " object reuse %s. %d warm-up and %d measured runs of each"
                                + " source and parallelism, taking turns. Rows a second of the"
                                + " median run (the best in brackets).\n\n",
                        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20,
                        rows,
                        objectReuse ? "on" : "off",
                        warmups,
                        runs));
        out.append(
                "## Reading: from the first task starting to the last finishing\n\n"
                        + "The job's time less its submission, scheduling and deployment, which"
                        + " cost the same whatever the source.\n\n");
        table(out, results, RowCountingJob.Run::taskNanos);
        out.append(
                "\n## Whole job: from submission to result\n\n"
                        + "What a user waits for, on a cluster already running.\n\n");
        table(out, results, RowCountingJob.Run::jobNanos);
        out.append(
                "\nJetliner reads each file in the block-range splits below, taken by its"
                        + " readers on demand. Flink's FileSource splits a file at"
                        + " its file system's block boundaries, and a local file is one block: at"
                        + " parallelism 2 one of its readers reads the whole file while the"
                        + " other idles. Each Jetliner reader also decompresses on a thread of"
                        + " its own, beside the task thread: on a machine of 2 cores, its"
                        + " parallelism 2 has no idle core to grow into.\n\n");
        out.append("Seconds of every measured run, reading (whole job):\n\n");
        out.append("| codec | file | splits | source | parallelism | runs |\n");
        out.append("|---|---:|---:|---|---:|---|\n");
        for (CodecResult result : results) {
            result.runs.forEach(
                    (configuration, runs) ->
                            out.append("| ")
                                    .append(result.codec)
                                    .append(" | ")
                                    .append(megabytes(result.fileSize))
                                    .append(" | ")
                                    .append(
                                            configuration.variant == SourceVariant.JETLINER
                                                    ? result.splitCount
                                                            + " × "
                                                            + megabytes(result.splitSize)
                                                    : "1 (the whole file)")
                                    .append(" | ")
                                    .append(configuration.variant.label())
                                    .append(" | ")
                                    .append(configuration.parallelism)
                                    .append(" | ")
                                    .append(
                                            runs.stream()
                                                    .map(
                                                            run ->
                                                                    String.format(
                                                                            Locale.ROOT,
                                                                            "%.2f (%.2f)",
                                                                            run.taskNanos() / 1e9,
                                                                            run.jobNanos() / 1e9))
                                                    .collect(Collectors.joining(", ")))
                                    .append(" |\n"));
        }
        return out.toString();
    }

    private void table(
            StringBuilder out, List<CodecResult> results, ToLongFunction<RowCountingJob.Run> time) {
        String ours = SourceVariant.JETLINER.label();
        String flink = SourceVariant.FLINK_FILE_SOURCE.label();
        out.append(
                String.format(
                        Locale.ROOT,
                        "| codec | %1$s p1 | %1$s p2 | %2$s p1 | %2$s p2 | %1$s / %2$s p1"
                                + " (target ≥ %3$.0f×) | %1$s p2 / p1 (target ≥ %4$.1f×) |\n",
                        ours,
                        flink,
                        TARGET_SPEEDUP,
                        TARGET_SCALING));
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (CodecResult result : results) {
            long oursP1 = result.median(JETLINER_P1, time);
            long oursP2 = result.median(JETLINER_P2, time);
            long flinkP1 = result.median(FLINK_P1, time);
            out.append("| ")
                    .append(result.codec)
                    .append(" | ")
                    .append(rate(result, JETLINER_P1, time))
                    .append(" | ")
                    .append(rate(result, JETLINER_P2, time))
                    .append(" | ")
                    .append(rate(result, FLINK_P1, time))
                    .append(" | ")
                    .append(rate(result, FLINK_P2, time))
                    .append(" | ")
                    .append(speedup(flinkP1, oursP1, TARGET_SPEEDUP))
                    .append(" | ")
                    .append(speedup(oursP1, oursP2, TARGET_SCALING))
                    .append(" |\n");
        }
    }

    private String rate(
            CodecResult result,
            Configuration configuration,
            ToLongFunction<RowCountingJob.Run> time) {
        return String.format(
                Locale.ROOT,
                "%.2f M (%.2f M)",
                rowsPerSecond(result.median(configuration, time)) / 1e6,
                rowsPerSecond(result.best(configuration, time)) / 1e6);
    }

    /** How many times faster {@code nanos} is than {@code baselineNanos}, against a target. */
    private static String speedup(long baselineNanos, long nanos, double target) {
        double speedup = (double) baselineNanos / nanos;
        return String.format(Locale.ROOT, "%.2f× %s", speedup, speedup >= target ? "✓" : "✗");
    }

    private double rowsPerSecond(long nanos) {
        return rows * 1e9 / nanos;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A source at a parallelism. */
    private record Configuration(SourceVariant variant, int parallelism) {}

    /** The measured runs of every configuration on one codec's file. */
    private static final class CodecResult {
        final String codec;
        final long fileSize;
        final long splitSize;
        final int splitCount;
        final Map<Configuration, List<RowCountingJob.Run>> runs = new LinkedHashMap<>();

        CodecResult(String codec, long fileSize, long splitSize, int splitCount) {
            this.codec = codec;
            this.fileSize = fileSize;
            this.splitSize = splitSize;
            this.splitCount = splitCount;
            CONFIGURATIONS.forEach(configuration -> runs.put(configuration, new ArrayList<>()));
        }

        void add(Configuration configuration, RowCountingJob.Run run) {
            runs.get(configuration).add(run);
        }

        long median(Configuration configuration, ToLongFunction<RowCountingJob.Run> time) {
            return RunTimes.median(runs.get(configuration), time);
        }

        long best(Configuration configuration, ToLongFunction<RowCountingJob.Run> time) {
            return RunTimes.best(runs.get(configuration), time);
        }
    }
}
