package io.jetliner.flink.avro.container;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;
import io.jetliner.flink.avro.codec.GrowableBuffer;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.jetliner.flink.avro.container.RawContainer.SYNC;
import static io.jetliner.flink.avro.container.RawContainer.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BlockReaderTest {

    private static final int BUFFER = 64 << 10;

    @Test
    void readsEveryBlockAvroWroteWithItsRecordsAndPayload() {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                3000, CodecFactory.deflateCodec(3), 4096, 0, SYNC, Map.of()),
                        new Random(7));
        List<long[]> expected = AvroFiles.blocks(file);

        List<Block> blocks = ContainerReads.blocks(file, 0, file.length);

        assertThat(blocks).hasSize(expected.size()).hasSizeGreaterThan(5);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            assertThat(block.offset()).isEqualTo(expected.get(i)[0]);
            assertThat(block.recordCount()).isEqualTo(expected.get(i)[1]);
            assertThat(block.length()).isEqualTo(block.data().length);
            long nextOffset = i + 1 < blocks.size() ? blocks.get(i + 1).offset() : file.length;
            assertThat(block.endOffset()).isEqualTo(nextOffset);
            int payloadStart = (int) (block.endOffset() - 16 - block.length());
            assertThat(block.data())
                    .isEqualTo(
                            Arrays.copyOfRange(file, payloadStart, payloadStart + block.length()));
        }
    }

    @Test
    void readsPayloadsIntoTheCallersBufferReusingItsArrayForBlocksThatFit() throws IOException {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                3000, CodecFactory.snappyCodec(), 4096, 0, SYNC, Map.of()),
                        new Random(11));
        List<Block> expected = ContainerReads.blocks(file, 0, file.length);
        int largest = expected.stream().mapToInt(Block::length).max().orElseThrow();
        GrowableBuffer payload = new GrowableBuffer(largest);
        byte[] array = payload.array();

        try (BlockReader reader = wholeFile(file)) {
            for (Block want : expected) {
                Block block = reader.next(payload);
                assertThat(block.offset()).isEqualTo(want.offset());
                assertThat(block.recordCount()).isEqualTo(want.recordCount());
                assertThat(block.endOffset()).isEqualTo(want.endOffset());
                assertThat(block.data()).isSameAs(array);
                assertThat(payload.length()).isEqualTo(want.length());
                assertThat(Arrays.copyOf(block.data(), block.length())).isEqualTo(want.data());
            }
            assertThat(reader.next(payload)).isNull();
        }
    }

    @Test
    void growsTheCallersBufferForABlockLargerThanIt() throws IOException {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                500, CodecFactory.nullCodec(), 1 << 20, 0, SYNC, Map.of()),
                        new Random(12));
        Block want = ContainerReads.blocks(file, 0, file.length).get(0);
        GrowableBuffer payload = new GrowableBuffer(16);

        try (BlockReader reader = wholeFile(file)) {
            Block block = reader.next(payload);
            assertThat(block.data()).isSameAs(payload.array());
            assertThat(Arrays.copyOf(block.data(), block.length())).isEqualTo(want.data());
        }
    }

    private static BlockReader wholeFile(byte[] file) {
        return new BlockReader(
                new ByteArrayInput(file),
                ContainerReads.header(file),
                "test.avro",
                0,
                file.length,
                BUFFER);
    }

    @Test
    void readsToTheEndOfTheFileForAnEndBeyondIt() {
        byte[] file = AvroFiles.write(AvroFiles.Spec.of(500), new Random(3));

        assertThat(ContainerReads.blocks(file, 0, Long.MAX_VALUE))
                .hasSameSizeAs(ContainerReads.blocks(file, 0, file.length))
                .isNotEmpty();
        assertThat(ContainerReads.blocks(file, file.length, Long.MAX_VALUE)).isEmpty();
        assertThat(ContainerReads.blocks(file, file.length + 100, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void readsNoBlockFromAHeaderOnlyFile() {
        byte[] file = AvroFiles.write(AvroFiles.Spec.of(0), new Random(4));
        ContainerHeader header = ContainerReads.header(file);

        assertThat(header.end()).isEqualTo(file.length);
        for (long[] range :
                new long[][] {{0, file.length}, {0, 0}, {0, 1}, {file.length, file.length}}) {
            assertThat(ContainerReads.blocks(file, range[0], range[1])).isEmpty();
        }
    }

    @Test
    void readsBlocksWithoutRecords() {
        byte[] file =
                RawContainer.withLongSchema()
                        .block(0, new byte[0])
                        .longBlock(3)
                        .block(0, new byte[0])
                        .block(0, new byte[0])
                        .longBlock(1)
                        .block(0, new byte[0])
                        .toByteArray();

        List<Block> blocks = ContainerReads.blocks(file, 0, file.length);

        assertThat(blocks).extracting(Block::recordCount).containsExactly(0L, 3L, 0L, 0L, 1L, 0L);
        assertThat(blocks.get(0).length()).isZero();
        assertThat(blocks.get(5).endOffset()).isEqualTo(file.length);
        assertEveryPartitionYieldsEachBlockOnce(file);
    }

    @Test
    void neverTakesACopyOfTheSyncMarkerInTheMetadataForABlock() {
        // AVRO-986: Avro C 1.5.4 wrote the marker into the metadata as avro.sync. Put it there and
        // under another key, so that a search starting anywhere inside the header meets a copy.
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        metadata.put("avro.sync", SYNC);
        metadata.put(DataFileConstants.SCHEMA, utf8(RawContainer.LONG_SCHEMA));
        metadata.put("sync-copy", SYNC);
        byte[] file = RawContainer.withHeader(metadata).longBlock(5).longBlock(7).toByteArray();
        ContainerHeader header = ContainerReads.header(file);

        for (long start = 0; start <= header.end() - 16; start++) {
            assertThat(ContainerReads.blocks(file, start, file.length))
                    .as("range from %d", start)
                    .extracting(Block::offset)
                    .containsExactly(header.end(), header.end() + 2 + 5 + 16);
        }
        assertEveryPartitionYieldsEachBlockOnce(file);
    }

    @Test
    void neverTakesACopyOfTheSyncMarkerInMetadataAvroWrote() {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                50,
                                CodecFactory.nullCodec(),
                                256,
                                0,
                                SYNC,
                                Map.of("sync-copy", SYNC)),
                        new Random(5));

        assertEveryPartitionYieldsEachBlockOnce(file);
    }

    @Test
    void findsMarkersThatStraddleTheReadBuffer() {
        // Blocks far longer than the buffer, so that a search from just before a marker's
        // buffer-length distance puts the marker across the first refill.
        Random random = new Random(11);
        RawContainer container = RawContainer.withLongSchema();
        for (int i = 0; i < 4; i++) {
            byte[] payload = new byte[BUFFER + 5000 + random.nextInt(3000)];
            random.nextBytes(payload);
            container.block(1, payload);
        }
        byte[] file = container.toByteArray();
        List<Block> blocks = ContainerReads.blocks(file, 0, file.length);
        ContainerHeader header = ContainerReads.header(file);

        for (int b = 1; b < blocks.size(); b++) {
            long marker = blocks.get(b).offset() - 16;
            for (long start = marker - BUFFER - 17; start <= marker - BUFFER + 17; start++) {
                assertThat(
                                ContainerReads.blocks(
                                        new ByteArrayInput(file), header, start, file.length))
                        .as("marker at %d, range from %d", marker, start)
                        .first()
                        .extracting(Block::offset)
                        .isEqualTo(blocks.get(b).offset());
            }
        }
    }

    @Test
    void readsTheSameBlocksFromAnInputThatReturnsFewBytesPerRead() {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                800, CodecFactory.snappyCodec(), 200, 0.05, SYNC, Map.of()),
                        new Random(12));
        ContainerHeader header = ContainerHeader.read(new CountingInput(file, 7), "test.avro");
        List<Block> expected = ContainerReads.blocks(file, 0, file.length);

        for (long start : new long[] {0, header.end() - 16, header.end() + 3, file.length / 2}) {
            List<Block> trickled =
                    ContainerReads.blocks(new CountingInput(file, 7), header, start, file.length);
            List<Block> direct = ContainerReads.blocks(file, start, file.length);
            assertThat(trickled)
                    .extracting(Block::offset)
                    .containsExactlyElementsOf(direct.stream().map(Block::offset).toList());
        }
        assertThat(expected).hasSizeGreaterThan(20);
    }

    @Test
    void readsSmallBlocksWithOneInputCallPerBufferFull() {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(5000, CodecFactory.nullCodec(), 32, 0, SYNC, Map.of()),
                        new Random(13));
        ContainerHeader header = ContainerReads.header(file);
        CountingInput input = new CountingInput(file);

        List<Block> blocks = ContainerReads.blocks(input, header, 0, file.length);

        assertThat(blocks).hasSizeGreaterThan(2000);
        assertThat(blocks.stream().mapToLong(Block::recordCount).sum()).isEqualTo(5000);
        assertThat(input.reads()).isLessThanOrEqualTo(file.length / BUFFER + 2);
    }

    @Test
    void searchesForTheFirstBlockWithBufferSizedReadsAndNoFurtherThanTheRangeEnd() {
        byte[] payload = new byte[4 << 20];
        new Random(14).nextBytes(payload);
        byte[] file = RawContainer.withLongSchema().block(1, payload).longBlock(2).toByteArray();
        ContainerHeader header = ContainerReads.header(file);

        CountingInput wholeSearch = new CountingInput(file);
        List<Block> blocks =
                ContainerReads.blocks(wholeSearch, header, header.end() + 1, file.length);
        assertThat(blocks).extracting(Block::recordCount).containsExactly(2L);
        assertThat(wholeSearch.reads()).isLessThanOrEqualTo(file.length / BUFFER + 2);

        CountingInput boundedSearch = new CountingInput(file);
        assertThat(
                        ContainerReads.blocks(
                                boundedSearch, header, header.end() + 1, header.end() + 1000))
                .isEmpty();
        assertThat(boundedSearch.reads()).isEqualTo(1);
    }

    @Test
    void reportsAPayloadCutShortAsTruncatedAtTheBlock() {
        RawContainer container = RawContainer.withLongSchema().longBlock(3);
        long blockOffset = container.size();
        byte[] file = container.longBlock(100).toByteArray();

        JetlinerException e =
                assertFailure(
                        Arrays.copyOf(file, (int) blockOffset + 50), Kind.TRUNCATED, blockOffset);
        assertThat(e.detail()).contains("declares");
    }

    @Test
    void reportsASyncMarkerCutShortAsTruncatedAtTheMarker() {
        byte[] file = RawContainer.withLongSchema().longBlock(3).toByteArray();

        assertFailure(Arrays.copyOf(file, file.length - 1), Kind.TRUNCATED, file.length - 16);
        assertFailure(Arrays.copyOf(file, file.length - 15), Kind.TRUNCATED, file.length - 16);
    }

    @Test
    void reportsAFileCutAnywhereInItsBlocksAsTruncatedOrEndsAtABlockBoundary() {
        byte[] file =
                RawContainer.withLongSchema()
                        .longBlock(3)
                        .longBlock(200)
                        .longBlock(1)
                        .toByteArray();
        List<Block> blocks = ContainerReads.blocks(file, 0, file.length);
        long headerEnd = ContainerReads.header(file).end();

        for (int cut = (int) headerEnd; cut < file.length; cut++) {
            byte[] truncated = Arrays.copyOf(file, cut);
            long length = cut;
            int whole = (int) blocks.stream().filter(b -> b.endOffset() <= length).count();
            if (blocks.stream().anyMatch(b -> b.endOffset() == length) || cut == headerEnd) {
                assertThat(ContainerReads.blocks(truncated, 0, cut)).hasSize(whole);
            } else {
                List<Block> read = new ArrayList<>();
                JetlinerException e =
                        catchThrowableOfType(
                                JetlinerException.class, () -> readInto(truncated, read));
                assertThat(e).as("cut at %d", cut).isNotNull();
                assertThat(e.kind()).as("cut at %d: %s", cut, e).isEqualTo(Kind.TRUNCATED);
                assertThat(e.fileOffset())
                        .as("cut at %d: %s", cut, e)
                        .isBetween(blocks.get(whole).offset(), (long) cut);
                assertThat(read).hasSize(whole);
            }
        }
    }

    @Test
    void reportsTrailingBytesThatFormNoBlockAsTruncated() {
        RawContainer container = RawContainer.withLongSchema().longBlock(3);
        long trailing = container.size();
        byte[] file = container.raw(new byte[] {0x06}).toByteArray();

        assertFailure(file, Kind.TRUNCATED, trailing);
    }

    @Test
    void reportsAWrongSyncMarkerAtItsOffset() {
        byte[] file = RawContainer.withLongSchema().longBlock(3).longBlock(4).toByteArray();
        file[file.length - 7] ^= 1;

        JetlinerException e = assertFailure(file, Kind.BAD_SYNC_MARKER, file.length - 16);
        assertThat(e.detail())
                .isEqualTo(
                        "sync marker does not match the header's; the file is corrupt or was"
                                + " truncated while being written");
    }

    @Test
    void goesOnAfterTheNextSyncMarkerOnceABlockFails() throws IOException {
        RawContainer container = RawContainer.withLongSchema().longBlock(3);
        long broken = container.size();
        // a block whose byte size runs past the end of the file, then two good ones
        container.varint(2).varint(1L << 20).raw(new byte[5]).raw(RawContainer.SYNC);
        container.longBlock(4).longBlock(5);
        byte[] file = container.toByteArray();

        List<Long> counts = new ArrayList<>();
        try (BlockReader reader =
                new BlockReader(
                        new ByteArrayInput(file),
                        ContainerReads.header(file),
                        "f",
                        0,
                        file.length,
                        1 << 20)) {
            counts.add(reader.next().recordCount());
            JetlinerException e = catchThrowableOfType(JetlinerException.class, reader::next);
            assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(e.fileOffset()).isEqualTo(broken);
            assertThat(reader.failedBlockRecordCount()).isEqualTo(2);

            assertThat(reader.skipToNextBlock()).isTrue();
            for (Block block = reader.next(); block != null; block = reader.next()) {
                counts.add(block.recordCount());
            }
            assertThat(reader.skipToNextBlock()).isFalse();
        }
        assertThat(counts).containsExactly(3L, 4L, 5L);
    }

    @Test
    void endsTheRangeWhenNoSyncMarkerFollowsAFailedBlock() throws IOException {
        RawContainer container = RawContainer.withLongSchema().longBlock(3);
        container.varint(2).varint(1L << 20).raw(new byte[5]);
        byte[] file = container.toByteArray();

        try (BlockReader reader =
                new BlockReader(
                        new ByteArrayInput(file),
                        ContainerReads.header(file),
                        "f",
                        0,
                        file.length,
                        1 << 20)) {
            assertThat(reader.next().recordCount()).isEqualTo(3);
            assertThatThrownBy(reader::next).isInstanceOf(JetlinerException.class);
            assertThat(reader.skipToNextBlock()).isFalse();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void rejectsABlockAboveTheMaximumSizeBeforeAllocatingIt() {
        RawContainer container = RawContainer.withLongSchema();
        long blockOffset = container.size();
        byte[] file = container.varint(1).varint(1L << 40).raw(new byte[32]).toByteArray();

        JetlinerException e = assertFailure(file, Kind.SIZE_LIMIT_EXCEEDED, blockOffset);
        assertThat(e.detail()).contains(String.valueOf(1L << 40));
    }

    @Test
    void rejectsABlockLargerThanTheRestOfTheFileBeforeAllocatingIt() {
        RawContainer container = RawContainer.withLongSchema();
        long blockOffset = container.size();
        // Allocating the declared size would fail on any test heap.
        byte[] file =
                container.varint(1).varint(Integer.MAX_VALUE - 100).raw(new byte[32]).toByteArray();
        ContainerHeader header = ContainerReads.header(file);

        JetlinerException e =
                catchThrowableOfType(
                        JetlinerException.class,
                        () -> readAll(new ByteArrayInput(file), header, Integer.MAX_VALUE));

        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.fileOffset()).isEqualTo(blockOffset);
    }

    @Test
    void rejectsANegativeRecordCount() {
        RawContainer container = RawContainer.withLongSchema();
        long blockOffset = container.size();
        byte[] file = container.varint(-1).bytes(new byte[4]).raw(SYNC).toByteArray();

        assertFailure(file, Kind.BAD_HEADER, blockOffset);
    }

    @Test
    void rejectsANegativeByteSize() {
        RawContainer container = RawContainer.withLongSchema().longBlock(2);
        long blockOffset = container.size();
        byte[] file = container.varint(1).varint(-4).raw(new byte[4]).raw(SYNC).toByteArray();

        assertFailure(file, Kind.BAD_HEADER, blockOffset);
    }

    @Test
    void rejectsAnInvalidRange() {
        byte[] file = RawContainer.withLongSchema().toByteArray();
        ContainerHeader header = ContainerReads.header(file);
        ByteArrayInput input = new ByteArrayInput(file);

        assertThatThrownBy(() -> new BlockReader(input, header, "f", -1, 10, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockReader(input, header, "f", 10, 9, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockReader(input, header, "f", 0, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closesItsInputAndRefusesToReadAfterwards() throws IOException {
        byte[] file = RawContainer.withLongSchema().longBlock(1).toByteArray();
        CountingInput input = new CountingInput(file);
        BlockReader reader =
                new BlockReader(input, ContainerReads.header(file), "f", 0, file.length, 100);

        assertThat(reader.next()).isNotNull();
        assertThat(reader.blocksRead()).isEqualTo(1);
        reader.close();

        assertThat(input.isClosed()).isTrue();
        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
    }

    /** Every split of the file in two, and in three around each point, loses no block. */
    private static void assertEveryPartitionYieldsEachBlockOnce(byte[] file) {
        List<Long> all = offsets(ContainerReads.blocks(file, 0, file.length));
        for (long cut = 0; cut <= file.length; cut++) {
            List<Long> together = new ArrayList<>(offsets(ContainerReads.blocks(file, 0, cut)));
            together.addAll(
                    offsets(ContainerReads.blocks(file, cut, Math.min(cut + 20, file.length))));
            together.addAll(
                    offsets(
                            ContainerReads.blocks(
                                    file, Math.min(cut + 20, file.length), file.length)));
            assertThat(together).as("cut at %d", cut).containsExactlyElementsOf(all);
        }
    }

    private static List<Long> offsets(List<Block> blocks) {
        return blocks.stream().map(Block::offset).toList();
    }

    private static JetlinerException assertFailure(byte[] file, Kind kind, long offset) {
        JetlinerException e =
                catchThrowableOfType(
                        JetlinerException.class,
                        () ->
                                readAll(
                                        new ByteArrayInput(file),
                                        ContainerReads.header(file),
                                        1 << 20));
        assertThat(e).as("reading bad blocks must fail").isNotNull();
        assertThat(e.kind()).as("%s", e).isEqualTo(kind);
        assertThat(e.fileOffset()).as("%s", e).isEqualTo(offset);
        assertThat(e.file()).isEqualTo("bad.avro");
        return e;
    }

    private static void readAll(SeekableInput input, ContainerHeader header, int maxBlockSize)
            throws IOException {
        try (BlockReader reader =
                new BlockReader(input, header, "bad.avro", 0, Long.MAX_VALUE, maxBlockSize)) {
            while (reader.next() != null) {}
        }
    }

    private static void readInto(byte[] file, List<Block> read) throws IOException {
        try (BlockReader reader =
                new BlockReader(
                        new ByteArrayInput(file),
                        ContainerReads.header(file),
                        "f",
                        0,
                        file.length,
                        1 << 20)) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                read.add(block);
            }
        }
    }
}
