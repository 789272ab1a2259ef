package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;

/**
 * The most rows one source reader emits ({@code LIMIT} pushed into the source). Once they are out,
 * the reader decodes no more rows and reads no more blocks: its splits, those in hand and those
 * assigned later, finish without being read. Each reader counts its own rows, since a query's
 * {@code LIMIT n} may need all {@code n} from any one of them; the planner's limit above the source
 * cuts the union down to {@code n}.
 *
 * <p>The count starts again at 0 in a reader restored from a checkpoint, so that a restored job
 * emits at least as many rows as it should; never fewer.
 *
 * <p>Counted on the task thread; {@link #isReached()} may be asked from any thread.
 */
@Internal
final class RowLimit {

    static final long NONE = Long.MAX_VALUE;

    private final long limit;
    private final Runnable whenReached;
    private long emitted;
    private volatile boolean reached;

    /**
     * @param limit the most rows to emit, or {@link #NONE}
     * @param whenReached called, on the task thread, once the last row allowed is emitted
     */
    RowLimit(long limit, Runnable whenReached) {
        if (limit < 0) {
            throw new IllegalArgumentException("the row limit must not be negative: " + limit);
        }
        this.limit = limit;
        this.whenReached = whenReached;
        this.reached = limit == 0;
    }

    /** Counts one row emitted. */
    void countEmitted() {
        if (++emitted >= limit && !reached) {
            reached = true;
            whenReached.run();
        }
    }

    /** Whether no more rows may be emitted. */
    boolean isReached() {
        return reached;
    }
}
