package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.codec.Codec;
import io.jetliner.flink.avro.codec.Codecs;
import io.jetliner.flink.avro.codec.GrowableBuffer;
import io.jetliner.flink.avro.container.Block;
import io.jetliner.flink.avro.container.BlockReader;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.SeekableInput;
import io.jetliner.flink.avro.schema.EncodedSizes;

import org.apache.flink.annotation.Internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads and decompresses blocks ahead of the decoder, on a thread of its own, so that I/O and
 * decompression overlap decoding.
 *
 * <p>The prefetch thread decompresses each block it reads, unless a consumer is waiting for one: it
 * then leaves the block to that consumer and reads on. A consumer whose next block is not
 * decompressed yet, and who holds at most one block taken before (so that whatever decodes them is
 * about to wait too), decompresses the oldest one nobody has started rather than wait: where
 * decompression is the slower half, two threads share it, and where decoding is, decompression
 * stays on the prefetch thread and leaves the decoding thread its core.
 *
 * <p>Ranges are read in the order they are {@linkplain #add added}; their blocks, each followed
 * range by an end mark, come out of {@link #take()} in the same order, and a failure comes out in
 * the place of the block it hit. In {@link ErrorMode#SKIP_BLOCK} mode a block that cannot be read
 * or decompressed is skipped instead (the read goes on after the next sync marker), and a range
 * whose file header cannot be read ends at once; see {@link BadInputPolicy}. The prefetcher holds
 * at most {@code bufferBlocks} decompressed blocks, counting those taken but not yet {@linkplain
 * #release released}, and starts no new block while it holds {@code bufferBytes} or more: memory
 * stays within {@code bufferBytes} plus one block, whatever the file's size. Decompression buffers
 * are pooled and reused; a block read but not yet decompressed counts with its stored bytes.
 *
 * <p>A prefetcher made not to read payloads ({@link BlockContent}) reads only each block's header
 * and marker, for readers whose rows need no more than the record counts: no payload is read or
 * decompressed, and blocks come out without one ({@link PrefetchedBlock#hasPayload()}), each on its
 * own ({@link BlockContent#HEADER}) or a range's all summed into one ({@link
 * BlockContent#RANGE_COUNT}). Header-only blocks still count against {@code bufferBlocks}, so that
 * the prefetcher stays only that far ahead.
 *
 * <p>Thread-safety: {@link #add}, {@link #take}, {@link #release}, {@link #wakeUp} and {@link
 * #close} may be called from any thread; in practice one consumer thread takes and releases.
 * Headers are read once per file, on the prefetch thread; codecs are pooled by name, one for each
 * thread decompressing at a time.
 */
@Internal
public final class BlockPrefetcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockPrefetcher.class);

    private static final int HEADER_CACHE_SIZE = 64;

    /**
     * A consumer decompresses a block itself only while it holds at most this many blocks: with
     * more, the thread decoding them is busy for a while yet, and a third busy thread would take
     * its core.
     */
    private static final int MOST_BLOCKS_TAKEN_TO_HELP = 1;

    private final String name;
    private final int maxBlocks;
    private final long maxBytes;
    private final int maxBlockSize;
    private final BlockContent content;
    private final PrefetchStats stats = new PrefetchStats();

    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<PrefetchRange> ranges = new ArrayDeque<>();
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final ArrayDeque<GrowableBuffer> pool = new ArrayDeque<>();
    private int heldBlocks;
    private long heldBytes;
    private boolean wokenUp;
    private int waitingConsumers;

    /** Blocks taken and not yet released: in the consumer's hands, decoded or waiting to be. */
    private int takenBlocks;

    private boolean closed;

    /** What killed the prefetch thread, if anything did: every later take() throws it. */
    private Error died;

    private Thread thread;

    private final BadInputPolicy policy;

    // guarded by lock: the codecs not in use, by the name they were made for
    private final Map<String, ArrayDeque<Codec>> idleCodecs = new HashMap<>();
    private boolean codecsClosed;

    /**
     * What each block's payload is read into, on the prefetch thread, before it is decompressed:
     * one buffer reused rather than an array allocated a block.
     */
    private GrowableBuffer payload = new GrowableBuffer();

    /** The header whose schema's fewest bytes a record takes is {@link #minRecordSize}. */
    private ContainerHeader sizedHeader;

    private long minRecordSize;

    private final Map<String, Boolean> skippedFiles =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > HEADER_CACHE_SIZE;
                }
            };
    private final Map<String, ContainerHeader> headers =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ContainerHeader> eldest) {
                    return size() > HEADER_CACHE_SIZE;
                }
            };

    /**
     * @param name names the prefetch thread
     * @param bufferBlocks the most decompressed blocks held at once, at least 1
     * @param bufferBytes no new block is started while this many bytes are held
     * @param maxBlockSize the largest block accepted, compressed or decompressed
     */
    public BlockPrefetcher(String name, int bufferBlocks, long bufferBytes, int maxBlockSize) {
        this(name, bufferBlocks, bufferBytes, maxBlockSize, ErrorMode.FAIL);
    }

    /**
     * @param name names the prefetch thread
     * @param bufferBlocks the most decompressed blocks held at once, at least 1
     * @param bufferBytes no new block is started while this many bytes are held
     * @param maxBlockSize the largest block accepted, compressed or decompressed
     * @param errorMode whether a block that cannot be read or decompressed, or a file whose header
     *     cannot be read, fails the read or is skipped
     */
    public BlockPrefetcher(
            String name,
            int bufferBlocks,
            long bufferBytes,
            int maxBlockSize,
            ErrorMode errorMode) {
        this(name, bufferBlocks, bufferBytes, maxBlockSize, errorMode, BlockContent.PAYLOAD);
    }

    /**
     * @param content whether payloads are read; where they are not, the blocks handed out have
     *     none, and a block is skipped in {@link ErrorMode#SKIP_BLOCK} mode only where its header
     *     or sync marker is broken, as nothing else of it is read
     * @see #BlockPrefetcher(String, int, long, int, ErrorMode)
     */
    public BlockPrefetcher(
            String name,
            int bufferBlocks,
            long bufferBytes,
            int maxBlockSize,
            ErrorMode errorMode,
            BlockContent content) {
        if (bufferBlocks < 1 || bufferBytes < 1 || maxBlockSize < 1) {
            throw new IllegalArgumentException(
                    "bufferBlocks, bufferBytes and maxBlockSize must be positive");
        }
        this.name = name;
        this.maxBlocks = bufferBlocks;
        this.maxBytes = bufferBytes;
        this.maxBlockSize = maxBlockSize;
        this.content = content;
        this.policy = new BadInputPolicy(errorMode);
    }

    /** Queues a range to read after those added before; starts the prefetch thread if needed. */
    public void add(PrefetchRange range) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the prefetcher " + name + " is closed");
            }
            ranges.add(range);
            if (thread == null) {
                thread = new Thread(this::run, "jetliner-prefetch-" + name);
                thread.setDaemon(true);
                thread.start();
            }
            lock.notifyAll();
        }
    }

    /**
     * The next block or end-of-range mark, waiting for it; null if {@link #wakeUp()} was called or
     * the prefetcher closed while waiting.
     *
     * @throws JetlinerException where the next thing in line is a failure to read
     * @throws Error what killed the prefetch thread, once the blocks it read before are taken
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public PrefetchedBlock take() throws InterruptedException {
        Object next;
        while (true) {
            PendingBlock toDecompress;
            synchronized (lock) {
                next = nextReady();
                if (next != null || wokenUp || closed) {
                    wokenUp = false;
                    if (next instanceof PrefetchedBlock
                            && !((PrefetchedBlock) next).isEndOfRange()) {
                        takenBlocks++;
                    }
                    break;
                }
                toDecompress = consumerHelps() ? claimOldestPending() : null;
                if (toDecompress == null) {
                    if (died != null) {
                        throw died;
                    }
                    long waitStart = System.nanoTime();
                    waitingConsumers++;
                    try {
                        lock.wait();
                    } finally {
                        waitingConsumers--;
                    }
                    stats.consumerWaitNanos.addAndGet(System.nanoTime() - waitStart);
                    continue;
                }
            }
            // rather than wait for the prefetch thread, which is busy with an older block
            decompress(toDecompress);
            stats.consumerDecompressedBlocks.incrementAndGet();
        }
        if (next instanceof JetlinerException) {
            throw (JetlinerException) next;
        }
        return (PrefetchedBlock) next;
    }

    /**
     * Removes and returns the first item in line if it is ready: a block, end mark or failure; null
     * if there is none or the first is a block still to be decompressed. Blocks skipped while
     * decompressed leave their place here.
     */
    private Object nextReady() {
        while (!ready.isEmpty()) {
            Object head = ready.peek();
            if (!(head instanceof PendingBlock)) {
                return ready.poll();
            }
            Object outcome = ((PendingBlock) head).outcome;
            if (outcome == null) {
                return null;
            }
            ready.poll();
            if (outcome != SKIPPED) {
                return outcome;
            }
        }
        return null;
    }

    /** Whether a consumer whose next block is not ready decompresses one itself; holds the lock. */
    private boolean consumerHelps() {
        return takenBlocks <= MOST_BLOCKS_TAKEN_TO_HELP;
    }

    /** The oldest block that nobody has started to decompress, now claimed; null if none. */
    private PendingBlock claimOldestPending() {
        for (Object item : ready) {
            if (item instanceof PendingBlock && !((PendingBlock) item).claimed) {
                PendingBlock pending = (PendingBlock) item;
                pending.claimed = true;
                return pending;
            }
        }
        return null;
    }

    /** Makes a {@link #take()} that is waiting, or the next one, return null. */
    public void wakeUp() {
        synchronized (lock) {
            wokenUp = true;
            lock.notifyAll();
        }
    }

    /** Gives back a block's buffer once its records are decoded; end marks need no release. */
    public void release(PrefetchedBlock block) {
        if (block.isEndOfRange()) {
            return;
        }
        synchronized (lock) {
            heldBlocks--;
            takenBlocks--;
            if (block.hasPayload()) {
                heldBytes -= block.data().array().length;
                pool(block.data());
            }
            lock.notifyAll();
        }
    }

    public PrefetchStats stats() {
        return stats;
    }

    /**
     * What is done with bad input, and the count of what was skipped; shared with the consumer,
     * which skips blocks whose records do not decode.
     */
    public BadInputPolicy badInputPolicy() {
        return policy;
    }

    /** Stops the prefetch thread; blocks not yet taken are dropped. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            running = thread;
            ranges.clear();
            ready.clear();
            lock.notifyAll();
        }
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (running.isAlive()) {
                LOG.warn("The prefetch thread {} did not stop within 10 s", running.getName());
            }
        }
    }

    private void run() {
        try {
            for (PrefetchRange range = nextRange(); range != null; range = nextRange()) {
                try {
                    read(range);
                } catch (ClosedException e) {
                    throw e;
                } catch (JetlinerException e) {
                    deliver(e.at(range.file(), JetlinerException.UNKNOWN));
                } catch (IOException | RuntimeException e) {
                    deliver(
                            new JetlinerException(JetlinerException.Kind.IO, e.toString(), e)
                                    .at(range.file(), JetlinerException.UNKNOWN));
                }
            }
        } catch (InterruptedException | ClosedException e) {
            // closing: nothing left to deliver
        } catch (Error e) {
            // e.g. a native codec library that fails to load: the consumer must hear of it
            // rather than wait forever for a thread that is gone
            synchronized (lock) {
                died = e;
                lock.notifyAll();
            }
            throw e;
        } finally {
            closeCodecs();
        }
    }

    /** The next range to read, decompressing blocks read before while there is none. */
    private PrefetchRange nextRange() throws InterruptedException {
        decompressPendingUntil(() -> closed || !ranges.isEmpty());
        synchronized (lock) {
            return closed ? null : ranges.poll();
        }
    }

    private void read(PrefetchRange range) throws IOException, InterruptedException {
        SeekableInput input = range.opener().open();
        ContainerHeader header;
        BlockReader blocks;
        boolean storedAsIs;
        try {
            header = headerOf(range, input);
            // without payloads there is nothing to decompress: any codec, even unknown, will do
            storedAsIs = content.readsPayloads() && storesBlocksAsIs(header, range);
            blocks =
                    new BlockReader(
                            input,
                            header,
                            range.file(),
                            range.start(),
                            range.end(),
                            maxBlockSize,
                            content.readsPayloads());
        } catch (IOException | RuntimeException e) {
            input.close();
            if (e instanceof JetlinerException && skipFile(range, (JetlinerException) e)) {
                deliver(PrefetchedBlock.endOf(range, null));
                return;
            }
            throw e;
        }
        try (blocks) {
            if (content == BlockContent.RANGE_COUNT) {
                countBlocks(range, header, blocks);
            } else {
                readBlocks(range, header, storedAsIs, blocks);
            }
            deliver(PrefetchedBlock.endOf(range, header));
        }
    }

    /**
     * Delivers the range's blocks, to be decompressed (or as read, where stored as is), or without
     * their payloads if those are not read. A block that fails to read fails the range, or in
     * skip-block mode is skipped, and sends the reader on to the next sync marker, as the block's
     * own bytes cannot say where it ends; one that fails to decompress fails in its place, or is
     * skipped.
     */
    private void readBlocks(
            PrefetchRange range, ContainerHeader header, boolean storedAsIs, BlockReader blocks)
            throws InterruptedException {
        BlockCursor cursor = new BlockCursor(range, header, blocks);
        for (Block block = cursor.next(); block != null; block = cursor.next()) {
            if (block.hasPayload()) {
                GrowableBuffer stored = holdReadPayload();
                if (storedAsIs) {
                    // the block as read is the block to decode
                    deliver(
                            counted(
                                    range,
                                    header,
                                    block.offset(),
                                    cursor.index,
                                    block.recordCount(),
                                    block.length(),
                                    stored));
                } else {
                    PendingBlock pending =
                            new PendingBlock(range, header, block, cursor.index, stored);
                    deliver(pending);
                    decompressUnlessAConsumerWaits(pending);
                }
                continue;
            }
            try {
                deliver(withoutPayload(range, header, block, cursor.index));
            } catch (JetlinerException e) {
                // without payloads, the only failure is a record count that is itself corrupt
                if (!policy.skipBlock(e, -1)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Delivers the range's blocks, without payloads, as one block holding all their records ({@link
     * BlockContent#RANGE_COUNT}). A block whose header or record count is corrupt fails the range,
     * or in skip-block mode is left out.
     */
    private void countBlocks(PrefetchRange range, ContainerHeader header, BlockReader blocks)
            throws InterruptedException {
        BlockCursor cursor = new BlockCursor(range, header, blocks);
        long firstOffset = -1;
        long firstIndex = -1;
        long records = 0;
        long storedBytes = 0;
        for (Block block = cursor.next(); block != null; block = cursor.next()) {
            try {
                checkRecordCount(range, header, block, cursor.index);
            } catch (JetlinerException e) {
                // the only failure is a record count that is itself corrupt
                if (!policy.skipBlock(e, -1)) {
                    throw e;
                }
                continue;
            }
            if (firstOffset < 0) {
                firstOffset = block.offset();
                firstIndex = cursor.index;
            }
            records += block.recordCount();
            storedBytes += block.length();
            stats.blocks.incrementAndGet();
        }
        if (firstOffset < 0) {
            return;
        }
        deliver(headerOnly(range, header, firstOffset, firstIndex, records, storedBytes));
    }

    /** A block without payload, once one more block may be held. */
    private PrefetchedBlock headerOnly(
            PrefetchRange range,
            ContainerHeader header,
            long offset,
            long index,
            long records,
            long storedBytes)
            throws InterruptedException {
        awaitRoom();
        synchronized (lock) {
            heldBlocks++;
        }
        return PrefetchedBlock.withoutPayload(range, header, offset, index, records, storedBytes);
    }

    /**
     * A range's blocks, read one after another; in skip-block mode a block that cannot be read
     * sends it on to the next sync marker.
     */
    private final class BlockCursor {
        private final PrefetchRange range;
        private final ContainerHeader header;
        private final BlockReader blocks;

        /** The index in the file of the block {@link #next} returned last; -1 where unknown. */
        long index;

        private boolean started;

        BlockCursor(PrefetchRange range, ContainerHeader header, BlockReader blocks) {
            this.range = range;
            this.header = header;
            this.blocks = blocks;
            this.index = range.start() == 0 ? 0 : -1;
        }

        /** The next block that reads, or null at the range's end. */
        Block next() {
            if (started && index >= 0) {
                index++;
            }
            started = true;
            while (true) {
                try {
                    return blocks.next(payload);
                } catch (JetlinerException e) {
                    e.at(range.file(), JetlinerException.UNKNOWN).inBlock(index);
                    long count = blocks.failedBlockRecordCount();
                    if (!policy.skipBlock(e, count <= header.fileLength() ? count : -1)) {
                        throw e;
                    }
                    // how many blocks the search for the next marker passes over is not known
                    index = -1;
                    if (!blocks.skipToNextBlock()) {
                        return null;
                    }
                }
            }
        }
    }

    /** Whether the file's codec stores blocks as they are decoded; fails for an unknown codec. */
    private boolean storesBlocksAsIs(ContainerHeader header, PrefetchRange range) {
        Codec codec;
        try {
            codec = borrowCodec(header.codecName());
        } catch (JetlinerException e) {
            // the codec's name is in the header
            throw e.at(range.file(), 0);
        }
        returnCodec(header.codecName(), codec);
        return codec.storesBlocksAsIs();
    }

    /**
     * A codec of that name that no other thread uses until it is {@linkplain #returnCodec
     * returned}.
     */
    private Codec borrowCodec(String codecName) {
        synchronized (lock) {
            ArrayDeque<Codec> idle = idleCodecs.get(codecName);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        return Codecs.create(codecName, maxBlockSize);
    }

    private void returnCodec(String codecName, Codec codec) {
        synchronized (lock) {
            if (!codecsClosed) {
                idleCodecs.computeIfAbsent(codecName, name -> new ArrayDeque<>()).push(codec);
                return;
            }
        }
        // made or returned after the prefetcher closed its codecs
        codec.close();
    }

    /** Closes every codec not in use; those in use are closed when returned. */
    private void closeCodecs() {
        List<Codec> idle = new ArrayList<>();
        synchronized (lock) {
            codecsClosed = true;
            idleCodecs.values().forEach(idle::addAll);
            idleCodecs.clear();
        }
        idle.forEach(Codec::close);
    }

    /**
     * Whether the range of a file whose header failed is skipped. A file with several ranges is
     * logged and counted once, when its first range fails.
     */
    private boolean skipFile(PrefetchRange range, JetlinerException failure) {
        failure.at(range.file(), JetlinerException.UNKNOWN);
        if (!policy.skipsBlocks()) {
            return false;
        }
        if (skippedFiles.containsKey(range.file())) {
            return true;
        }
        if (!policy.skipFile(failure)) {
            return false;
        }
        skippedFiles.put(range.file(), Boolean.TRUE);
        return true;
    }

    private ContainerHeader headerOf(PrefetchRange range, SeekableInput input) throws IOException {
        if (range.header() != null) {
            return range.header();
        }
        String key = range.file() + '@' + input.length();
        ContainerHeader header = headers.get(key);
        if (header == null) {
            header = ContainerHeader.read(input, range.file());
            headers.put(key, header);
        }
        return header;
    }

    /**
     * Once one more block may be held, hands the buffer the last block was read into over to that
     * block, counted as held, and takes another to read the next one into.
     */
    private GrowableBuffer holdReadPayload() throws InterruptedException {
        awaitRoom();
        synchronized (lock) {
            GrowableBuffer read = payload;
            payload = pooledBuffer();
            heldBlocks++;
            heldBytes += read.array().length;
            return read;
        }
    }

    /** A block whose bytes are ready to decode, counted in the stats as it is handed over. */
    private PrefetchedBlock counted(
            PrefetchRange range,
            ContainerHeader header,
            long offset,
            long index,
            long recordCount,
            int storedLength,
            GrowableBuffer data) {
        stats.blocks.incrementAndGet();
        stats.compressedBytes.addAndGet(storedLength);
        stats.decompressedBytes.addAndGet(data.length());
        return PrefetchedBlock.of(range, header, offset, index, recordCount, storedLength, data);
    }

    /**
     * Decompresses the block just read, unless a consumer is waiting for a block: that one then
     * decompresses it, and this thread reads on. So two threads decompress only while the consumer
     * would otherwise wait, and where decoding is the limit, decompression does not take the
     * decoding thread's core.
     */
    private void decompressUnlessAConsumerWaits(PendingBlock pending) {
        synchronized (lock) {
            if (pending.claimed || (waitingConsumers > 0 && consumerHelps())) {
                return;
            }
            pending.claimed = true;
        }
        decompress(pending);
    }

    /**
     * Decompresses a block on the calling thread (the prefetch thread or a consumer that would
     * otherwise wait) and settles its outcome: the block, its failure, or in skip-block mode that
     * it was skipped.
     */
    private void decompress(PendingBlock pending) {
        GrowableBuffer target;
        synchronized (lock) {
            // the block's place is held already: no waiting for room
            target = pooledBuffer();
        }
        Object outcome;
        try {
            String codecName = pending.header.codecName();
            Codec codec = borrowCodec(codecName);
            try {
                codec.decompress(pending.stored.array(), 0, pending.storedLength, target);
            } finally {
                returnCodec(codecName, codec);
            }
            outcome =
                    counted(
                            pending.range,
                            pending.header,
                            pending.offset,
                            pending.index,
                            pending.recordCount,
                            pending.storedLength,
                            target);
        } catch (RuntimeException e) {
            JetlinerException failure = pending.failure(e);
            outcome = policy.skipBlock(failure, pending.recordCount) ? SKIPPED : failure;
        } catch (Error e) {
            // e.g. a native codec library that fails to load: the block stays to be decompressed,
            // and the thread that hit this hears of it
            synchronized (lock) {
                pending.claimed = false;
                pool(target);
                lock.notifyAll();
            }
            throw e;
        }
        synchronized (lock) {
            heldBytes -= pending.stored.array().length;
            pool(pending.stored);
            pending.stored = null;
            if (outcome instanceof PrefetchedBlock) {
                heldBytes += target.array().length;
            } else {
                heldBlocks--;
                pool(target);
            }
            pending.outcome = outcome;
            lock.notifyAll();
        }
    }

    /** A block whose payload was skipped, its record count checked. */
    private PrefetchedBlock withoutPayload(
            PrefetchRange range, ContainerHeader header, Block block, long index)
            throws InterruptedException {
        checkRecordCount(range, header, block, index);
        PrefetchedBlock headerOnly =
                headerOnly(
                        range, header, block.offset(), index, block.recordCount(), block.length());
        stats.blocks.incrementAndGet();
        return headerOnly;
    }

    /**
     * Checks the record count of a block whose payload was skipped against the bytes the block may
     * hold, as decoding would check it: a count no block could hold is corrupt, and would otherwise
     * be counted as it stands.
     */
    private void checkRecordCount(
            PrefetchRange range, ContainerHeader header, Block block, long index) {
        if (header != sizedHeader) {
            sizedHeader = header;
            minRecordSize = EncodedSizes.minimum(header.schema());
        }
        // a payload stored as is holds its records in its own bytes; any other decompresses to
        // at most maxBlockSize
        long capacity = header.codecName().equals("null") ? block.length() : maxBlockSize;
        if (minRecordSize > 0 && block.recordCount() > capacity / minRecordSize) {
            throw new JetlinerException(
                            JetlinerException.Kind.RECORD_DECODE_FAILED,
                            "the block declares "
                                    + block.recordCount()
                                    + " records, more than a block of at most "
                                    + capacity
                                    + " bytes can hold at "
                                    + minRecordSize
                                    + " bytes or more a record")
                    .at(range.file(), block.offset())
                    .inBlock(index);
        }
    }

    /**
     * Waits until one more block may be held, decompressing blocks read before while it waits. Only
     * the prefetch thread adds blocks, so the room stays until it takes it.
     */
    private void awaitRoom() throws InterruptedException {
        stats.producerWaitNanos.addAndGet(
                decompressPendingUntil(
                        () ->
                                closed
                                        || (heldBlocks < maxBlocks
                                                && (heldBlocks == 0 || heldBytes < maxBytes))));
        synchronized (lock) {
            if (closed) {
                throw new ClosedException();
            }
        }
    }

    /**
     * Decompresses the blocks read before, oldest first, until {@code done} (checked holding the
     * lock) holds, and waits while there is none; returns the time spent waiting.
     */
    private long decompressPendingUntil(BooleanSupplier done) throws InterruptedException {
        long waited = 0;
        while (true) {
            PendingBlock pending;
            synchronized (lock) {
                if (done.getAsBoolean()) {
                    return waited;
                }
                pending = claimOldestPending();
                if (pending == null) {
                    long waitStart = System.nanoTime();
                    lock.wait();
                    waited += System.nanoTime() - waitStart;
                    continue;
                }
            }
            decompress(pending);
        }
    }

    /** A buffer given back before, or a new one; holds the lock. */
    private GrowableBuffer pooledBuffer() {
        return pool.isEmpty() ? new GrowableBuffer() : pool.pop();
    }

    /** Keeps a buffer given back for a later block; holds the lock. */
    private void pool(GrowableBuffer buffer) {
        // a block's stored and decompressed bytes may each need one
        if (pool.size() < 2 * maxBlocks) {
            pool.push(buffer);
        }
    }

    private void deliver(Object item) {
        synchronized (lock) {
            if (closed) {
                throw new ClosedException();
            }
            ready.add(item);
            lock.notifyAll();
        }
    }

    /** The outcome of a block that was skipped while decompressed: it leaves its place. */
    private static final Object SKIPPED = new Object();

    /**
     * A block read and waiting in its place for a thread to decompress it. Guarded by the lock, but
     * for the stored bytes, which the claiming thread reads.
     */
    private static final class PendingBlock {
        final PrefetchRange range;
        final ContainerHeader header;
        final long offset;
        final long index;
        final long recordCount;
        final int storedLength;
        GrowableBuffer stored;
        boolean claimed;

        /** The block, its failure, or {@link #SKIPPED}; null until decompressed. */
        Object outcome;

        PendingBlock(
                PrefetchRange range,
                ContainerHeader header,
                Block block,
                long index,
                GrowableBuffer stored) {
            this.range = range;
            this.header = header;
            this.offset = block.offset();
            this.index = index;
            this.recordCount = block.recordCount();
            this.storedLength = block.length();
            this.stored = stored;
        }

        /** What failed while decompressing, as a failure of this block. */
        JetlinerException failure(RuntimeException e) {
            JetlinerException failure =
                    e instanceof JetlinerException
                            ? (JetlinerException) e
                            : new JetlinerException(
                                    JetlinerException.Kind.DECOMPRESSION_FAILED,
                                    header.codecName() + ": " + e,
                                    e);
            return failure.at(range.file(), offset).inBlock(index);
        }
    }

    /** Unwinds the prefetch thread once the prefetcher is closed. */
    private static final class ClosedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClosedException() {
            super(null, null, false, false);
        }
    }
}
