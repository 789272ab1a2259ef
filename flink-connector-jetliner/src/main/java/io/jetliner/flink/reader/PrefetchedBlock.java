package io.jetliner.flink.reader;

import io.jetliner.flink.avro.codec.GrowableBuffer;
import io.jetliner.flink.avro.container.ContainerHeader;

import org.apache.flink.annotation.Internal;

/**
 * A block that a {@link BlockPrefetcher} has read and decompressed, or the mark that a range is
 * done. The decompressed bytes belong to the prefetcher's pool: give the block back with {@link
 * BlockPrefetcher#release} once decoded.
 *
 * <p>A prefetcher that skips payloads hands out blocks without one: a record count and a place
 * only, with no bytes to decode ({@link #data()} is empty), for rows that need nothing but to be
 * counted. Such a block stands for all the blocks of its range, from the first one's offset: its
 * record count and stored size are theirs summed.
 */
@Internal
public final class PrefetchedBlock {

    /** The data of every block whose payload was skipped; never written to. */
    private static final GrowableBuffer NO_PAYLOAD = new GrowableBuffer(0);

    private final PrefetchRange range;
    private final ContainerHeader header;
    private final long offset;
    private final long index;
    private final long recordCount;
    private final long compressedSize;
    private final GrowableBuffer data;

    private PrefetchedBlock(
            PrefetchRange range,
            ContainerHeader header,
            long offset,
            long index,
            long recordCount,
            long compressedSize,
            GrowableBuffer data) {
        this.range = range;
        this.header = header;
        this.offset = offset;
        this.index = index;
        this.recordCount = recordCount;
        this.compressedSize = compressedSize;
        this.data = data;
    }

    static PrefetchedBlock of(
            PrefetchRange range,
            ContainerHeader header,
            long offset,
            long index,
            long recordCount,
            long compressedSize,
            GrowableBuffer data) {
        return new PrefetchedBlock(range, header, offset, index, recordCount, compressedSize, data);
    }

    static PrefetchedBlock withoutPayload(
            PrefetchRange range,
            ContainerHeader header,
            long offset,
            long index,
            long recordCount,
            long compressedSize) {
        return new PrefetchedBlock(
                range, header, offset, index, recordCount, compressedSize, NO_PAYLOAD);
    }

    static PrefetchedBlock endOf(PrefetchRange range, ContainerHeader header) {
        return new PrefetchedBlock(range, header, -1, -1, 0, 0, null);
    }

    /** True for the mark that follows the last block of a range. */
    public boolean isEndOfRange() {
        return data == null;
    }

    /** False for a block whose payload was skipped, and for the end mark. */
    public boolean hasPayload() {
        return data != null && data != NO_PAYLOAD;
    }

    public PrefetchRange range() {
        return range;
    }

    /** The header of the block's file; null at the end of a range whose header was never read. */
    public ContainerHeader header() {
        return header;
    }

    /** The file offset where the block starts. */
    public long offset() {
        return offset;
    }

    /** The block's index in its file, or -1 where the range did not start at the file's start. */
    public long index() {
        return index;
    }

    public long recordCount() {
        return recordCount;
    }

    /**
     * The record count as an estimate of the rows a skipped block held: the declared count where
     * the decompressed bytes could hold that many records, else -1 (unknown), for a count that is
     * itself the corruption.
     */
    public long plausibleRecordCount() {
        return data != null && recordCount <= data.length() ? recordCount : -1;
    }

    /** The block's size as stored in the file. */
    public long compressedSize() {
        return compressedSize;
    }

    /**
     * The decompressed records: {@code array()[0, length())}; no bytes where the payload was
     * skipped.
     */
    public GrowableBuffer data() {
        return data;
    }
}
