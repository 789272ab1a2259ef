package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.flink.annotation.Internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, by the {@link ErrorMode}, whether a failure to read a block or a file ends the read or
 * is skipped; logs each skip once, as a warning naming the file, offset, block and kind, and counts
 * it. One policy serves the threads of one reader (the prefetch thread and the decoding one), so it
 * is thread-safe.
 *
 * <p>Only failures of the file's bytes are ever skipped. I/O errors (often transient: a restart may
 * succeed), a file that changed under a restored position, and a schema that does not fit the
 * requested rows always fail the read.
 */
@Internal
public final class BadInputPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputPolicy.class);

    /** What a broken block can raise, once its header (the file's) was read. */
    private static final Set<Kind> BLOCK_KINDS =
            EnumSet.of(
                    Kind.BAD_SYNC_MARKER,
                    Kind.DECOMPRESSION_FAILED,
                    Kind.RECORD_DECODE_FAILED,
                    Kind.TRUNCATED,
                    Kind.BAD_HEADER,
                    Kind.SIZE_LIMIT_EXCEEDED);

    /** What an unreadable file header can raise. */
    private static final Set<Kind> HEADER_KINDS =
            EnumSet.of(
                    Kind.NOT_AVRO,
                    Kind.BAD_HEADER,
                    Kind.BAD_SCHEMA,
                    Kind.UNSUPPORTED_CODEC,
                    Kind.TRUNCATED,
                    Kind.SIZE_LIMIT_EXCEEDED);

    private final ErrorMode mode;
    private final AtomicLong skippedBlocks = new AtomicLong();
    private final AtomicLong skippedFiles = new AtomicLong();
    private final AtomicLong skippedRecords = new AtomicLong();

    public BadInputPolicy(ErrorMode mode) {
        this.mode = mode;
    }

    public ErrorMode mode() {
        return mode;
    }

    /**
     * Whether blocks are skipped, and so must be checked whole before any of their rows is used.
     */
    public boolean skipsBlocks() {
        return mode == ErrorMode.SKIP_BLOCK;
    }

    /**
     * Whether the block that failed with {@code failure} is skipped; if so the skip is logged and
     * counted, with {@code estimatedRecords} (negative: unknown) as the rows lost.
     */
    public boolean skipBlock(JetlinerException failure, long estimatedRecords) {
        if (!skipsBlocks() || !BLOCK_KINDS.contains(failure.kind())) {
            return false;
        }
        skippedBlocks.incrementAndGet();
        if (estimatedRecords > 0) {
            skippedRecords.addAndGet(estimatedRecords);
        }
        LOG.warn(
                "Skipped a bad block (error-mode skip-block, kind {}, about {} rows lost): {}",
                failure.kind(),
                estimatedRecords < 0 ? "an unknown number of" : estimatedRecords,
                failure.getMessage());
        return true;
    }

    /** Whether the file whose header failed with {@code failure} is skipped; logged and counted. */
    public boolean skipFile(JetlinerException failure) {
        if (!skipsBlocks() || !HEADER_KINDS.contains(failure.kind())) {
            return false;
        }
        skippedFiles.incrementAndGet();
        LOG.warn(
                "Skipped a file whose header cannot be read (error-mode skip-block, kind {}): {}",
                failure.kind(),
                failure.getMessage());
        return true;
    }

    /** Blocks skipped so far. */
    public long skippedBlocks() {
        return skippedBlocks.get();
    }

    /** Files skipped whole so far, for an unreadable header. */
    public long skippedFiles() {
        return skippedFiles.get();
    }

    /**
     * Rows lost in skipped blocks so far: their declared record counts where those could be read
     * and were plausible; blocks whose count could not be trusted add nothing.
     */
    public long skippedRecords() {
        return skippedRecords.get();
    }
}
