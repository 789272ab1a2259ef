package io.jetliner.flink.source.reader;

import io.jetliner.flink.source.split.BlockRangeSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits a record and moves its split's position past it, so that a checkpoint resumes after it. */
@Internal
final class JetlinerRecordEmitter<T>
        implements RecordEmitter<PositionedRecord<T>, T, BlockRangeSplitState> {

    @Override
    public void emitRecord(
            PositionedRecord<T> element, SourceOutput<T> output, BlockRangeSplitState state) {
        output.collect(element.record());
        state.setPosition(element.blockOffset(), element.recordsToSkip());
    }
}
