package io.jetliner.flink.avro.container;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split rule as a property: for files written by Avro with any block sizes and codecs, and any
 * partition of a file into byte ranges, the ranges' blocks together are the file's blocks, each
 * exactly once and in order, and each range holds the records Avro's own {@code sync}/{@code
 * pastSync} loop reads from it. Every case is reproducible from its seed.
 */
class BlockReaderSplitTest {

    private static final int CASES = 300;
    private static final int PARTITIONS_PER_FILE = 6;
    private static final int MAX_RECORDS = 5000;

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void readsEveryBlockOnceInOrderForAnySplitPoints(long seed) throws IOException {
        Random random = new Random(seed);
        AvroFiles.Spec spec = randomSpec(random);
        byte[] file = AvroFiles.write(spec, random);
        ContainerHeader header = ContainerReads.header(file);

        List<Block> reference = ContainerReads.blocks(file, 0, file.length);
        assertThat(offsetsAndCounts(reference))
                .as("seed %d (%s): the whole file's blocks against Avro's reader", seed, spec)
                .containsExactlyElementsOf(
                        AvroFiles.blocks(file).stream().map(Arrays::toString).toList());
        assertThat(reference.stream().mapToLong(Block::recordCount).sum())
                .as("seed %d: records of the whole file", seed)
                .isEqualTo(spec.records());

        try (DataFileReader<GenericRecord> avro = AvroFiles.open(file)) {
            for (int p = 0; p < PARTITIONS_PER_FILE; p++) {
                long[] bounds =
                        p % 2 == 0
                                ? randomBoundaries(random, file.length)
                                : adversarialBoundaries(random, header, reference, file.length);
                List<Block> together = new ArrayList<>();
                for (int i = 0; i + 1 < bounds.length; i++) {
                    long start = bounds[i];
                    long end = bounds[i + 1];
                    List<Block> blocks =
                            ContainerReads.blocks(new ByteArrayInput(file), header, start, end);
                    assertThat(blocks.stream().mapToLong(Block::recordCount).sum())
                            .as(
                                    "seed %d, range [%d, %d) of %s: records against Avro's"
                                            + " sync/pastSync",
                                    seed, start, end, Arrays.toString(bounds))
                            .isEqualTo(AvroFiles.recordsInRange(avro, start, end));
                    together.addAll(blocks);
                }
                assertThat(identities(together))
                        .as(
                                "seed %d, ranges %s: blocks of all ranges",
                                seed, Arrays.toString(bounds))
                        .containsExactlyElementsOf(identities(reference));
            }
        }
    }

    private static AvroFiles.Spec randomSpec(Random random) {
        CodecFactory codec =
                switch (random.nextInt(3)) {
                    case 0 -> CodecFactory.nullCodec();
                    case 1 -> CodecFactory.deflateCodec(1 + random.nextInt(9));
                    default -> CodecFactory.snappyCodec();
                };
        // Log-uniform from 32 bytes to 64 KiB, so that files of a few big blocks are as common as
        // files of thousands of tiny ones.
        int syncInterval = (int) (32 * Math.pow(2, random.nextDouble() * 11));
        double flushProbability = random.nextInt(4) == 0 ? 0.001 + random.nextDouble() * 0.1 : 0;
        byte[] sync = new byte[16];
        random.nextBytes(sync);
        Map<String, byte[]> metadata =
                random.nextBoolean() ? Map.of() : Map.of("origin", RawContainer.utf8("seed"));
        return new AvroFiles.Spec(
                random.nextInt(MAX_RECORDS + 1),
                codec,
                syncInterval,
                flushProbability,
                sync,
                metadata);
    }

    /** 1 to 20 ranges cut at random offsets of [0, length]; empty ranges included. */
    private static long[] randomBoundaries(Random random, long length) {
        int ranges = 1 + random.nextInt(20);
        long[] bounds = new long[ranges + 1];
        for (int i = 1; i < ranges; i++) {
            bounds[i] = random.nextLong(length + 1);
        }
        bounds[ranges] = length;
        Arrays.sort(bounds);
        return bounds;
    }

    /**
     * Ranges cut where the rule has its edges: around the header's marker and its end, each side of
     * block starts and of the markers before them, and the file's end.
     */
    private static long[] adversarialBoundaries(
            Random random, ContainerHeader header, List<Block> blocks, long length) {
        List<Long> edges = new ArrayList<>();
        long headerMarker = header.end() - 16;
        for (long edge : new long[] {headerMarker, header.end()}) {
            addAround(edges, edge);
        }
        addAround(edges, length);
        for (int i = 0; i < Math.min(blocks.size(), 30); i++) {
            Block block = blocks.get(random.nextInt(blocks.size()));
            addAround(edges, block.offset());
            addAround(edges, block.offset() - 16);
        }
        int cuts = 1 + random.nextInt(19);
        TreeSet<Long> chosen = new TreeSet<>();
        for (int i = 0; i < cuts; i++) {
            chosen.add(Math.max(0, Math.min(length, edges.get(random.nextInt(edges.size())))));
        }
        chosen.add(0L);
        chosen.add(length);
        return chosen.stream().mapToLong(Long::longValue).toArray();
    }

    private static void addAround(List<Long> edges, long edge) {
        edges.add(edge - 1);
        edges.add(edge);
        edges.add(edge + 1);
    }

    private static List<String> offsetsAndCounts(List<Block> blocks) {
        return blocks.stream()
                .map(b -> Arrays.toString(new long[] {b.offset(), b.recordCount()}))
                .collect(Collectors.toList());
    }

    /** What makes a block itself: where it is, what it declares, what it holds. */
    private record BlockIdentity(long offset, long recordCount, long endOffset, ByteBuffer data) {}

    private static List<BlockIdentity> identities(List<Block> blocks) {
        return blocks.stream()
                .map(
                        b ->
                                new BlockIdentity(
                                        b.offset(),
                                        b.recordCount(),
                                        b.endOffset(),
                                        ByteBuffer.wrap(b.data(), 0, b.length())))
                .toList();
    }
}
