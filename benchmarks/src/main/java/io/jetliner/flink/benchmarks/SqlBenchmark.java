package io.jetliner.flink.benchmarks;

import io.jetliner.flink.source.enumerator.SplitPlanner;

import org.apache.flink.types.Row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The SQL benchmark: batch Flink SQL over one {@link EventsDataset events} file per codec, the same
 * file read through {@code 'connector' = 'jetliner'} and through {@code 'connector' = 'filesystem',
 * 'format' = 'avro'}, at each parallelism asked for, all in one process on one embedded
 * MiniCluster: {@code SELECT COUNT(*)}, {@code SELECT SUM(amount)}, a full scan into a blackhole,
 * and a filter passing about 1 % of the rows into a blackhole. Prints a markdown table of the times
 * and the ratios and writes it to a file, with what Flink's planner pushed into each connector's
 * scan ({@link SqlPlan}, from {@code EXPLAIN}).
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar \
 *     io.jetliner.flink.benchmarks.SqlBenchmark [--mode quick|full] [--rows N] \
 *     [--codecs null,snappy,...] [--queries count,sum,scan,filter] [--parallelism 1,2] \
 *     [--warmups N] [--runs N] [--split-size BYTES] [--build TEXT] [-o FILE]
 * </pre>
 *
 * <p>{@code benchmarks/sql-benchmark.sh quick|full} builds the jar and runs this with the mode's
 * heap, recording the commit it measured.
 *
 * <p>Before any timing, each statement's check (see {@link SqlQuery#check}) runs once per connector
 * and parallelism, and all of them must return the same row, or the benchmark stops: the same
 * counts, sums, extremes and string lengths of every column of the rows each statement reads (sums
 * of doubles to a relative 1e-9, as their order differs). Every timed {@code COUNT(*)} and {@code
 * SUM(amount)} must return that checked value again.
 *
 * <p>Timing as in {@link SourceBenchmark}: every configuration (statement × connector ×
 * parallelism) runs {@code warmups} times unmeasured, then {@code runs} times measured, the
 * configurations taking turns in alternating order. Each run is timed from the first task of the
 * job's source vertex running to the last one finishing (the reading, with what is chained to it),
 * and from submission to result (the whole job).
 */
public final class SqlBenchmark {

    private static final int SLOTS = 2;

    /** Relative difference allowed between two sums of doubles added in different orders. */
    private static final double SUM_TOLERANCE = 1e-9;

    private static final String PUSH_DOWNS_EXPLAINED =
            "\n## What the planner pushed into each scan (EXPLAIN)\n\n"
                    + "From the optimized physical plan of each statement (full plans at the end):"
                    + " the specs of the connector's scan (`project=[...]` the columns it reads,"
                    + " `filter=[...]` predicates it accepted, `limit=[...]`, `aggregates=[...]`,"
                    + " `metadata=[...]`), and the operators Flink still runs on the rows the scan"
                    + " returns, from the scan up. A predicate both in the scan and in a `Calc"
                    + " where` above it was handed to the connector and is evaluated again by"
                    + " Flink on every row the scan returns (Flink's filesystem connector accepts"
                    + " every filter for the formats that can use one; its avro format does not).";

    private static final String USAGE =
            "usage: SqlBenchmark [--mode quick|full] [--rows N]"
                    + " [--codecs null,deflate,snappy,zstandard,bzip2,xz]"
                    + " [--queries count,sum,scan,filter] [--parallelism 1,2] [--warmups N]"
                    + " [--runs N] [--split-size BYTES] [--build TEXT] [-o FILE]";

    /** The size of the files, the repetitions and the report's file; flags override them. */
    enum Mode {
        /** Whether the whole table runs and its checks agree: its figures mean little. */
        QUICK(200_000, 0, 1, "sql-benchmark-quick.md"),
        /** The measurement to quote, taken on an otherwise idle machine. */
        FULL(EventsDataset.FULL_ROWS, 1, 3, "sql-benchmark.md");

        final long rows;
        final int warmups;
        final int runs;
        final Path output;

        Mode(long rows, int warmups, int runs, String output) {
            this.rows = rows;
            this.warmups = warmups;
            this.runs = runs;
            this.output = Paths.get("target", output);
        }
    }

    private Mode mode = Mode.FULL;
    // Until parse() resolves them: 0, -1 and null take the mode's value.
    private long rows;
    private List<String> codecs = SourceBenchmark.ALL_CODECS;
    private List<SqlQuery> queries = List.of(SqlQuery.values());
    private List<Integer> parallelisms = List.of(1, 2);
    private int warmups = -1;
    private int runs;
    private long splitSize = 0;
    private String build = "not given";
    private Path output;
    private Path cacheDir = BenchmarkDatasets.cacheDir();

    private SqlBenchmark() {}

    public static void main(String[] args) throws Exception {
        SqlBenchmark benchmark = CommandLineFlags.parseOrExit(args, USAGE, SqlBenchmark::parse);
        List<CodecResult> results = benchmark.run();
        benchmark.report(results);
        // The MiniCluster leaves non-daemon threads behind.
        System.exit(0);
    }

    static SqlBenchmark parse(String[] args) {
        SqlBenchmark benchmark = new SqlBenchmark();
        CommandLineFlags.parse(
                args,
                USAGE,
                (flag, value) -> {
                    switch (flag) {
                        case "--mode":
                            benchmark.mode = mode(value);
                            break;
                        case "--rows":
                            benchmark.rows = CommandLineFlags.positiveLong(flag, value);
                            break;
                        case "--codecs":
                            benchmark.codecs = SourceBenchmark.codecs(value);
                            break;
                        case "--queries":
                            benchmark.queries = queries(value);
                            break;
                        case "--parallelism":
                            benchmark.parallelisms = parallelisms(flag, value);
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
                        case "--build":
                            benchmark.build = value;
                            break;
                        case "-o":
                            benchmark.output = Paths.get(value);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + flag);
                    }
                });
        benchmark.rows = benchmark.rows > 0 ? benchmark.rows : benchmark.mode.rows;
        benchmark.warmups = benchmark.warmups >= 0 ? benchmark.warmups : benchmark.mode.warmups;
        benchmark.runs = benchmark.runs > 0 ? benchmark.runs : benchmark.mode.runs;
        benchmark.output = benchmark.output != null ? benchmark.output : benchmark.mode.output;
        return benchmark;
    }

    private static Mode mode(String name) {
        try {
            return Mode.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mode '" + name + "'; known: quick, full");
        }
    }

    Mode mode() {
        return mode;
    }

    long rows() {
        return rows;
    }

    int warmups() {
        return warmups;
    }

    int runs() {
        return runs;
    }

    Path output() {
        return output;
    }

    /** Where the benchmark's files are cached; for tests. */
    SqlBenchmark cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    private static List<SqlQuery> queries(String list) {
        List<SqlQuery> queries = new ArrayList<>();
        for (String name : list.split(",")) {
            SqlQuery query =
                    Arrays.stream(SqlQuery.values())
                            .filter(q -> q.flag().equals(name.trim()))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "unknown query '"
                                                            + name.trim()
                                                            + "'; known: "
                                                            + Arrays.stream(SqlQuery.values())
                                                                    .map(SqlQuery::flag)
                                                                    .collect(
                                                                            Collectors.joining(
                                                                                    ", "))));
            queries.add(query);
        }
        return queries;
    }

    private static List<Integer> parallelisms(String flag, String list) {
        List<Integer> parallelisms = new ArrayList<>();
        for (String value : list.split(",")) {
            long parallelism = CommandLineFlags.positive(flag, Long.parseLong(value.trim()));
            if (parallelism > SLOTS) {
                throw new IllegalArgumentException(
                        flag + " at most " + SLOTS + " (the cluster's slots), but was " + value);
            }
            parallelisms.add((int) parallelism);
        }
        return parallelisms;
    }

    /** Runs every configuration on every codec's file; throws where two results disagree. */
    List<CodecResult> run() throws Exception {
        List<CodecResult> results = new ArrayList<>();
        try (SqlSession session = SqlSession.start(SLOTS)) {
            for (String codec : codecs) {
                System.out.printf(Locale.ROOT, "%s: preparing %,d rows%n", codec, rows);
                Path file = BenchmarkDatasets.file(DataShape.EVENTS, codec, rows, cacheDir);
                results.add(
                        measure(session, codec, file, results.isEmpty() ? null : results.get(0)));
            }
        }
        return results;
    }

    private CodecResult measure(SqlSession session, String codec, Path file, CodecResult first)
            throws Exception {
        long fileSize = Files.size(file);
        long split = splitSize > 0 ? splitSize : SourceBenchmark.defaultSplitSize(fileSize);
        int splitCount =
                new SplitPlanner(split)
                        .plan(new org.apache.flink.core.fs.Path(file.toUri()), fileSize, 0)
                        .size();
        CodecResult result = new CodecResult(codec, fileSize, split, splitCount);
        for (SqlConnector connector : SqlConnector.values()) {
            session.define(
                    connector.createTable(
                            source(connector, codec), EventsDataset.SCHEMA, file, split));
            session.define(connector.createBlackhole(sink(connector, codec), EventsDataset.SCHEMA));
        }
        explainEveryQuery(session, result, first);
        checkEveryQuery(session, result);
        timeEveryConfiguration(session, result);
        return result;
    }

    /**
     * Records what the planner pushed into each connector's scan for each statement, and prints the
     * plans: in full for the first codec, for the others only where they differ from its.
     */
    private void explainEveryQuery(SqlSession session, CodecResult result, CodecResult first) {
        for (SqlQuery query : queries) {
            for (SqlConnector connector : SqlConnector.values()) {
                SqlPlan plan =
                        SqlPlan.of(
                                session.explain(
                                        query.statement(
                                                source(connector, result.codec),
                                                sink(connector, result.codec))));
                if (first == null || !first.plan(query, connector).sameShape(plan)) {
                    System.out.printf(
                            Locale.ROOT,
                            "%s: %s with %s, pushed into the scan: %s; Flink computes: %s%n%s%n",
                            result.codec,
                            query.label(),
                            connector.label(),
                            plan.pushedIntoScan(),
                            plan.aboveScan(),
                            plan.physicalPlan());
                }
                result.plans
                        .computeIfAbsent(query, q -> new EnumMap<>(SqlConnector.class))
                        .put(connector, plan);
            }
        }
    }

    private void checkEveryQuery(SqlSession session, CodecResult result) throws Exception {
        for (SqlQuery query : queries) {
            result.checked.put(query, check(session, result.codec, query));
        }
        System.out.printf(Locale.ROOT, "%s: every check agrees%n", result.codec);
        if (result.checked.containsKey(SqlQuery.FILTER)) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s passes %,d of %,d rows (%.2f %%)%n",
                    result.codec,
                    SqlQuery.PREDICATE,
                    result.filtered(),
                    rows,
                    100.0 * result.filtered() / rows);
        }
    }

    private void timeEveryConfiguration(SqlSession session, CodecResult result) throws Exception {
        List<Configuration> configurations = new ArrayList<>();
        for (SqlQuery query : queries) {
            for (int parallelism : parallelisms) {
                for (SqlConnector connector : SqlConnector.values()) {
                    configurations.add(new Configuration(query, connector, parallelism));
                }
            }
        }
        for (int round = 0; round < warmups + runs; round++) {
            boolean warmup = round < warmups;
            List<Configuration> order = new ArrayList<>(configurations);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Configuration configuration : order) {
                SqlSession.Run run = runOnce(session, result.codec, configuration, result);
                System.out.printf(
                        Locale.ROOT,
                        "%s %-38s %-10s p%d %-7s %d: reading %6.3f s, job %6.3f s%n",
                        result.codec,
                        configuration.query.label(),
                        configuration.connector.label(),
                        configuration.parallelism,
                        warmup ? "warm-up" : "run",
                        warmup ? round + 1 : round - warmups + 1,
                        run.readingNanos() / 1e9,
                        run.jobNanos() / 1e9);
                if (!warmup) {
                    result.add(configuration, run);
                }
            }
        }
    }

    /**
     * Runs the check of {@code query} with every connector at every parallelism: all must return
     * the same row, which is returned; a {@code COUNT(*)} must count every row.
     */
    private Row check(SqlSession session, String codec, SqlQuery query) throws Exception {
        Row expected = null;
        String expectedBy = null;
        for (SqlConnector connector : SqlConnector.values()) {
            for (int parallelism : parallelisms) {
                String by = connector.label() + " at parallelism " + parallelism;
                Row row =
                        single(session.execute(query.check(source(connector, codec)), parallelism));
                if (expected == null) {
                    expected = row;
                    expectedBy = by;
                } else if (!agree(expected, row)) {
                    throw new IllegalStateException(
                            String.format(
                                    Locale.ROOT,
                                    "%s: the check of %s disagrees: %s returned %s, %s returned"
                                            + " %s",
                                    codec,
                                    query.label(),
                                    expectedBy,
                                    expected,
                                    by,
                                    row));
                }
            }
        }
        if (query == SqlQuery.COUNT && !Objects.equals(expected.getField(0), rows)) {
            throw new IllegalStateException(
                    codec + ": COUNT(*) returned " + expected + ", the file has " + rows + " rows");
        }
        return expected;
    }

    private SqlSession.Run runOnce(
            SqlSession session, String codec, Configuration configuration, CodecResult result)
            throws Exception {
        // Each run starts without the previous one's garbage.
        System.gc();
        SqlQuery query = configuration.query;
        SqlSession.Run run =
                session.execute(
                        query.statement(
                                source(configuration.connector, codec),
                                sink(configuration.connector, codec)),
                        configuration.parallelism);
        String what =
                String.format(
                        Locale.ROOT,
                        "%s: %s with %s at parallelism %d",
                        codec,
                        query.label(),
                        configuration.connector.label(),
                        configuration.parallelism);
        if (run.sourceParallelism() != configuration.parallelism) {
            throw new IllegalStateException(
                    what + " ran its source at parallelism " + run.sourceParallelism());
        }
        if (query == SqlQuery.COUNT || query == SqlQuery.SUM) {
            Row row = single(run);
            if (!agree(result.checked(query), row)) {
                throw new IllegalStateException(
                        what + " returned " + row + ", its check " + result.checked(query));
            }
        }
        return run;
    }

    private static Row single(SqlSession.Run run) {
        if (run.rows().size() != 1) {
            throw new IllegalStateException("expected one row, got " + run.rows());
        }
        return run.rows().get(0);
    }

    /** Equal rows, but for sums of doubles, which may differ in their last bits. */
    static boolean agree(Row expected, Row actual) {
        if (expected.getArity() != actual.getArity()) {
            return false;
        }
        for (int i = 0; i < expected.getArity(); i++) {
            Object a = expected.getField(i);
            Object b = actual.getField(i);
            if (a instanceof Double && b instanceof Double) {
                double x = (Double) a;
                double y = (Double) b;
                if (Math.abs(x - y)
                        > SUM_TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)))) {
                    return false;
                }
            } else if (!Objects.equals(a, b)) {
                return false;
            }
        }
        return true;
    }

    private static String source(SqlConnector connector, String codec) {
        return "events_" + codec + "_" + connector.name().toLowerCase(Locale.ROOT);
    }

    private static String sink(SqlConnector connector, String codec) {
        return "blackhole_" + codec + "_" + connector.name().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------- report

    private void report(List<CodecResult> results) throws Exception {
        String markdown = markdown(results);
        System.out.println();
        System.out.println(markdown);
        MarkdownReport.write(output, markdown);
        Path ratios = RatioTable.besideReport(output);
        ratios(results).write(ratios);
        System.out.println(
                "ratios written to " + ratios.toAbsolutePath() + " (BenchmarkChart draws them)");
    }

    /** Flink avro's median reading time divided by Jetliner's, per statement and codec. */
    RatioTable ratios(List<CodecResult> results) {
        List<String> comparisons = new ArrayList<>();
        for (int parallelism : parallelisms) {
            comparisons.add(
                    String.format(
                            Locale.ROOT,
                            "%s / %s at parallelism %d",
                            SqlConnector.JETLINER.label(),
                            SqlConnector.FLINK_AVRO.label(),
                            parallelism));
        }
        RatioTable table =
                new RatioTable(
                        "Flink SQL: how many times faster 'connector' = 'jetliner' reads than"
                                + " 'format' = 'avro'",
                        "statement and codec",
                        comparisons);
        for (SqlQuery query : queries) {
            for (CodecResult result : results) {
                double[] speedups = new double[parallelisms.size()];
                for (int i = 0; i < speedups.length; i++) {
                    speedups[i] =
                            speedup(
                                    result,
                                    query,
                                    parallelisms.get(i),
                                    SqlSession.Run::readingNanos);
                }
                table.add(query.label().replace(",", "") + " " + result.codec, speedups);
            }
        }
        return table;
    }

    private static double speedup(
            CodecResult result,
            SqlQuery query,
            int parallelism,
            ToLongFunction<SqlSession.Run> time) {
        return (double)
                        result.median(
                                new Configuration(query, SqlConnector.FLINK_AVRO, parallelism),
                                time)
                / result.median(new Configuration(query, SqlConnector.JETLINER, parallelism), time);
    }

    String markdown(List<CodecResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                "# SQL: 'connector' = 'jetliner' vs 'connector' = 'filesystem', 'format' ="
                        + " 'avro'\n\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%s mode%s; build %s; %s; Java %s (%s), %d cores available, max heap"
                                + " %d MB. One `events` file of %,d rows per codec. Batch Flink"
                                + " SQL on an embedded MiniCluster (1 task manager, %d slots). %d"
                                + " warm-up and %d measured runs of each statement, connector and"
                                + " parallelism, taking turns. Seconds of the median run (the"
                                + " best in brackets); the last column is %s's time divided by"
                                + " %s's, how many times faster %s was.\n\n",
                        mode.name().toLowerCase(Locale.ROOT),
                        mode == Mode.QUICK
                                ? " (whether the table runs and its checks agree: not a"
                                        + " measurement)"
                                : "",
                        build,
                        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20,
                        rows,
                        SLOTS,
                        warmups,
                        runs,
                        SqlConnector.FLINK_AVRO.label(),
                        SqlConnector.JETLINER.label(),
                        SqlConnector.JETLINER.label()));
        out.append("Statements:\n\n");
        for (SqlQuery query : queries) {
            out.append("- ")
                    .append(query.label())
                    .append(": `")
                    .append(query.statement("events", "blackhole"))
                    .append("`\n");
        }
        pushDowns(out, results);
        out.append(
                "\n## Reading: from the first source task running to the last one finishing\n\n"
                        + "The source vertex's tasks, with what is chained to them (the local"
                        + " aggregate, the filter, the blackhole): the job less its planning,"
                        + " submission, scheduling and deployment, which cost the same whatever"
                        + " the connector.\n\n");
        table(out, results, SqlSession.Run::readingNanos, true);
        out.append("\n## Whole statement: from submission to result\n\n");
        table(out, results, SqlSession.Run::jobNanos, false);
        out.append("\nFiles, splits and the filter's selectivity:\n\n");
        out.append("| codec | file | Jetliner's splits | rows passing `")
                .append(SqlQuery.PREDICATE)
                .append("` |\n|---|---:|---:|---:|\n");
        for (CodecResult result : results) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f MB | %d × %.1f MB | %,d (%.2f %%) |\n",
                            result.codec,
                            result.fileSize / 1e6,
                            result.splitCount,
                            result.splitSize / 1e6,
                            result.filtered(),
                            100.0 * result.filtered() / rows));
        }
        plans(out, results.get(0));
        return out.toString();
    }

    /**
     * What the planner pushed into each connector's scan and what Flink computed on its rows, per
     * statement; a codec whose plan differs from the first codec's gets a row of its own.
     */
    private void pushDowns(StringBuilder out, List<CodecResult> results) {
        CodecResult first = results.get(0);
        out.append(PUSH_DOWNS_EXPLAINED)
                .append(" Plans of the ")
                .append(first.codec)
                .append(" file; ");
        boolean alike = true;
        for (CodecResult result : results) {
            for (SqlQuery query : queries) {
                for (SqlConnector connector : SqlConnector.values()) {
                    alike &= result.plan(query, connector).sameShape(first.plan(query, connector));
                }
            }
        }
        out.append(
                        alike
                                ? "every other codec's are the same."
                                : "other codecs' are the same but where a row says otherwise.")
                .append(
                        "\n\n| statement | connector | pushed into the scan | computed by Flink"
                                + " on the scan's rows |\n|---|---|---|---|\n");
        for (SqlQuery query : queries) {
            for (SqlConnector connector : SqlConnector.values()) {
                pushDownRow(out, query, connector.label(), first.plan(query, connector));
                for (CodecResult result : results.subList(1, results.size())) {
                    SqlPlan plan = result.plan(query, connector);
                    if (!plan.sameShape(first.plan(query, connector))) {
                        pushDownRow(
                                out, query, connector.label() + " (" + result.codec + ")", plan);
                    }
                }
            }
        }
    }

    private static void pushDownRow(
            StringBuilder out, SqlQuery query, String connector, SqlPlan plan) {
        out.append("| ")
                .append(query.label())
                .append(" | ")
                .append(connector)
                .append(" | ")
                .append(
                        plan.pushedIntoScan().isEmpty()
                                ? "nothing: the table as declared"
                                : code(plan.pushedIntoScan(), ", "))
                .append(" | ")
                .append(plan.aboveScan().isEmpty() ? "nothing" : code(plan.aboveScan(), " → "))
                .append(" |\n");
    }

    private static String code(List<String> items, String separator) {
        return items.stream().map(item -> "`" + item + "`").collect(Collectors.joining(separator));
    }

    private void plans(StringBuilder out, CodecResult first) {
        out.append("\n## Plans\n\nThe optimized physical plans of the ")
                .append(first.codec)
                .append(" file's tables, as `EXPLAIN` prints them.\n");
        for (SqlQuery query : queries) {
            for (SqlConnector connector : SqlConnector.values()) {
                out.append("\n")
                        .append(query.label())
                        .append(", ")
                        .append(connector.label())
                        .append(":\n\n```\n")
                        .append(first.plan(query, connector).physicalPlan())
                        .append("\n```\n");
            }
        }
    }

    private void table(
            StringBuilder out,
            List<CodecResult> results,
            ToLongFunction<SqlSession.Run> time,
            boolean withTargets) {
        String ours = SqlConnector.JETLINER.label();
        String flink = SqlConnector.FLINK_AVRO.label();
        out.append(
                String.format(
                        Locale.ROOT,
                        "| query | codec | parallelism | %1$s | %2$s | %2$s ÷ %1$s |\n",
                        ours,
                        flink));
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (SqlQuery query : queries) {
            for (CodecResult result : results) {
                for (int parallelism : parallelisms) {
                    Configuration jetliner =
                            new Configuration(query, SqlConnector.JETLINER, parallelism);
                    Configuration flinkAvro =
                            new Configuration(query, SqlConnector.FLINK_AVRO, parallelism);
                    double speedup = speedup(result, query, parallelism, time);
                    out.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %s | %d | %s | %s | %.2f×%s |\n",
                                    query.label(),
                                    result.codec,
                                    parallelism,
                                    seconds(result, jetliner, time),
                                    seconds(result, flinkAvro, time),
                                    speedup,
                                    withTargets ? verdict(query, parallelism, speedup) : ""));
                }
            }
        }
    }

    /** The targets are for parallelism 1. */
    private static String verdict(SqlQuery query, int parallelism, double speedup) {
        if (query.target() == 0 || parallelism != 1) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                " %s (target ≥ %.0f×)",
                speedup >= query.target() ? "✓" : "✗",
                query.target());
    }

    private static String seconds(
            CodecResult result, Configuration configuration, ToLongFunction<SqlSession.Run> time) {
        return String.format(
                Locale.ROOT,
                "%.3f (%.3f)",
                result.median(configuration, time) / 1e9,
                result.best(configuration, time) / 1e9);
    }

    /** A statement with a connector at a parallelism. */
    record Configuration(SqlQuery query, SqlConnector connector, int parallelism) {}

    /** The checked results and measured runs of every configuration on one codec's file. */
    static final class CodecResult {
        final String codec;
        final long fileSize;
        final long splitSize;
        final int splitCount;
        final Map<SqlQuery, Row> checked = new EnumMap<>(SqlQuery.class);
        final Map<SqlQuery, Map<SqlConnector, SqlPlan>> plans = new EnumMap<>(SqlQuery.class);
        final Map<Configuration, List<SqlSession.Run>> runs = new LinkedHashMap<>();

        CodecResult(String codec, long fileSize, long splitSize, int splitCount) {
            this.codec = codec;
            this.fileSize = fileSize;
            this.splitSize = splitSize;
            this.splitCount = splitCount;
        }

        /** The row every connector returned for the check of {@code query}. */
        Row checked(SqlQuery query) {
            return checked.get(query);
        }

        /** What the planner made of {@code query}'s timed statement over {@code connector}. */
        SqlPlan plan(SqlQuery query, SqlConnector connector) {
            return plans.get(query).get(connector);
        }

        /** How many rows pass the filter, as its check counted them; -1 if it did not run. */
        long filtered() {
            Row row = checked.get(SqlQuery.FILTER);
            return row == null ? -1 : (Long) row.getField(0);
        }

        void add(Configuration configuration, SqlSession.Run run) {
            runs.computeIfAbsent(configuration, c -> new ArrayList<>()).add(run);
        }

        long median(Configuration configuration, ToLongFunction<SqlSession.Run> time) {
            return RunTimes.median(runs.get(configuration), time);
        }

        long best(Configuration configuration, ToLongFunction<SqlSession.Run> time) {
            return RunTimes.best(runs.get(configuration), time);
        }
    }
}
