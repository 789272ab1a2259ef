package io.jetliner.flink.table;

import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A nested projection becomes a pruned row type and paths into it. */
class ProjectedFieldsTest {

    private static final LogicalType STRING = new VarCharType(VarCharType.MAX_LENGTH);

    /** {@code ROW<a INT, r ROW<x INT, y STRING, z ROW<p BIGINT, q STRING>>, s STRING>}. */
    private static final RowType TABLE =
            row(
                    field("a", new IntType()),
                    field(
                            "r",
                            row(
                                    field("x", new IntType()),
                                    field("y", STRING),
                                    field(
                                            "z",
                                            row(
                                                    field("p", new BigIntType()),
                                                    field("q", STRING))))),
                    field("s", STRING));

    @Test
    void keepsTopLevelFieldsInTheProjectionsOrder() {
        ProjectedFields projection = ProjectedFields.of(TABLE, new int[][] {{2}, {0}});

        assertThat(projection.prunedType())
                .isEqualTo(row(field("s", STRING), field("a", new IntType())));
        assertThat(projection.outputPaths()).isEqualTo(new int[][] {{0}, {1}});
        assertThat(projection.isTopLevel()).isTrue();
    }

    @Test
    void prunesNestedRowsToTheFieldsThePathsReach() {
        ProjectedFields projection =
                ProjectedFields.of(TABLE, new int[][] {{1, 2, 1}, {0}, {1, 0}});

        assertThat(projection.prunedType())
                .isEqualTo(
                        row(
                                field(
                                        "r",
                                        row(
                                                field("z", row(field("q", STRING))),
                                                field("x", new IntType()))),
                                field("a", new IntType())));
        assertThat(projection.outputPaths()).isEqualTo(new int[][] {{0, 0, 0}, {1}, {0, 1}});
        assertThat(projection.isTopLevel()).isFalse();
    }

    @Test
    void keepsARowWholeWhereAPathStopsAtIt() {
        ProjectedFields projection = ProjectedFields.of(TABLE, new int[][] {{1, 2, 0}, {1}});

        assertThat(projection.prunedType()).isEqualTo(row(TABLE.getFields().get(1)));
        assertThat(projection.outputPaths()).isEqualTo(new int[][] {{0, 2, 0}, {0}});
    }

    @Test
    void projectsNothingForAnEmptyProjection() {
        ProjectedFields projection = ProjectedFields.of(TABLE, new int[0][]);

        assertThat(projection.prunedType().getFieldCount()).isZero();
        assertThat(projection.isTopLevel()).isTrue();
    }

    private static RowType row(RowField... fields) {
        return new RowType(List.of(fields));
    }

    private static RowField field(String name, LogicalType type) {
        return new RowField(name, type);
    }
}
