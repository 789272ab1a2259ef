package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.container.SeekableInput;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockPrefetcherTest {

    private static final int SYNC_SIZE = 16;

    private static final Schema SCHEMA =
            SchemaBuilder.record("R").fields().requiredLong("id").requiredString("s").endRecord();

    @Test
    void neverHoldsMoreBlocksThanBufferBlocksWhileTheConsumerIsHeldBack() throws Exception {
        byte[] file = write(20_000, 1024, CodecFactory.deflateCodec(1));
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 3, Long.MAX_VALUE, 1 << 20)) {
            prefetcher.add(range("a", file));
            waitUntilProducerStalls(prefetcher);

            assertThat(prefetcher.stats().blocks()).isEqualTo(3);
            PrefetchedBlock first = prefetcher.take();
            // taken but not released: still held, so no room for a fourth block
            waitUntilProducerStalls(prefetcher);
            assertThat(prefetcher.stats().blocks()).isEqualTo(3);

            prefetcher.release(first);
            waitUntil(() -> prefetcher.stats().blocks() == 4);
            waitUntilProducerStalls(prefetcher);
            assertThat(prefetcher.stats().blocks()).isEqualTo(4);
        }
    }

    @Test
    void startsNoBlockWhileTheBytesHeldReachBufferBytes() throws Exception {
        byte[] file = write(20_000, 4096, CodecFactory.nullCodec());
        // each block decompresses to about 4 KiB, held in a buffer of at least 8 KiB
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 100, 20_000, 1 << 20)) {
            prefetcher.add(range("a", file));
            waitUntilProducerStalls(prefetcher);

            long held = prefetcher.stats().blocks();
            assertThat(held).isBetween(1L, 3L);
            List<PrefetchedBlock> taken = new ArrayList<>();
            for (int i = 0; i < held; i++) {
                taken.add(prefetcher.take());
            }
            long bytesHeld = taken.stream().mapToLong(b -> b.data().array().length).sum();
            // no block started at or past the limit: all but the last fit under it
            assertThat(bytesHeld - taken.get(taken.size() - 1).data().array().length)
                    .isLessThan(20_000);
        }
    }

    @Test
    void deliversEveryBlockOfEveryRangeInOrderEachRangeFollowedByItsEndMark() throws Exception {
        byte[] fileA = write(3_000, 512, CodecFactory.snappyCodec());
        byte[] fileB = write(2_000, 512, CodecFactory.zstandardCodec(3));
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 2, 1 << 20, 1 << 20)) {
            prefetcher.add(range("a", fileA));
            prefetcher.add(range("b", fileB));

            assertThat(drainRecordCount(prefetcher, "a")).isEqualTo(3_000);
            assertThat(drainRecordCount(prefetcher, "b")).isEqualTo(2_000);
        }
    }

    @Test
    void deliversAFailureInThePlaceOfTheBlockItHit() throws Exception {
        byte[] file = write(3_000, 512, CodecFactory.nullCodec());
        file[file.length - 3] ^= 0x7f; // the last block's sync marker
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 2, 1 << 20, 1 << 20)) {
            assertFailsAfterSomeBlocksAtTheBrokenSyncMarker(prefetcher, file);
        }
    }

    @Test
    @Timeout(30)
    void throwsWhatKilledThePrefetchThreadAfterItsBlocksInsteadOfWaitingForever() throws Exception {
        byte[] file = write(100, 512, CodecFactory.nullCodec());
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 4, 1 << 20, 1 << 20)) {
            prefetcher.add(range("a", file));
            prefetcher.add(
                    new PrefetchRange(
                            "b",
                            "file-b",
                            () -> {
                                throw new UnsatisfiedLinkError("no native codec library");
                            },
                            0,
                            100,
                            null));
            long records = 0;
            for (PrefetchedBlock b = prefetcher.take(); !b.isEndOfRange(); b = prefetcher.take()) {
                records += b.recordCount();
                prefetcher.release(b);
            }
            assertThat(records).isEqualTo(100);
            assertThatThrownBy(prefetcher::take).isInstanceOf(UnsatisfiedLinkError.class);
            assertThatThrownBy(prefetcher::take).isInstanceOf(UnsatisfiedLinkError.class);
        }
    }

    @Test
    @Timeout(30)
    void aWaitingConsumerDecompressesTheBlockReadForItWhileThePrefetchThreadReadsOn()
            throws Exception {
        byte[] file = write(3_000, 512, CodecFactory.deflateCodec(1));
        List<PrefetchedBlock> blocks = new ArrayList<>();
        try (BlockPrefetcher reference = new BlockPrefetcher("t", 100, 1 << 20, 1 << 20)) {
            reference.add(range("a", file));
            for (PrefetchedBlock b = reference.take(); !b.isEndOfRange(); b = reference.take()) {
                blocks.add(b);
            }
        }
        // reads from the start of block 1 on wait until the gate opens: the prefetch thread is
        // stuck there once it has read block 0, and cannot decompress it
        GatedInput gated = new GatedInput(file, blocks.get(1).offset());
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 100, 1 << 20, 1 << 20)) {
            CompletableFuture<PrefetchedBlock> first = new CompletableFuture<>();
            Thread consumer =
                    new Thread(
                            () -> {
                                try {
                                    first.complete(prefetcher.take());
                                } catch (Throwable e) {
                                    first.completeExceptionally(e);
                                }
                            });
            consumer.start();
            waitUntil(() -> consumer.getState() == Thread.State.WAITING);
            prefetcher.add(new PrefetchRange("a", "file-a", () -> gated, 0, file.length, null));

            PrefetchedBlock taken = first.get();
            gated.reachedGate.await();
            assertThat(gated.open.getCount()).as("still closed").isEqualTo(1);
            assertThat(taken.offset()).isEqualTo(blocks.get(0).offset());
            assertThat(taken.data().length()).isEqualTo(blocks.get(0).data().length());
            assertThat(prefetcher.stats().consumerDecompressedBlocks()).isEqualTo(1);
            prefetcher.release(taken);

            gated.open.countDown();
            long records = taken.recordCount();
            for (PrefetchedBlock b = prefetcher.take(); !b.isEndOfRange(); b = prefetcher.take()) {
                records += b.recordCount();
                prefetcher.release(b);
            }
            assertThat(records).isEqualTo(3_000);
        }
    }

    /** The bytes of a file, of which those from {@code gate} on are read once the gate opens. */
    private static final class GatedInput implements SeekableInput {
        final CountDownLatch reachedGate = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        private final ByteArrayInput input;
        private final long gate;

        GatedInput(byte[] file, long gate) {
            this.input = new ByteArrayInput(file);
            this.gate = gate;
        }

        @Override
        public long length() throws IOException {
            return input.length();
        }

        @Override
        public void seek(long position) throws IOException {
            input.seek(position);
        }

        @Override
        public long position() throws IOException {
            return input.position();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long position = input.position();
            if (position >= gate && open.getCount() > 0) {
                reachedGate.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            int allowed = open.getCount() > 0 ? (int) Math.min(length, gate - position) : length;
            return input.read(buffer, offset, allowed);
        }

        @Override
        public void close() {}
    }

    @Test
    void wakeUpMakesAWaitingTakeReturnNull() throws Exception {
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 2, 1 << 20, 1 << 20)) {
            Thread waker =
                    new Thread(
                            () -> {
                                sleep(100);
                                prefetcher.wakeUp();
                            });
            waker.start();
            assertThat(prefetcher.take()).isNull();
            waker.join();
        }
    }

    @Test
    void closeStopsAProducerWaitingForRoom() throws Exception {
        byte[] file = write(20_000, 512, CodecFactory.nullCodec());
        BlockPrefetcher prefetcher = new BlockPrefetcher("closing", 1, 1 << 20, 1 << 20);
        prefetcher.add(range("a", file));
        waitUntilProducerStalls(prefetcher);

        prefetcher.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("jetliner-prefetch-closing"));
        assertThat(prefetcher.take()).isNull();
    }

    @Test
    void rejectsAnUnknownCodecByName() throws Exception {
        byte[] file = write(10, 512, CodecFactory.nullCodec());
        byte[] renamed =
                new String(file, "ISO-8859-1").replace("null", "lz4x").getBytes("ISO-8859-1");
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 2, 1 << 20, 1 << 20)) {
            prefetcher.add(range("a", renamed));
            assertThatThrownBy(prefetcher::take)
                    .isInstanceOf(JetlinerException.class)
                    .hasMessageContaining("file-a")
                    .hasMessageContaining("lz4x");
        }
    }

    @Test
    void withoutPayloadsDeliversEveryRecordCountAndDecompressesNothingWhateverTheCodec()
            throws Exception {
        byte[] file = write(5_000, 512, CodecFactory.nullCodec());
        long blocks = countBlocks(file);
        // no codec of that name exists: asked to decompress, the prefetcher would fail
        byte[] unknownCodec =
                new String(file, "ISO-8859-1").replace("null", "lz4x").getBytes("ISO-8859-1");
        try (BlockPrefetcher prefetcher =
                new BlockPrefetcher(
                        "t", 2, 1 << 20, 1 << 20, ErrorMode.FAIL, BlockContent.HEADER)) {
            prefetcher.add(range("a", unknownCodec));

            assertThat(drainRecordCount(prefetcher, "a")).isEqualTo(5_000);
            assertThat(prefetcher.stats().blocks()).isEqualTo(blocks).isGreaterThan(5);
            assertThat(prefetcher.stats().decompressedBytes()).isZero();
            assertThat(prefetcher.stats().compressedBytes()).isZero();
        }
    }

    @Test
    void withoutPayloadsStillHoldsNoMoreThanBufferBlocks() throws Exception {
        byte[] file = write(20_000, 1024, CodecFactory.deflateCodec(1));
        try (BlockPrefetcher prefetcher =
                new BlockPrefetcher(
                        "t", 3, Long.MAX_VALUE, 1 << 20, ErrorMode.FAIL, BlockContent.HEADER)) {
            prefetcher.add(range("a", file));
            waitUntilProducerStalls(prefetcher);
            assertThat(prefetcher.stats().blocks()).isEqualTo(3);

            PrefetchedBlock first = prefetcher.take();
            assertThat(first.hasPayload()).isFalse();
            assertThat(first.data().length()).isZero();
            assertThat(first.compressedSize()).isPositive();
            prefetcher.release(first);
            waitUntil(() -> prefetcher.stats().blocks() == 4);
            waitUntilProducerStalls(prefetcher);
            assertThat(prefetcher.stats().blocks()).isEqualTo(4);
        }
    }

    @Test
    void withoutPayloadsStillDeliversABadSyncMarkerInThePlaceOfItsBlock() throws Exception {
        byte[] file = write(3_000, 512, CodecFactory.deflateCodec(1));
        file[file.length - 3] ^= 0x7f; // the last block's sync marker
        try (BlockPrefetcher prefetcher =
                new BlockPrefetcher(
                        "t", 2, 1 << 20, 1 << 20, ErrorMode.FAIL, BlockContent.HEADER)) {
            assertFailsAfterSomeBlocksAtTheBrokenSyncMarker(prefetcher, file);
        }
    }

    @Test
    void withoutPayloadsSkipBlockModeSkipsWhatABrokenSyncMarkerBreaksButCountsACorruptPayload()
            throws Exception {
        byte[] file = write(3_000, 512, CodecFactory.deflateCodec(1));
        List<PrefetchedBlock> blocks = new ArrayList<>();
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 2, 1 << 20, 1 << 20)) {
            prefetcher.add(range("a", file));
            for (PrefetchedBlock b = prefetcher.take(); !b.isEndOfRange(); b = prefetcher.take()) {
                blocks.add(b);
                prefetcher.release(b);
            }
        }
        assertThat(blocks).hasSizeGreaterThan(5);
        // a raw deflate stream that begins with a block of the reserved type 11 fails at once
        file[(int) (endOf(blocks, 1, file) - SYNC_SIZE - blocks.get(1).compressedSize())] =
                (byte) 0xff;
        file[(int) (endOf(blocks, 3, file) - SYNC_SIZE + 5)] ^= 0x7f;

        long[] decompressing = drainSkippingBlocks(file, BlockContent.PAYLOAD);
        long[] headersOnly = drainSkippingBlocks(file, BlockContent.HEADER);
        long[] rangeCount = drainSkippingBlocks(file, BlockContent.RANGE_COUNT);

        assertThat(decompressing[0]).isLessThan(3_000 - blocks.get(1).recordCount());
        assertThat(headersOnly[0]).isEqualTo(decompressing[0] + blocks.get(1).recordCount());
        assertThat(decompressing[1]).isEqualTo(2);
        assertThat(headersOnly[1]).isEqualTo(1);
        assertThat(rangeCount).containsExactly(headersOnly);
    }

    @Test
    void rangeCountDeliversEachRangeAsOneBlockFromItsFirstBlockWithAllItsRecords()
            throws Exception {
        byte[] file = write(5_000, 512, CodecFactory.deflateCodec(1));
        long middle = file.length / 2;
        List<List<PrefetchedBlock>> headers = new ArrayList<>();
        List<List<PrefetchedBlock>> counts = new ArrayList<>();
        for (BlockContent content : List.of(BlockContent.HEADER, BlockContent.RANGE_COUNT)) {
            try (BlockPrefetcher prefetcher =
                    new BlockPrefetcher("t", 2, 1 << 20, 1 << 20, ErrorMode.FAIL, content)) {
                prefetcher.add(
                        new PrefetchRange(
                                "a", "f", () -> new ByteArrayInput(file), 0, middle, null));
                prefetcher.add(
                        new PrefetchRange(
                                "b",
                                "f",
                                () -> new ByteArrayInput(file),
                                middle,
                                file.length,
                                null));
                List<List<PrefetchedBlock>> ranges =
                        content == BlockContent.HEADER ? headers : counts;
                for (int r = 0; r < 2; r++) {
                    List<PrefetchedBlock> blocks = new ArrayList<>();
                    for (PrefetchedBlock b = prefetcher.take();
                            !b.isEndOfRange();
                            b = prefetcher.take()) {
                        blocks.add(b);
                        prefetcher.release(b);
                    }
                    ranges.add(blocks);
                }
                assertThat(prefetcher.stats().blocks())
                        .isEqualTo(headers.get(0).size() + headers.get(1).size());
            }
        }

        for (int r = 0; r < 2; r++) {
            List<PrefetchedBlock> blocks = headers.get(r);
            assertThat(blocks).hasSizeGreaterThan(3);
            PrefetchedBlock sum = counts.get(r).get(0);
            assertThat(counts.get(r)).hasSize(1);
            assertThat(sum.hasPayload()).isFalse();
            assertThat(sum.offset()).isEqualTo(blocks.get(0).offset());
            assertThat(sum.index()).isEqualTo(blocks.get(0).index());
            assertThat(sum.recordCount())
                    .isEqualTo(blocks.stream().mapToLong(PrefetchedBlock::recordCount).sum());
            assertThat(sum.compressedSize())
                    .isEqualTo(blocks.stream().mapToLong(PrefetchedBlock::compressedSize).sum());
        }
        assertThat(counts.get(0).get(0).recordCount() + counts.get(1).get(0).recordCount())
                .isEqualTo(5_000);
    }

    /** The records delivered and the blocks skipped reading the file in skip-block mode. */
    private static long[] drainSkippingBlocks(byte[] file, BlockContent content)
            throws InterruptedException {
        try (BlockPrefetcher prefetcher =
                new BlockPrefetcher("t", 2, 1 << 20, 1 << 20, ErrorMode.SKIP_BLOCK, content)) {
            prefetcher.add(range("a", file));
            long records = drainRecordCount(prefetcher, "a");
            return new long[] {records, prefetcher.badInputPolicy().skippedBlocks()};
        }
    }

    /** Where block {@code i} ends: just past its sync marker. */
    private static long endOf(List<PrefetchedBlock> blocks, int i, byte[] file) {
        return i + 1 < blocks.size() ? blocks.get(i + 1).offset() : file.length;
    }

    private static long countBlocks(byte[] file) throws InterruptedException {
        try (BlockPrefetcher prefetcher = new BlockPrefetcher("t", 2, 1 << 20, 1 << 20)) {
            prefetcher.add(range("a", file));
            drainRecordCount(prefetcher, "a");
            return prefetcher.stats().blocks();
        }
    }

    private static long drainRecordCount(BlockPrefetcher prefetcher, String rangeId)
            throws InterruptedException {
        long records = 0;
        for (PrefetchedBlock b = prefetcher.take(); !b.isEndOfRange(); b = prefetcher.take()) {
            assertThat(b.range().id()).isEqualTo(rangeId);
            records += b.recordCount();
            prefetcher.release(b);
        }
        return records;
    }

    private static PrefetchRange range(String id, byte[] file) {
        return new PrefetchRange(
                id, "file-" + id, () -> new ByteArrayInput(file), 0, file.length, null);
    }

    /** Waits until the producer has been blocked on a full buffer for a while. */
    private static void waitUntilProducerStalls(BlockPrefetcher prefetcher) {
        long lastBlocks = -1;
        int stable = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stable < 5 && System.nanoTime() < deadline) {
            sleep(40);
            long blocks = prefetcher.stats().blocks();
            stable = blocks == lastBlocks && blocks > 0 ? stable + 1 : 0;
            lastBlocks = blocks;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] write(int rows, int syncInterval, CodecFactory codec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            writer.setCodec(codec);
            writer.setSyncInterval(syncInterval);
            writer.create(SCHEMA, out);
            for (long i = 0; i < rows; i++) {
                GenericRecord record = new GenericData.Record(SCHEMA);
                record.put("id", i);
                record.put("s", "value-" + i);
                writer.append(record);
            }
        }
        return out.toByteArray();
    }

    /** Reads {@code file}, 3,000 records whose last sync marker is broken, as range "a". */
    private static void assertFailsAfterSomeBlocksAtTheBrokenSyncMarker(
            BlockPrefetcher prefetcher, byte[] file) throws Exception {
        prefetcher.add(range("a", file));
        long records = 0;
        Throwable failure = null;
        try {
            for (PrefetchedBlock b = prefetcher.take(); ; b = prefetcher.take()) {
                records += b.recordCount();
                prefetcher.release(b);
            }
        } catch (JetlinerException e) {
            failure = e;
        }
        assertThat(failure)
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("file-a")
                .hasMessageContaining("sync marker");
        assertThat(records).isGreaterThan(0).isLessThan(3_000);
    }
}
