package io.jetliner.flink.table;

import io.jetliner.flink.source.FileMetadata;
import io.jetliner.flink.source.SourceColumn;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a scan reads, split by where each column's values come from: the Avro fields to decode (a
 * possibly nested projection, see {@link ProjectedFields}), and the partition and metadata columns
 * that the source joins to them, each at its position in the row the planner expects.
 */
@Internal
final class ScanColumns {

    private final ProjectedFields avro;
    private final RowType avroOutputType;
    @Nullable private final List<SourceColumn> columns;

    private ScanColumns(
            ProjectedFields avro, RowType avroOutputType, @Nullable List<SourceColumn> columns) {
        this.avro = avro;
        this.avroOutputType = avroOutputType;
        this.columns = columns;
    }

    /**
     * @param physicalRow the table's physical columns, partition keys among them
     * @param partitionKeys the physical columns whose values come from the files' directories
     * @param projectedFields the pushed-down projection's field paths into {@code physicalRow}, or
     *     null for all physical columns
     * @param producedRow the rows to produce: the projected physical columns, then one column per
     *     metadata key
     * @param metadataKeys the metadata read, in the order of their columns
     */
    static ScanColumns of(
            RowType physicalRow,
            Collection<String> partitionKeys,
            @Nullable int[][] projectedFields,
            RowType producedRow,
            List<String> metadataKeys) {
        int[][] paths = projectedFields != null ? projectedFields : allFields(physicalRow);
        List<int[]> avroPaths = new ArrayList<>(paths.length);
        List<RowField> avroFields = new ArrayList<>(paths.length);
        for (int i = 0; i < paths.length; i++) {
            if (!isPartition(physicalRow, partitionKeys, paths[i])) {
                avroPaths.add(paths[i]);
                avroFields.add(producedRow.getFields().get(i));
            }
        }
        ProjectedFields avro = ProjectedFields.of(physicalRow, avroPaths.toArray(new int[0][]));
        RowType avroOutputType =
                avro.isTopLevel()
                        ? avro.prunedType()
                        : new RowType(producedRow.isNullable(), avroFields);
        if (avroPaths.size() == paths.length && metadataKeys.isEmpty()) {
            return new ScanColumns(avro, avroOutputType, null);
        }

        List<SourceColumn> columns = new ArrayList<>(paths.length + metadataKeys.size());
        int avroColumn = 0;
        for (int i = 0; i < paths.length; i++) {
            if (isPartition(physicalRow, partitionKeys, paths[i])) {
                columns.add(
                        SourceColumn.partition(
                                physicalRow.getFieldNames().get(paths[i][0]),
                                producedRow.getTypeAt(i)));
            } else {
                columns.add(
                        SourceColumn.avroField(avroOutputType.getFieldNames().get(avroColumn++)));
            }
        }
        for (int j = 0; j < metadataKeys.size(); j++) {
            columns.add(
                    SourceColumn.metadata(
                            producedRow.getFieldNames().get(paths.length + j),
                            FileMetadata.ofKey(metadataKeys.get(j))));
        }
        return new ScanColumns(avro, avroOutputType, columns);
    }

    private static boolean isPartition(
            RowType physicalRow, Collection<String> partitionKeys, int[] path) {
        return partitionKeys.contains(physicalRow.getFieldNames().get(path[0]));
    }

    private static int[][] allFields(RowType row) {
        int[][] paths = new int[row.getFieldCount()][];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = new int[] {i};
        }
        return paths;
    }

    /** The Avro fields to decode, nested ROWs pruned to the fields read. */
    RowType avroType() {
        return avro.prunedType();
    }

    /**
     * The paths into {@link #avroType()} of the Avro columns, where a nested field is a column of
     * its own; null where the decoded rows are those columns as they are.
     */
    @Nullable
    int[][] avroOutputPaths() {
        return avro.isTopLevel() ? null : avro.outputPaths();
    }

    /** The type of the Avro columns, in their order. */
    RowType avroOutputType() {
        return avroOutputType;
    }

    /**
     * Every column of the produced row, each an Avro column of {@link #avroOutputType()}, a
     * partition or a metadata column; null where the produced rows are the Avro columns alone.
     */
    @Nullable
    List<SourceColumn> columns() {
        return columns;
    }
}
