package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.annotation.Internal;

import javax.annotation.Nullable;

import java.util.Collection;
import java.util.Optional;

/**
 * Decides which pending split a reader gets next.
 *
 * <p>Thread-safety: none needed, none given. The enumerator calls an assigner only from its
 * coordinator thread (its {@code SplitEnumerator} methods and the handlers of {@code callAsync}),
 * never from the asynchronous discovery; implementations must not be shared between enumerators.
 */
@Internal
public interface SplitAssigner {

    /**
     * Adds splits to hand out: newly planned ones, or ones a failed reader gave back, which carry
     * the position it had reached.
     *
     * @throws IllegalArgumentException if one of them is already pending (the same {@link
     *     BlockRangeSplit#splitId()})
     */
    void addSplits(Collection<BlockRangeSplit> splits);

    /**
     * Takes the next split for a reader, if any is pending.
     *
     * @param hostname where the reader runs, if known; an assigner may use it for locality
     */
    Optional<BlockRangeSplit> getNext(@Nullable String hostname);

    /** The pending splits, in the order they would be handed out: the enumerator's state. */
    Collection<BlockRangeSplit> remainingSplits();
}
