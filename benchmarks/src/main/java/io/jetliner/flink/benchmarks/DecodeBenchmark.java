package io.jetliner.flink.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Decode throughput of Jetliner, Avro Java and Flink's {@code avro} format on the same decompressed
 * blocks, on one thread; and of Jetliner resolving the file to a later version of its schema.
 *
 * <p>One invocation is one pass over every block of the file. The primary score counts passes a
 * second; the secondary score {@code rows} counts rows a second, as the passes reported them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class DecodeBenchmark {

    /** The file, decompressed; loaded (and generated first, if not cached) once per fork. */
    @State(Scope.Benchmark)
    public static class Input {

        @Param({
            "simple",
            "wide",
            "complex",
            "projection",
            "projection_fullread",
            "events_null",
            "events_deflate",
            "events_snappy",
            "events_zstandard",
            "events_bzip2",
            "events_xz"
        })
        public String dataset;

        /** Rows of the file; 0 for the dataset's default (see {@link DataShape}). */
        @Param("0")
        public long rows;

        DecodeDataset decodeDataset;
        DecodedBlocks blocks;

        @Setup(Level.Trial)
        public void load() throws IOException {
            decodeDataset = DecodeDataset.byId(dataset);
            DataShape shape = decodeDataset.shape();
            long rowCount = rows > 0 ? rows : shape.defaultRows();
            blocks =
                    DecodedBlocks.load(
                            BenchmarkDatasets.file(
                                    shape,
                                    decodeDataset.codec(),
                                    rowCount,
                                    BenchmarkDatasets.cacheDir()));
        }

        DecodePass create(DecodeVariant variant) {
            return variant.create(blocks, decodeDataset);
        }
    }

    @State(Scope.Benchmark)
    public static class Jetliner {
        DecodePass pass;

        @Setup(Level.Trial)
        public void setUp(Input input) {
            pass = input.create(DecodeVariant.JETLINER);
        }
    }

    @State(Scope.Benchmark)
    public static class JetlinerResolved {
        DecodePass pass;

        @Setup(Level.Trial)
        public void setUp(Input input) {
            pass = input.create(DecodeVariant.JETLINER_RESOLVED);
        }
    }

    @State(Scope.Benchmark)
    public static class AvroJava {
        DecodePass pass;

        @Setup(Level.Trial)
        public void setUp(Input input) {
            pass = input.create(DecodeVariant.AVRO_JAVA);
        }
    }

    @State(Scope.Benchmark)
    public static class FlinkAvro {
        DecodePass pass;

        @Setup(Level.Trial)
        public void setUp(Input input) {
            pass = input.create(DecodeVariant.FLINK_AVRO);
        }
    }

    /** The rows decoded in the current iteration, which JMH reports as {@code rows} a second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class RowCounter {
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }

        PassResult count(PassResult result) {
            rows += result.rows();
            return result;
        }
    }

    @Benchmark
    public PassResult jetliner(Jetliner variant, RowCounter counter, Blackhole sink) {
        return counter.count(variant.pass.run(sink));
    }

    @Benchmark
    public PassResult jetlinerResolved(
            JetlinerResolved variant, RowCounter counter, Blackhole sink) {
        return counter.count(variant.pass.run(sink));
    }

    @Benchmark
    public PassResult avroJava(AvroJava variant, RowCounter counter, Blackhole sink) {
        return counter.count(variant.pass.run(sink));
    }

    @Benchmark
    public PassResult flinkAvro(FlinkAvro variant, RowCounter counter, Blackhole sink) {
        return counter.count(variant.pass.run(sink));
    }
}
