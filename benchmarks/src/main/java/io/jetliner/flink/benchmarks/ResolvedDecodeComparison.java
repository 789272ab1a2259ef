package io.jetliner.flink.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Resolved reading against plain reading, measured in turns: passes of {@link
 * DecodeVariant#JETLINER} and {@link DecodeVariant#JETLINER_RESOLVED} over the same blocks
 * alternate in one JVM, so that both see the same load. On a machine shared with other work the JMH
 * benchmark runs the two minutes apart, and their ratio then measures the load as much as the
 * decoders; this ratio does not.
 *
 * <p>{@code java -cp benchmarks.jar io.jetliner.flink.benchmarks.ResolvedDecodeComparison [-p
 * dataset=A,B] [-p rows=N] [-n PASSES] [-o FILE]}
 */
public final class ResolvedDecodeComparison {

    private static final String USAGE =
            "usage: ResolvedDecodeComparison [-p dataset=A,B,...] [-p rows=N] [-n PASSES]"
                    + " [-o FILE]";

    private static final int WARMUP_PASSES = 10;

    private final List<DecodeDataset> datasets =
            new ArrayList<>(
                    List.of(
                            DecodeDataset.SIMPLE,
                            DecodeDataset.EVENTS_NULL,
                            DecodeDataset.COMPLEX,
                            DecodeDataset.WIDE,
                            DecodeDataset.PROJECTION));
    private long rows = 300_000;
    private int passes = 40;
    private Path output = Paths.get("target", "resolved-decode-comparison.md");

    private ResolvedDecodeComparison() {}

    public static void main(String[] args) throws IOException {
        ResolvedDecodeComparison comparison = new ResolvedDecodeComparison();
        CommandLineFlags.parseOrExit(
                args,
                USAGE,
                flags -> {
                    CommandLineFlags.parse(flags, USAGE, comparison::option);
                    return comparison;
                });
        comparison.run();
    }

    private void option(String flag, String value) {
        switch (flag) {
            case "-p":
                if (value.startsWith("dataset=")) {
                    datasets.clear();
                    for (String id : value.substring("dataset=".length()).split(",")) {
                        datasets.add(DecodeDataset.byId(id.trim()));
                    }
                } else if (value.startsWith("rows=")) {
                    rows = Long.parseLong(value.substring("rows=".length()));
                } else {
                    throw new IllegalArgumentException("unknown parameter " + value);
                }
                break;
            case "-n":
                passes = Integer.parseInt(value);
                break;
            case "-o":
                output = Paths.get(value);
                break;
            default:
                throw new IllegalArgumentException("unknown option " + flag);
        }
    }

    private void run() throws IOException {
        Blackhole sink =
                new Blackhole(
                        "Today's password is swordfish. I understand instantiating Blackholes"
                                + " directly is dangerous.");
        StringBuilder out = new StringBuilder();
        out.append("# Resolved reading against plain reading, in turns\n\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%d passes of each after %d of warm-up, alternating; %d rows a file; %d"
                                + " cores available. Resolved: the file read as a later version of"
                                + " its schema (EvolvedSchema).\n\n",
                        passes,
                        WARMUP_PASSES,
                        rows,
                        Runtime.getRuntime().availableProcessors()));
        out.append(
                "| dataset | plain rows/s | resolved rows/s | resolved / plain (all passes) |"
                        + " resolved / plain (median of pairs) |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (DecodeDataset dataset : datasets) {
            DecodedBlocks blocks =
                    DecodedBlocks.load(
                            BenchmarkDatasets.file(
                                    dataset.shape(),
                                    dataset.codec(),
                                    rows,
                                    BenchmarkDatasets.cacheDir()));
            DecodePass plain = DecodeVariant.JETLINER.create(blocks, dataset);
            DecodePass resolved = DecodeVariant.JETLINER_RESOLVED.create(blocks, dataset);
            for (int i = 0; i < WARMUP_PASSES; i++) {
                plain.run(sink);
                resolved.run(sink);
            }
            long plainNanos = 0;
            long resolvedNanos = 0;
            long rowsRead = 0;
            double[] pairRatios = new double[passes];
            for (int i = 0; i < passes; i++) {
                // who goes first alternates too
                boolean plainFirst = i % 2 == 0;
                long[] nanos = new long[2];
                for (int turn = 0; turn < 2; turn++) {
                    boolean isPlain = (turn == 0) == plainFirst;
                    long start = System.nanoTime();
                    PassResult result = (isPlain ? plain : resolved).run(sink);
                    nanos[isPlain ? 0 : 1] = System.nanoTime() - start;
                    if (isPlain) {
                        rowsRead += result.rows();
                    }
                }
                plainNanos += nanos[0];
                resolvedNanos += nanos[1];
                pairRatios[i] = (double) nanos[0] / nanos[1];
            }
            Arrays.sort(pairRatios);
            String line =
                    String.format(
                            Locale.ROOT,
                            "| %s | %.2f M | %.2f M | %.2f× | %.2f× |\n",
                            dataset.id(),
                            rowsRead / (plainNanos / 1e9) / 1e6,
                            rowsRead / (resolvedNanos / 1e9) / 1e6,
                            (double) plainNanos / resolvedNanos,
                            pairRatios[passes / 2]);
            System.out.print(line);
            out.append(line);
        }
        MarkdownReport.write(output, out.toString());
    }
}
