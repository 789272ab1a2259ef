package io.jetliner.flink.benchmarks;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link DecodeBenchmark} and reports, per dataset, the rows a second of each variant and how
 * many times faster Jetliner is than the other two, on standard output and as a markdown file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jetliner.flink.benchmarks.DecodeBenchmarkReport \
 *     [-f FORKS] [-wi WARMUPS] [-w TIME] [-i ITERATIONS] [-r TIME] \
 *     [-p dataset=simple,wide,...] [-p rows=N] [-o target/decode-benchmark.md]
 * </pre>
 *
 * <p>Defaults: 1 fork, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s, every dataset,
 * each at its default size. Generated files are cached in {@code target/bench-data} (system
 * property {@value BenchmarkDatasets#CACHE_DIR_PROPERTY}).
 */
public final class DecodeBenchmarkReport {

    private static final String USAGE =
            "usage: DecodeBenchmarkReport [-f FORKS] [-wi WARMUPS] [-w TIME] [-i ITERATIONS]"
                    + " [-r TIME] [-p dataset=A,B,...] [-p rows=N] [-o FILE]";

    private final List<String> datasets = new ArrayList<>();
    private int forks = 1;
    private int warmupIterations = 3;
    private TimeValue warmupTime = TimeValue.seconds(2);
    private int iterations = 5;
    private TimeValue iterationTime = TimeValue.seconds(2);
    private long rows = 0;
    private Path output = Paths.get("target", "decode-benchmark.md");

    private DecodeBenchmarkReport() {
        Arrays.stream(DecodeDataset.values()).map(DecodeDataset::id).forEach(datasets::add);
    }

    public static void main(String[] args) throws RunnerException, IOException {
        DecodeBenchmarkReport report =
                CommandLineFlags.parseOrExit(args, USAGE, DecodeBenchmarkReport::parse);
        report.run();
    }

    private static DecodeBenchmarkReport parse(String[] args) {
        DecodeBenchmarkReport report = new DecodeBenchmarkReport();
        CommandLineFlags.parse(
                args,
                USAGE,
                (flag, value) -> {
                    switch (flag) {
                        case "-f":
                            report.forks = Integer.parseInt(value);
                            break;
                        case "-wi":
                            report.warmupIterations = Integer.parseInt(value);
                            break;
                        case "-w":
                            report.warmupTime = TimeValue.fromString(value);
                            break;
                        case "-i":
                            report.iterations = Integer.parseInt(value);
                            break;
                        case "-r":
                            report.iterationTime = TimeValue.fromString(value);
                            break;
                        case "-o":
                            report.output = Paths.get(value);
                            break;
                        case "-p":
                            report.parameter(value);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + flag);
                    }
                });
        return report;
    }

    private void parameter(String assignment) {
        int equals = assignment.indexOf('=');
        String name = equals < 0 ? assignment : assignment.substring(0, equals);
        String value = assignment.substring(equals + 1);
        if (name.equals("dataset")) {
            datasets.clear();
            for (String id : value.split(",")) {
                datasets.add(DecodeDataset.byId(id.trim()).id());
            }
        } else if (name.equals("rows")) {
            rows = Long.parseLong(value);
        } else {
            throw new IllegalArgumentException("unknown parameter " + assignment);
        }
    }

    private void run() throws RunnerException, IOException {
        Path cacheDir = BenchmarkDatasets.cacheDir().toAbsolutePath();
        ChainedOptionsBuilder options =
                new OptionsBuilder()
                        .include(DecodeBenchmark.class.getName() + "\\.")
                        .param("dataset", datasets.toArray(new String[0]))
                        .param("rows", Long.toString(rows))
                        .forks(forks)
                        .warmupIterations(warmupIterations)
                        .warmupTime(warmupTime)
                        .measurementIterations(iterations)
                        .measurementTime(iterationTime)
                        .threads(1)
                        .jvmArgsAppend(
                                "-Xms2g",
                                "-Xmx2g",
                                "-D" + BenchmarkDatasets.CACHE_DIR_PROPERTY + "=" + cacheDir);
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Map<DecodeVariant, Result<?>>> byDataset = byDataset(results);
        String markdown = markdown(byDataset);
        System.out.println();
        System.out.println(markdown);
        MarkdownReport.write(output, markdown);
        Path ratios = RatioTable.besideReport(output);
        ratios(byDataset).write(ratios);
        System.out.println(
                "ratios written to " + ratios.toAbsolutePath() + " (BenchmarkChart draws them)");
    }

    /** The rows a second of each variant, by dataset, in the order of the datasets asked for. */
    private Map<String, Map<DecodeVariant, Result<?>>> byDataset(Collection<RunResult> results) {
        Map<String, Map<DecodeVariant, Result<?>>> byDataset = new LinkedHashMap<>();
        datasets.forEach(id -> byDataset.put(id, new EnumMap<>(DecodeVariant.class)));
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            for (DecodeVariant variant : DecodeVariant.values()) {
                if (variant.benchmark().equals(method)) {
                    byDataset
                            .computeIfAbsent(
                                    result.getParams().getParam("dataset"),
                                    id -> new EnumMap<>(DecodeVariant.class))
                            .put(variant, result.getSecondaryResults().get("rows"));
                }
            }
        }
        return byDataset;
    }

    private static RatioTable ratios(Map<String, Map<DecodeVariant, Result<?>>> byDataset) {
        String ours = DecodeVariant.JETLINER.label();
        RatioTable table =
                new RatioTable(
                        "Decode throughput on one core: how many times faster Jetliner decodes"
                                + " than Avro Java and Flink's avro format",
                        "dataset",
                        List.of(
                                ours + " / " + DecodeVariant.AVRO_JAVA.label(),
                                ours + " / " + DecodeVariant.FLINK_AVRO.label()));
        byDataset.forEach(
                (dataset, scores) ->
                        table.add(
                                dataset,
                                ratioValue(
                                        scores.get(DecodeVariant.JETLINER),
                                        scores.get(DecodeVariant.AVRO_JAVA)),
                                ratioValue(
                                        scores.get(DecodeVariant.JETLINER),
                                        scores.get(DecodeVariant.FLINK_AVRO))));
        return table;
    }

    private String markdown(Map<String, Map<DecodeVariant, Result<?>>> byDataset) {
        StringBuilder out = new StringBuilder();
        out.append("# Decode throughput: Jetliner vs Avro Java vs Flink's avro format\n\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%s; Java %s (%s), %d cores available; JMH: %d fork(s), %d x %s warm-up,"
                                + " %d x %s measured; one thread; rows: %s.\n\n",
                        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        Runtime.getRuntime().availableProcessors(),
                        forks,
                        warmupIterations,
                        warmupTime,
                        iterations,
                        iterationTime,
                        rows > 0 ? Long.toString(rows) : "each dataset's default"));
        out.append(
                "Rows a second decoding the same decompressed blocks (mean ± 99.9 % confidence"
                        + " half-width). Jetliner: RecordDecoder into a reused columnar batch of"
                        + " 2048 rows; Avro Java: GenericDatumReader into a reused GenericRecord;"
                        + " Flink avro: GenericDatumReader with Flink's derived reader schema, then"
                        + " AvroToRowDataConverters into a new GenericRowData per row. Every"
                        + " variant reads every wanted value.\n\n");
        String ours = DecodeVariant.JETLINER.label();
        String resolved = DecodeVariant.JETLINER_RESOLVED.label();
        String avro = DecodeVariant.AVRO_JAVA.label();
        String flink = DecodeVariant.FLINK_AVRO.label();
        out.append(
                String.format(
                        "| dataset | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s |\n",
                        ours, resolved, avro, flink, resolved, ours, ours, avro, ours, flink));
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byDataset.forEach(
                (dataset, scores) -> {
                    Result<?> jetliner = scores.get(DecodeVariant.JETLINER);
                    Result<?> jetlinerResolved = scores.get(DecodeVariant.JETLINER_RESOLVED);
                    Result<?> avroJava = scores.get(DecodeVariant.AVRO_JAVA);
                    Result<?> flinkAvro = scores.get(DecodeVariant.FLINK_AVRO);
                    out.append("| ")
                            .append(dataset)
                            .append(" | ")
                            .append(rate(jetliner))
                            .append(" | ")
                            .append(rate(jetlinerResolved))
                            .append(" | ")
                            .append(rate(avroJava))
                            .append(" | ")
                            .append(rate(flinkAvro))
                            .append(" | ")
                            .append(ratio(jetlinerResolved, jetliner))
                            .append(" | ")
                            .append(ratio(jetliner, avroJava))
                            .append(" | ")
                            .append(ratio(jetliner, flinkAvro))
                            .append(" |\n");
                });
        out.append(
                "\nprojection: Avro Java and Flink resolve against a reader schema of the 5"
                        + " columns (Flink's projection push-down); projection_fullread: they"
                        + " decode all 100 columns and read the 5. Jetliner decodes only the 5 in"
                        + " both.\n\nJetliner resolved: the same file read as a later version of"
                        + " its schema (top-level fields in the opposite order, int and float"
                        + " fields widened to long and double, one nullable field added with a"
                        + " null default), so that writer and reader schemas differ.\n");
        return out.toString();
    }

    private static String rate(Result<?> result) {
        if (result == null) {
            return "—";
        }
        double error = result.getScoreError();
        return Double.isNaN(error)
                ? millions(result.getScore())
                : millions(result.getScore()) + " ± " + millions(error);
    }

    private static String millions(double rowsPerSecond) {
        return String.format(Locale.ROOT, "%.2f M", rowsPerSecond / 1e6);
    }

    private static String ratio(Result<?> numerator, Result<?> denominator) {
        double ratio = ratioValue(numerator, denominator);
        return Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /** How many times the numerator's score is the denominator's; NaN where one is missing. */
    private static double ratioValue(Result<?> numerator, Result<?> denominator) {
        if (numerator == null || denominator == null || denominator.getScore() == 0) {
            return Double.NaN;
        }
        return numerator.getScore() / denominator.getScore();
    }
}
