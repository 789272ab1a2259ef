package io.jetliner.flink.avro.container;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.jetliner.flink.avro.container.RawContainer.SYNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The block reader that skips payloads: the same blocks, the same checks, far fewer bytes. */
class BlockReaderSkippingPayloadsTest {

    @Test
    void findsTheSameBlocksAsAReaderOfPayloadsForAnyRange() {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                3000, CodecFactory.deflateCodec(3), 4096, 0.01, SYNC, Map.of()),
                        new Random(21));
        ContainerHeader header = ContainerReads.header(file);

        for (long[] range :
                new long[][] {
                    {0, file.length},
                    {0, file.length / 3},
                    {file.length / 3, 2 * file.length / 3},
                    {2 * file.length / 3, Long.MAX_VALUE}
                }) {
            List<Block> read =
                    ContainerReads.blocks(
                            new ByteArrayInput(file), header, range[0], range[1], true);
            List<Block> skipped =
                    ContainerReads.blocks(
                            new ByteArrayInput(file), header, range[0], range[1], false);

            assertThat(skipped).as("range %s", Arrays.toString(range)).isNotEmpty();
            assertThat(skipped).noneMatch(Block::hasPayload);
            assertThat(skipped)
                    .extracting(BlockReaderSkippingPayloadsTest::placeAndCount)
                    .containsExactlyElementsOf(
                            read.stream()
                                    .map(BlockReaderSkippingPayloadsTest::placeAndCount)
                                    .toList());
        }
    }

    @Test
    void readsNoMoreThanAFewKilobytesOfEachLargeBlock() {
        Random random = new Random(22);
        RawContainer container = RawContainer.withLongSchema();
        int blocks = 20;
        for (int i = 0; i < blocks; i++) {
            byte[] payload = new byte[200_000 + random.nextInt(50_000)];
            random.nextBytes(payload);
            container.block(i, payload);
        }
        byte[] file = container.toByteArray();
        ContainerHeader header = ContainerReads.header(file);
        CountingInput input = new CountingInput(file);

        List<Block> read = ContainerReads.blocks(input, header, 0, file.length, false);

        assertThat(read).extracting(Block::recordCount).hasSize(blocks).contains(0L, 19L);
        assertThat(read.get(blocks - 1).endOffset()).isEqualTo(file.length);
        // the first read fills the whole buffer, each one after a skip a few KiB
        assertThat(input.bytesRead())
                .isLessThanOrEqualTo((64 << 10) + (long) blocks * BufferedInput.SPARSE_FILL_SIZE)
                .isLessThan(file.length / 20);
    }

    @Test
    void readsSmallBlocksInWholeBuffersWhenNoSkipLeavesTheBuffer() {
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(5000, CodecFactory.nullCodec(), 32, 0, SYNC, Map.of()),
                        new Random(23));
        CountingInput input = new CountingInput(file);

        List<Block> read =
                ContainerReads.blocks(input, ContainerReads.header(file), 0, file.length, false);

        assertThat(read.stream().mapToLong(Block::recordCount).sum()).isEqualTo(5000);
        assertThat(input.reads()).isLessThanOrEqualTo(file.length / (64 << 10) + 2);
    }

    @Test
    void stillReportsAWrongSyncMarkerAtItsOffset() {
        byte[] file = RawContainer.withLongSchema().longBlock(3).longBlock(4).toByteArray();
        file[file.length - 7] ^= 1;

        JetlinerException e = assertFailure(file);

        assertThat(e.kind()).isEqualTo(Kind.BAD_SYNC_MARKER);
        assertThat(e.fileOffset()).isEqualTo(file.length - 16);
    }

    @Test
    void stillReportsAFileCutAnywhereInItsBlocksAsTruncatedOrEndsAtABlockBoundary() {
        byte[] file =
                RawContainer.withLongSchema()
                        .longBlock(3)
                        .longBlock(200)
                        .block(0, new byte[0])
                        .longBlock(1)
                        .toByteArray();
        List<Block> blocks = ContainerReads.blocks(file, 0, file.length);
        long headerEnd = ContainerReads.header(file).end();

        for (int cut = (int) headerEnd; cut < file.length; cut++) {
            byte[] truncated = Arrays.copyOf(file, cut);
            long length = cut;
            if (blocks.stream().anyMatch(b -> b.endOffset() == length) || cut == headerEnd) {
                long whole = blocks.stream().filter(b -> b.endOffset() <= length).count();
                assertThat(
                                ContainerReads.blocks(
                                        new ByteArrayInput(truncated),
                                        ContainerReads.header(truncated),
                                        0,
                                        cut,
                                        false))
                        .hasSize((int) whole);
            } else {
                JetlinerException e = assertFailure(truncated);
                assertThat(e.kind()).as("cut at %d: %s", cut, e).isEqualTo(Kind.TRUNCATED);
            }
        }
    }

    @Test
    void refusesToHandOutASkippedPayload() {
        byte[] file = RawContainer.withLongSchema().longBlock(3).toByteArray();

        Block block =
                ContainerReads.blocks(
                                new ByteArrayInput(file),
                                ContainerReads.header(file),
                                0,
                                file.length,
                                false)
                        .get(0);

        assertThat(block.hasPayload()).isFalse();
        assertThat(block.length()).isPositive();
        assertThatThrownBy(block::data).isInstanceOf(IllegalStateException.class);
    }

    private static String placeAndCount(Block block) {
        return block.offset()
                + ": "
                + block.recordCount()
                + " records in "
                + block.length()
                + " bytes, up to "
                + block.endOffset();
    }

    private static JetlinerException assertFailure(byte[] file) {
        JetlinerException e =
                catchThrowableOfType(
                        JetlinerException.class,
                        () -> {
                            try (BlockReader reader =
                                    new BlockReader(
                                            new ByteArrayInput(file),
                                            ContainerReads.header(file),
                                            "bad.avro",
                                            0,
                                            Long.MAX_VALUE,
                                            1 << 20,
                                            false)) {
                                while (reader.next() != null) {}
                            } catch (IOException ex) {
                                throw new AssertionError(ex);
                            }
                        });
        assertThat(e).as("reading bad blocks must fail").isNotNull();
        assertThat(e.file()).isEqualTo("bad.avro");
        return e;
    }
}
