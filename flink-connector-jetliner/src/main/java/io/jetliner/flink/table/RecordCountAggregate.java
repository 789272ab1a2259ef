package io.jetliner.flink.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.expressions.AggregateExpression;

import java.util.List;

/**
 * Which aggregates pushed into the source the block headers answer: one count of every record,
 * without grouping. The planner hands its own aggregate functions, loaded by a class loader of its
 * own, so they are known by class name.
 */
@Internal
final class RecordCountAggregate {

    /** {@code COUNT(*)} and {@code COUNT(1)}. */
    private static final String COUNT_ONE =
            "org.apache.flink.table.planner.functions.aggfunctions.Count1AggFunction";

    private RecordCountAggregate() {}

    /**
     * Whether the aggregates are a single count of every record without grouping: {@code COUNT(*)}
     * or {@code COUNT(1)}. Not {@code COUNT(c)}, even of a NOT NULL column: a file whose {@code c}
     * may be null fails when decoded, and counting its records from the headers would hide that.
     */
    static boolean isRecordCount(
            List<int[]> groupingSets, List<AggregateExpression> aggregateExpressions) {
        if (groupingSets.size() != 1
                || groupingSets.get(0).length != 0
                || aggregateExpressions.size() != 1) {
            return false;
        }
        AggregateExpression aggregate = aggregateExpressions.get(0);
        return !aggregate.isDistinct()
                && !aggregate.isApproximate()
                && aggregate.getFilterExpression().isEmpty()
                && aggregate.getArgs().isEmpty()
                && aggregate.getFunctionDefinition().getClass().getName().equals(COUNT_ONE);
    }
}
