package io.jetliner.flink.source.reader;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nested fields read as columns of their own, through a view of the nested row. */
class FlattenedRowDataTest {

    /** {@code ROW<r ROW<s ROW<x INT>, y STRING>, a INT>}. */
    private static final RowType TYPE =
            row(
                    field(
                            "r",
                            row(
                                    field("s", row(field("x", new IntType()))),
                                    field("y", new VarCharType(VarCharType.MAX_LENGTH)))),
                    field("a", new IntType()));

    @Test
    void readsTheFieldAtEachPath() {
        FlattenedRowData view = new FlattenedRowData(TYPE, new int[][] {{0, 0, 0}, {1}, {0, 1}});
        GenericRowData row =
                GenericRowData.of(
                        GenericRowData.of(GenericRowData.of(7), StringData.fromString("y")), 3);

        view.replace(row);

        assertThat(view.getArity()).isEqualTo(3);
        assertThat(view.getInt(0)).isEqualTo(7);
        assertThat(view.getInt(1)).isEqualTo(3);
        assertThat(view.getString(2).toString()).isEqualTo("y");
    }

    @Test
    void readsNullWhereARowOnTheWayIsNull() {
        FlattenedRowData view = new FlattenedRowData(TYPE, new int[][] {{0, 0, 0}, {0, 1}, {1}});

        view.replace(GenericRowData.of(GenericRowData.of(null, StringData.fromString("y")), 3));
        assertThat(view.isNullAt(0)).isTrue();
        assertThat(view.isNullAt(1)).isFalse();

        view.replace(GenericRowData.of(null, 3));
        assertThat(view.isNullAt(0)).isTrue();
        assertThat(view.isNullAt(1)).isTrue();
        assertThat(view.isNullAt(2)).isFalse();
    }

    @Test
    void rejectsAPathThatLeavesTheType() {
        assertThatThrownBy(() -> new FlattenedRowData(TYPE, new int[][] {{1, 0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 0]");
        assertThatThrownBy(() -> new FlattenedRowData(TYPE, new int[][] {{2}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RowType row(RowField... fields) {
        return new RowType(List.of(fields));
    }

    private static RowField field(String name, LogicalType type) {
        return new RowField(name, type);
    }
}
