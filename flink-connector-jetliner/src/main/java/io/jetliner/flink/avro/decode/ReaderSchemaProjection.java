package io.jetliner.flink.avro.decode;

import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader schema cut down to the fields a projection reads, at any depth. Resolving a file's
 * schema against it leaves the other reader fields out of resolution altogether: a field nobody
 * reads cannot make a file incompatible (say, one the file lacks and that has no default), and
 * costs nothing to compile.
 *
 * <p>Records are cut; everything else keeps its shape, so that every value the writer may have
 * written still resolves: a union keeps all its branches (a branch the projection leaves out is
 * still read, and skipped), and a record referenced inside itself is kept whole, as the projection
 * cannot reach into it (its value is one JSON string).
 */
final class ReaderSchemaProjection {

    private ReaderSchemaProjection() {}

    /**
     * {@code reader} cut to {@code projected}, a projection of {@code mapped}, the reader's Flink
     * type; the schema itself where nothing is cut.
     */
    static Schema project(Schema reader, LogicalType mapped, LogicalType projected, String path) {
        switch (reader.getType()) {
            case RECORD:
                if (!(mapped instanceof RowType)) {
                    return reader;
                }
                return projectRecord(
                        reader,
                        (RowType) mapped,
                        ReaderCompiler.as(RowType.class, projected, mapped, path),
                        path);
            case ARRAY:
                Schema element =
                        project(
                                reader.getElementType(),
                                ((ArrayType) mapped).getElementType(),
                                ReaderCompiler.as(ArrayType.class, projected, mapped, path)
                                        .getElementType(),
                                path + "[]");
                return element == reader.getElementType()
                        ? reader
                        : withProps(Schema.createArray(element), reader);
            case MAP:
                Schema value =
                        project(
                                reader.getValueType(),
                                ((MapType) mapped).getValueType(),
                                ReaderCompiler.as(MapType.class, projected, mapped, path)
                                        .getValueType(),
                                path + "{}");
                return value == reader.getValueType()
                        ? reader
                        : withProps(Schema.createMap(value), reader);
            case UNION:
                return projectUnion(reader, mapped, projected, path);
            default:
                return reader;
        }
    }

    private static Schema projectRecord(
            Schema record, RowType mapped, RowType projected, String path) {
        ReaderCompiler.requireFieldsExist(projected, mapped, path);
        List<Schema.Field> fields = new ArrayList<>(projected.getFieldCount());
        boolean cut = false;
        for (int i = 0; i < record.getFields().size(); i++) {
            Schema.Field field = record.getFields().get(i);
            int target = projected.getFieldIndex(field.name());
            if (target < 0) {
                cut = true;
                continue;
            }
            Schema schema =
                    project(
                            field.schema(),
                            mapped.getTypeAt(i),
                            projected.getTypeAt(target),
                            ReaderCompiler.child(path, field.name()));
            cut |= schema != field.schema();
            fields.add(new Schema.Field(field, schema));
        }
        if (!cut) {
            return record;
        }
        Schema projectedRecord =
                Schema.createRecord(
                        record.getName(),
                        record.getDoc(),
                        record.getNamespace(),
                        record.isError(),
                        fields);
        for (String alias : record.getAliases()) {
            projectedRecord.addAlias(alias);
        }
        return withProps(projectedRecord, record);
    }

    private static Schema projectUnion(
            Schema union, LogicalType mapped, LogicalType projected, String path) {
        List<Schema> branches = union.getTypes();
        long nonNull = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).count();
        List<Schema> projectedBranches = new ArrayList<>(branches.size());
        boolean cut = false;
        int field = 0;
        for (Schema branch : branches) {
            Schema projectedBranch = branch;
            if (branch.getType() != Schema.Type.NULL) {
                if (nonNull == 1) {
                    projectedBranch = project(branch, mapped, projected, path);
                } else {
                    RowType mappedRow = (RowType) mapped;
                    RowType projectedRow =
                            ReaderCompiler.as(RowType.class, projected, mapped, path);
                    String name = mappedRow.getFields().get(field).getName();
                    int target = projectedRow.getFieldIndex(name);
                    if (target >= 0) {
                        projectedBranch =
                                project(
                                        branch,
                                        mappedRow.getTypeAt(field),
                                        projectedRow.getTypeAt(target),
                                        ReaderCompiler.child(path, name));
                    }
                }
                field++;
            }
            cut |= projectedBranch != branch;
            projectedBranches.add(projectedBranch);
        }
        return cut ? Schema.createUnion(projectedBranches) : union;
    }

    private static Schema withProps(Schema projected, Schema original) {
        projected.addAllProps(original);
        return projected;
    }
}
