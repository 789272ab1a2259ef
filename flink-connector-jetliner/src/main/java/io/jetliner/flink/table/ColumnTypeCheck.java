package io.jetliner.flink.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.TimestampType;

import java.util.Collection;

/**
 * Checks at planning time that each declared column can hold the Avro field of its name, by the
 * rules the decoder reads with: the declared type is the file's mapped type, except that a declared
 * ROW may leave out fields (at any depth: records, unions, durations, inside arrays and maps) and a
 * declared type may be nullable where the file's is NOT NULL, never the other way round.
 */
@Internal
final class ColumnTypeCheck {

    private ColumnTypeCheck() {}

    /**
     * @param declared the table's physical columns
     * @param skipped columns that come from elsewhere than the Avro record, such as partition keys
     * @param fileType the files' row type, as mapped with the table's timestamp mapping
     * @param files what the files are, for messages
     * @throws ValidationException naming the first column that cannot hold its field, and both
     *     types
     */
    static void check(
            RowType declared, Collection<String> skipped, RowType fileType, String files) {
        for (RowField column : declared.getFields()) {
            if (skipped.contains(column.getName())) {
                continue;
            }
            int index = fileType.getFieldIndex(column.getName());
            if (index < 0) {
                throw new ValidationException(
                        String.format(
                                "Column '%s' %s has no Avro field of that name in %s; the files"
                                        + " have the fields %s.",
                                column.getName(),
                                column.getType(),
                                files,
                                fileType.getFieldNames()));
            }
            LogicalType fieldType = fileType.getTypeAt(index);
            String problem = problem(column.getName(), fieldType, column.getType());
            if (problem != null) {
                throw new ValidationException(
                        String.format(
                                "Column '%s' %s cannot hold the Avro field '%s' of %s, whose type"
                                        + " is %s: %s.",
                                column.getName(),
                                column.getType(),
                                column.getName(),
                                files,
                                fieldType,
                                problem));
            }
        }
    }

    /** Why a value of the file's type cannot be read as the declared one, or null if it can. */
    private static String problem(String path, LogicalType file, LogicalType declared) {
        if (file.isNullable() && !declared.isNullable()) {
            return "'" + path + "' may be null in the files but is declared NOT NULL";
        }
        if (file instanceof RowType) {
            if (!(declared instanceof RowType)) {
                return differs(path, file, declared);
            }
            RowType fileRow = (RowType) file;
            for (RowField field : ((RowType) declared).getFields()) {
                String fieldPath = path + "." + field.getName();
                int index = fileRow.getFieldIndex(field.getName());
                if (index < 0) {
                    return "the files have no field '"
                            + fieldPath
                            + "'; the fields of '"
                            + path
                            + "' are "
                            + fileRow.getFieldNames();
                }
                String problem = problem(fieldPath, fileRow.getTypeAt(index), field.getType());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (file instanceof ArrayType) {
            return declared instanceof ArrayType
                    ? problem(
                            path + "[]",
                            ((ArrayType) file).getElementType(),
                            ((ArrayType) declared).getElementType())
                    : differs(path, file, declared);
        }
        if (file instanceof MapType) {
            if (!(declared instanceof MapType)) {
                return differs(path, file, declared);
            }
            String keyProblem =
                    problem(
                            path + "{key}",
                            ((MapType) file).getKeyType(),
                            ((MapType) declared).getKeyType());
            return keyProblem != null
                    ? keyProblem
                    : problem(
                            path + "{}",
                            ((MapType) file).getValueType(),
                            ((MapType) declared).getValueType());
        }
        return file.copy(true).equals(declared.copy(true)) ? null : differs(path, file, declared);
    }

    private static String differs(String path, LogicalType file, LogicalType declared) {
        String problem = "'" + path + "' is " + file + " in the files but declared " + declared;
        if (file instanceof LocalZonedTimestampType
                && declared instanceof TimestampType
                && ((LocalZonedTimestampType) file).getPrecision()
                        == ((TimestampType) declared).getPrecision()) {
            problem +=
                    "; set '"
                            + JetlinerOptions.TIMESTAMP_MAPPING_LEGACY.key()
                            + "' = 'true' to read Avro timestamp-* fields as TIMESTAMP";
        }
        return problem;
    }
}
