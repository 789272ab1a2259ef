package io.jetliner.flink.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A (possibly nested) projection of SQL's projection push-down, as the decoder reads it: the
 * projected row type with every nested ROW pruned to the fields the paths reach, and the paths
 * again as indexes into that pruned type, one per column the source emits.
 *
 * <p>For {@code ROW<a INT, r ROW<x INT, y STRING, z BIGINT>>} and the paths {@code [[1, 2], [0]]}
 * ({@code r.z, a}) the pruned type is {@code ROW<r ROW<z BIGINT>, a INT>} and the output paths are
 * {@code [[0, 0], [1]]}. A path that stops at a ROW keeps all of it.
 */
@Internal
final class ProjectedFields {

    private final RowType prunedType;
    private final int[][] outputPaths;

    private ProjectedFields(RowType prunedType, int[][] outputPaths) {
        this.prunedType = prunedType;
        this.outputPaths = outputPaths;
    }

    /**
     * @param type the row type the paths index
     * @param paths field index paths, as {@code SupportsProjectionPushDown} gives them
     */
    static ProjectedFields of(RowType type, int[][] paths) {
        Node root = new Node();
        for (int[] path : paths) {
            Node node = root;
            for (int index : path) {
                node = node.children.computeIfAbsent(index, i -> new Node());
            }
            node.whole = true;
        }
        int[][] outputPaths = new int[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            outputPaths[i] = root.prunedPath(paths[i]);
        }
        return new ProjectedFields(root.prune(type), outputPaths);
    }

    /** The type the decoder reads: only the fields the paths reach, at every depth. */
    RowType prunedType() {
        return prunedType;
    }

    /** The paths into {@link #prunedType()}, in the order of the columns emitted. */
    int[][] outputPaths() {
        return outputPaths;
    }

    /** Whether the decoded rows are already the rows emitted: no path goes below the top level. */
    boolean isTopLevel() {
        for (int i = 0; i < outputPaths.length; i++) {
            if (outputPaths[i].length != 1 || outputPaths[i][0] != i) {
                return false;
            }
        }
        return true;
    }

    /** The fields reached below one row, in the order first reached. */
    private static final class Node {
        private final Map<Integer, Node> children = new LinkedHashMap<>();
        private boolean whole;

        RowType prune(RowType type) {
            List<RowField> fields = new ArrayList<>(children.size());
            for (Map.Entry<Integer, Node> child : children.entrySet()) {
                RowField field = type.getFields().get(child.getKey());
                LogicalType fieldType =
                        child.getValue().whole
                                ? field.getType()
                                : child.getValue().prune((RowType) field.getType());
                fields.add(
                        new RowField(
                                field.getName(), fieldType, field.getDescription().orElse(null)));
            }
            return new RowType(type.isNullable(), fields);
        }

        int[] prunedPath(int[] path) {
            int[] pruned = new int[path.length];
            Node node = this;
            for (int k = 0; k < path.length; k++) {
                // Below a row kept whole, its fields keep their own indexes.
                pruned[k] = node.whole ? path[k] : position(node.children, path[k]);
                node = node.whole ? node : node.children.get(path[k]);
            }
            return pruned;
        }

        private static int position(Map<Integer, Node> children, int index) {
            int position = 0;
            for (int key : children.keySet()) {
                if (key == index) {
                    return position;
                }
                position++;
            }
            throw new IllegalStateException("no field " + index + " among " + children.keySet());
        }
    }
}
