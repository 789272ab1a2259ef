package io.jetliner.flink.cli;

import io.jetliner.flink.source.reader.FlattenedRowData;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns {@code --columns a,b.c} selects from a row type: each a top-level field or a path
 * through nested rows, emitted as one column named by the path as written ({@code b.c}).
 */
@Internal
final class ColumnPaths {

    private final List<String> names;
    private final RowType readType;
    private final int[][] paths;
    private final RowType outputType;

    private ColumnPaths(List<String> names, RowType readType, int[][] paths, RowType outputType) {
        this.names = names;
        this.readType = readType;
        this.paths = paths;
        this.outputType = outputType;
    }

    /**
     * @throws UserError naming the column and the fields there are, if a path names no field
     */
    static ColumnPaths select(RowType type, List<String> columns) {
        Set<String> topLevel = new LinkedHashSet<>();
        for (String column : columns) {
            topLevel.add(segments(column)[0]);
        }
        List<RowType.RowField> readFields = new ArrayList<>();
        for (String name : topLevel) {
            readFields.add(field(type, name, name));
        }
        RowType readType = new RowType(readFields);
        int[][] paths = new int[columns.size()][];
        List<RowType.RowField> outputFields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String[] segments = segments(column);
            paths[i] = new int[segments.length];
            LogicalType current = readType;
            boolean nullable = false;
            for (int k = 0; k < segments.length; k++) {
                if (!(current instanceof RowType)) {
                    throw new UserError(
                            "column '"
                                    + column
                                    + "': "
                                    + String.join(".", java.util.Arrays.copyOf(segments, k))
                                    + " is "
                                    + current.asSummaryString()
                                    + ", not a ROW");
                }
                RowType row = (RowType) current;
                nullable |= k > 0 && row.isNullable();
                RowType.RowField field = field(row, segments[k], column);
                paths[i][k] = row.getFieldNames().indexOf(field.getName());
                current = field.getType();
            }
            outputFields.add(
                    new RowType.RowField(column, current.copy(current.isNullable() || nullable)));
        }
        return new ColumnPaths(List.copyOf(columns), readType, paths, new RowType(outputFields));
    }

    private static String[] segments(String column) {
        String[] segments = column.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new UserError("column '" + column + "' has an empty name in it");
            }
        }
        return segments;
    }

    private static RowType.RowField field(RowType row, String name, String column) {
        for (RowType.RowField field : row.getFields()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        throw new UserError(
                "no column '"
                        + column
                        + "': the fields there are "
                        + String.join(", ", row.getFieldNames()));
    }

    List<String> names() {
        return names;
    }

    /** The top-level fields to decode, whole. */
    RowType readType() {
        return readType;
    }

    /** The columns as emitted, one per path. */
    RowType outputType() {
        return outputType;
    }

    /** A view of decoded rows of {@link #readType()} as rows of {@link #outputType()}. */
    FlattenedRowData view() {
        return new FlattenedRowData(readType, paths);
    }
}
