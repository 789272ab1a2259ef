package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Resolver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a file's writer schema resolved against a reader schema into a tree of {@link
 * FieldReader}s that read the writer's bytes straight into columns of the reader's Flink type.
 *
 * <p>The resolution itself is Avro Java's ({@link Resolver}): the rules of the specification as
 * Avro's own {@code ResolvingDecoder} applies them, aliases included, so that Jetliner reads every
 * pair of schemas as Avro does. This class turns each of its actions into readers: a promotion into
 * a reader that widens as it reads, a reader field the writer lacks into its default (encoded once,
 * here), a writer field the reader lacks into a skip, enum symbols into a lookup table, and unions
 * on either side into readers that pick the reader's branch for each of the writer's. Parts whose
 * writer and reader schemas are equal compile as the writer's alone ({@link ReaderCompiler}), so
 * that they cost what plain reading costs.
 *
 * <p>Avro reports a mismatch only when a value meets it. Here a mismatch is an {@code
 * INCOMPATIBLE_SCHEMA} error at compile time, naming the field and both types, unless it lies in a
 * branch of the writer's union that another branch can stand for (a file may then hold no value of
 * it, as when a field once {@code ["null", "string", "int"]} is read as {@code ["null",
 * "string"]}): a value of that branch, or of an enum symbol the reader lacks without a default, is
 * an error when it is read.
 */
final class ResolvingCompiler {

    /**
     * Values without logical-type conversions: defaults are taken and encoded as the schema writes
     * them, whatever conversions an application registered on {@link GenericData#get()}.
     */
    private static final GenericData RAW = new GenericData();

    /** Compiles writer-only and reader-only parts. */
    private final ReaderCompiler plain = new ReaderCompiler();

    /** The skipping readers of writer schemas the reader lacks, by schema. */
    private final Map<Schema, FieldReader> skippers = new IdentityHashMap<>();

    private ResolvingCompiler() {}

    /**
     * The reader of records written with {@code writer} into rows of {@code projected}.
     *
     * @param reader the reader schema
     * @param mapped its Flink row type ({@link AvroTypes#toRowType})
     * @param projected the rows to read: {@code mapped} or a projection of it
     */
    static RecordReader compile(Schema writer, Schema reader, RowType mapped, RowType projected) {
        ResolvingCompiler compiler = new ResolvingCompiler();
        Schema projectedReader =
                ReaderSchemaProjection.project(
                        reader,
                        reader.getType() == Schema.Type.RECORD ? mapped : mapped.getTypeAt(0),
                        reader.getType() == Schema.Type.RECORD
                                ? projected
                                : projected.getFieldCount() == 0
                                        ? mapped.getTypeAt(0)
                                        : projected.getTypeAt(0),
                        "");
        Resolver.Action action = Resolver.resolve(writer, projectedReader, RAW);
        if (reader.getType() == Schema.Type.RECORD) {
            if (action instanceof Resolver.RecordAdjust) {
                return compiler.compileRecord(
                        (Resolver.RecordAdjust) action, mapped, projected, "");
            }
            throw compiler.mismatch(action, "");
        }
        // A file of single values: its one column, if projected, takes them.
        RecordReader records = new RecordReader();
        if (projected.getFieldCount() == 0) {
            records.define(new FieldReader[] {compiler.skipper(writer)}, new int[] {-1}, 0);
        } else {
            RowField column = mapped.getFields().get(0);
            FieldReader value =
                    compiler.compile(action, column.getType(), projected.getTypeAt(0), "");
            records.define(new FieldReader[] {value}, new int[] {0}, 1);
        }
        return records;
    }

    /**
     * The reader of the writer's values of {@code action} into a column of {@code projected}, the
     * projected Flink type of the action's reader schema, whose full Flink type is {@code mapped}.
     */
    private FieldReader compile(
            Resolver.Action action, LogicalType mapped, LogicalType projected, String path) {
        if (mapped.isNullable() && !projected.isNullable()) {
            throw ReaderCompiler.incompatible(
                    path, "is nullable in the reader schema but projected as " + projected);
        }
        if (action.type != Resolver.Action.Type.ERROR && action.writer.equals(action.reader)) {
            return plain.compile(action.reader, mapped, projected, path);
        }
        switch (action.type) {
            case DO_NOTHING:
                requireSameLogicalType(action.writer, action.reader, path);
                return plain.compile(action.reader, mapped, projected, path);
            case PROMOTE:
                return compilePromotion(action, mapped, projected, path);
            case ENUM:
                return compileEnum((Resolver.EnumAdjust) action, mapped, projected, path);
            case CONTAINER:
                return compileContainer((Resolver.Container) action, mapped, projected, path);
            case RECORD:
                if (!(mapped instanceof RowType)) {
                    // a record inside itself: one JSON string, resolved value by value
                    ReaderCompiler.requireSameType(mapped, projected, path);
                    return new ResolvedRecursiveRecordReader(
                            action.writer, action.reader, skipper(action.writer));
                }
                return compileRecord(
                        (Resolver.RecordAdjust) action,
                        (RowType) mapped,
                        ReaderCompiler.as(RowType.class, projected, mapped, path),
                        path);
            case WRITER_UNION:
                return compileWriterUnion((Resolver.WriterUnion) action, mapped, projected, path);
            case READER_UNION:
                Resolver.ReaderUnion union = (Resolver.ReaderUnion) action;
                return intoReaderUnion(
                        union.reader,
                        union.firstMatch,
                        union.actualAction,
                        mapped,
                        projected,
                        path);
            case ERROR:
            default:
                throw mismatch(action, path);
        }
    }

    private FieldReader compilePromotion(
            Resolver.Action action, LogicalType mapped, LogicalType projected, String path) {
        Schema.Type writer = action.writer.getType();
        Schema.Type reader = action.reader.getType();
        FieldReader readerType = plain.compile(action.reader, mapped, projected, path);
        switch (reader) {
            case LONG:
                if (!(readerType instanceof LongReader)) {
                    throw ReaderCompiler.incompatible(
                            path,
                            "is int in the file, which cannot be promoted to "
                                    + action.reader
                                    + " in the reader schema");
                }
                return new IntToLongReader(readerType);
            case FLOAT:
            case DOUBLE:
                return new FloatingPromotionReader(writer, reader);
            default:
                // string <-> bytes: the same encoding, a length and the bytes.
                requireSameLogicalType(action.writer, action.reader, path);
                return readerType;
        }
    }

    private FieldReader compileEnum(
            Resolver.EnumAdjust action, LogicalType mapped, LogicalType projected, String path) {
        FieldReader readerType = plain.compile(action.reader, mapped, projected, path);
        List<String> writerSymbols = action.writer.getEnumSymbols();
        if (writerSymbols.equals(action.reader.getEnumSymbols())) {
            return readerType;
        }
        return new ResolvedEnumReader(path, writerSymbols, action.adjustments.clone(), readerType);
    }

    private FieldReader compileContainer(
            Resolver.Container action, LogicalType mapped, LogicalType projected, String path) {
        if (action.writer.getType() == Schema.Type.ARRAY) {
            return new ArrayReader(
                    compile(
                            action.elementAction,
                            ((ArrayType) mapped).getElementType(),
                            ReaderCompiler.as(ArrayType.class, projected, mapped, path)
                                    .getElementType(),
                            path + "[]"));
        }
        MapType projectedMap = ReaderCompiler.as(MapType.class, projected, mapped, path);
        ReaderCompiler.requireSameType(
                ((MapType) mapped).getKeyType(), projectedMap.getKeyType(), path);
        return new MapReader(
                compile(
                        action.elementAction,
                        ((MapType) mapped).getValueType(),
                        projectedMap.getValueType(),
                        path + "{}"));
    }

    /**
     * The writer's fields in the writer's order, each read into the reader field of its name (or
     * alias) or skipped, followed by the reader fields the writer lacks, each its default.
     */
    private RecordReader compileRecord(
            Resolver.RecordAdjust action, RowType mapped, RowType projected, String path) {
        ReaderCompiler.requireFieldsExist(projected, mapped, path);
        List<Schema.Field> writerFields = action.writer.getFields();
        List<FieldReader> fields = new ArrayList<>(action.fieldActions.length);
        List<Integer> targets = new ArrayList<>(action.fieldActions.length);
        int readerField = 0;
        for (Resolver.Action fieldAction : action.fieldActions) {
            if (fieldAction.type == Resolver.Action.Type.SKIP) {
                fields.add(skipper(fieldAction.writer));
                targets.add(-1);
                continue;
            }
            Schema.Field field = action.readerOrder[readerField++];
            int target = projected.getFieldIndex(field.name());
            targets.add(target);
            fields.add(
                    target < 0
                            ? skipper(fieldAction.writer)
                            : compile(
                                    fieldAction,
                                    mapped.getTypeAt(mapped.getFieldIndex(field.name())),
                                    projected.getTypeAt(target),
                                    ReaderCompiler.child(path, field.name())));
        }
        for (int d = action.firstDefault; d < action.readerOrder.length; d++) {
            Schema.Field field = action.readerOrder[d];
            int target = projected.getFieldIndex(field.name());
            if (target < 0) {
                continue;
            }
            String fieldPath = ReaderCompiler.child(path, field.name());
            FieldReader readerType =
                    plain.compile(
                            field.schema(),
                            mapped.getTypeAt(mapped.getFieldIndex(field.name())),
                            projected.getTypeAt(target),
                            fieldPath);
            Object value = action.defaults[d - action.firstDefault];
            // A null default, the commonest, costs a null flag a row.
            fields.add(
                    value == null
                            ? new NullValueReader(readerType)
                            : new DefaultValueReader(
                                    encode(field.schema(), value, fieldPath), readerType));
            targets.add(target);
        }
        RecordReader reader = new RecordReader();
        reader.define(
                fields.toArray(new FieldReader[0]),
                targets.stream().mapToInt(Integer::intValue).toArray(),
                projected.getFieldCount());
        return reader;
    }

    /**
     * A writer's union: each branch resolved against the reader's type on its own. A branch the
     * reader cannot take fails only when a value of it is read, as long as some branch can be read.
     */
    private FieldReader compileWriterUnion(
            Resolver.WriterUnion action, LogicalType mapped, LogicalType projected, String path) {
        List<Schema> writerBranches = action.writer.getTypes();
        FieldReader[] branches = new FieldReader[writerBranches.size()];
        JetlinerException firstMismatch = null;
        for (int i = 0; i < branches.length; i++) {
            try {
                branches[i] = compileWriterBranch(action, i, mapped, projected, path);
            } catch (JetlinerException e) {
                if (e.kind() != JetlinerException.Kind.INCOMPATIBLE_SCHEMA) {
                    throw e;
                }
                firstMismatch = firstMismatch == null ? e : firstMismatch;
                branches[i] =
                        new IncompatibleBranchReader(
                                e.detail()
                                        + " (a value of the file's union branch "
                                        + writerBranches.get(i)
                                        + ")",
                                skipper(writerBranches.get(i)));
            }
        }
        if (firstMismatch != null
                && Arrays.stream(branches).allMatch(b -> b instanceof IncompatibleBranchReader)) {
            throw firstMismatch;
        }
        FieldReader readerType = plain.compile(action.reader, mapped, projected, path);
        if (branches.length == 2) {
            // [null, T] into a nullable column, the commonest union: read as the plain path does.
            for (int nullBranch = 0; nullBranch < 2; nullBranch++) {
                FieldReader value = branches[1 - nullBranch];
                if (branches[nullBranch] instanceof NullValueReader
                        && value instanceof NotNullReader) {
                    return new NullableReader(2, 1 - nullBranch, ((NotNullReader) value).child);
                }
            }
        }
        return new WriterUnionReader(branches, readerType);
    }

    private FieldReader compileWriterBranch(
            Resolver.WriterUnion action,
            int branch,
            LogicalType mapped,
            LogicalType projected,
            String path) {
        Resolver.Action branchAction = action.actions[branch];
        if (action.unionEquiv) {
            // Each branch resolved against the reader's branch of the same index.
            return intoReaderUnion(action.reader, branch, branchAction, mapped, projected, path);
        }
        return compile(branchAction, mapped, projected, path);
    }

    /**
     * The reader of a value the writer wrote without a union index into the reader's union {@code
     * union}, as a value of its branch {@code branch}, resolved by {@code action}.
     */
    private FieldReader intoReaderUnion(
            Schema union,
            int branch,
            Resolver.Action action,
            LogicalType mapped,
            LogicalType projected,
            String path) {
        Schema readerBranch = union.getTypes().get(branch);
        List<Schema> nonNull = AvroTypes.nonNullBranches(union);
        if (readerBranch.getType() == Schema.Type.NULL) {
            return new NullValueReader(plain.compile(union, mapped, projected, path));
        }
        if (nonNull.size() == 1) {
            FieldReader value = compile(action, mapped, projected, path);
            return union.getTypes().size() == 1 ? value : new NotNullReader(value);
        }
        RowType mappedRow = (RowType) mapped;
        RowType projectedRow = ReaderCompiler.as(RowType.class, projected, mapped, path);
        int field = nonNull.indexOf(readerBranch);
        RowField mappedField = mappedRow.getFields().get(field);
        int target = projectedRow.getFieldIndex(mappedField.getName());
        FieldReader value =
                target < 0
                        ? skipper(action.writer)
                        : compile(
                                action,
                                mappedField.getType(),
                                projectedRow.getTypeAt(target),
                                ReaderCompiler.child(path, mappedField.getName()));
        return new UnionBranchReader(value, target, plain.compile(union, mapped, projected, path));
    }

    /** A reader that skips values of a writer schema. */
    private FieldReader skipper(Schema writer) {
        FieldReader skipper = skippers.get(writer);
        if (skipper == null) {
            LogicalType type = AvroTypes.toLogicalType(writer);
            skipper = new ReaderCompiler().compile(writer, type, type, "");
            skippers.put(writer, skipper);
        }
        return skipper;
    }

    /**
     * Logical types change what a value means, not how it is written, so Avro's resolution ignores
     * them; reading a value with another logical type than it was written with would change it
     * silently (micros read as millis), so where both schemas have one, they must agree. A decimal
     * may widen its precision, not change its scale. One side without a logical type is fine: the
     * reader's decides.
     */
    private static void requireSameLogicalType(Schema writer, Schema reader, String path) {
        org.apache.avro.LogicalType written = writer.getLogicalType();
        org.apache.avro.LogicalType read = reader.getLogicalType();
        if (written == null || read == null || written.equals(read)) {
            return;
        }
        if (written instanceof LogicalTypes.Decimal && read instanceof LogicalTypes.Decimal) {
            LogicalTypes.Decimal w = (LogicalTypes.Decimal) written;
            LogicalTypes.Decimal r = (LogicalTypes.Decimal) read;
            if (w.getScale() == r.getScale() && w.getPrecision() <= r.getPrecision()) {
                return;
            }
        }
        throw ReaderCompiler.incompatible(
                path,
                "is "
                        + describe(writer)
                        + " in the file but "
                        + describe(reader)
                        + " in the reader schema: the logical types differ");
    }

    /** The compile-time error for an action Avro would fail to read. */
    private JetlinerException mismatch(Resolver.Action action, String path) {
        String detail;
        Resolver.ErrorAction.ErrorType error =
                action instanceof Resolver.ErrorAction
                        ? ((Resolver.ErrorAction) action).error
                        : null;
        if (error == Resolver.ErrorAction.ErrorType.MISSING_REQUIRED_FIELD) {
            StringBuilder missing = new StringBuilder();
            for (Schema.Field field : action.reader.getFields()) {
                if (action.writer.getField(field.name()) == null && !field.hasDefaultValue()) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(field.name());
                }
            }
            detail =
                    "is the record "
                            + action.writer.getFullName()
                            + " in the file, which lacks the reader's fields without a default: "
                            + missing;
        } else {
            String why;
            if (error == Resolver.ErrorAction.ErrorType.NAMES_DONT_MATCH) {
                why = "their names differ (the reader may name the file's as an alias)";
            } else if (error == Resolver.ErrorAction.ErrorType.SIZES_DONT_MATCH) {
                why = "their sizes differ";
            } else if (error == Resolver.ErrorAction.ErrorType.NO_MATCHING_BRANCH) {
                why = "no branch of the reader's union can take it";
            } else {
                why = "Avro's resolution rules do not read one as the other";
            }
            detail =
                    "is "
                            + describe(action.writer)
                            + " in the file but "
                            + describe(action.reader)
                            + " in the reader schema: "
                            + why;
        }
        return ReaderCompiler.incompatible(path, detail);
    }

    /** A schema in a message: its JSON, cut short if long. */
    private static String describe(Schema schema) {
        String json = schema.toString();
        return json.length() <= 200 ? json : json.substring(0, 200) + "...";
    }

    /** A default value in Avro binary, as the reader's schema writes it. */
    private static byte[] encode(Schema schema, Object value, String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<>(schema, RAW).write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new JetlinerException(
                    JetlinerException.Kind.BAD_SCHEMA,
                    "the default of the reader's field '" + path + "' does not fit its type: " + e,
                    e);
        }
        return bytes.toByteArray();
    }
}
