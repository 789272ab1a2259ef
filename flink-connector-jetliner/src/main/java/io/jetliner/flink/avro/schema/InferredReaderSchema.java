package io.jetliner.flink.avro.schema;

import org.apache.flink.annotation.Internal;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader schema Jetliner infers when none is given: the newest file's schema, in which every
 * field that may be null and has no default defaults to null. Producers often add a field such as
 * {@code {"name": "email", "type": ["null", "string"]}} without a default; by the Avro rules the
 * files written before it could then not be read as the newest schema at all, while a SQL column or
 * a row field that may be NULL has an obvious value for them.
 *
 * <p>To take a null default, such a field's union has its null branch moved first, as the Avro
 * specification wants of a union's default; the Flink type the union maps to does not change (its
 * non-null branches keep their order), nor do the values read.
 */
@Internal
public final class InferredReaderSchema {

    private InferredReaderSchema() {}

    /** {@code newest} with a null default for every nullable field without a default. */
    public static Schema of(Schema newest) {
        return new InferredReaderSchema.Rewriter().rewrite(newest);
    }

    /** Rewrites one schema; each record once, so that references to it, and recursion, hold. */
    private static final class Rewriter {
        private final Map<String, Schema> records = new HashMap<>();

        Schema rewrite(Schema schema) {
            switch (schema.getType()) {
                case RECORD:
                    return rewriteRecord(schema);
                case ARRAY:
                    Schema element = rewrite(schema.getElementType());
                    return element == schema.getElementType()
                            ? schema
                            : withProps(Schema.createArray(element), schema);
                case MAP:
                    Schema value = rewrite(schema.getValueType());
                    return value == schema.getValueType()
                            ? schema
                            : withProps(Schema.createMap(value), schema);
                case UNION:
                    List<Schema> branches = new ArrayList<>(schema.getTypes().size());
                    boolean changed = false;
                    for (Schema branch : schema.getTypes()) {
                        Schema rewritten = rewrite(branch);
                        changed |= rewritten != branch;
                        branches.add(rewritten);
                    }
                    return changed ? Schema.createUnion(branches) : schema;
                default:
                    return schema;
            }
        }

        private Schema rewriteRecord(Schema record) {
            Schema done = records.get(record.getFullName());
            if (done != null) {
                return done;
            }
            Schema rewritten =
                    Schema.createRecord(
                            record.getName(),
                            record.getDoc(),
                            record.getNamespace(),
                            record.isError());
            for (String alias : record.getAliases()) {
                rewritten.addAlias(alias);
            }
            withProps(rewritten, record);
            records.put(record.getFullName(), rewritten);
            List<Schema.Field> fields = new ArrayList<>(record.getFields().size());
            for (Schema.Field field : record.getFields()) {
                Schema type = rewrite(field.schema());
                if (!field.hasDefaultValue() && isNullable(type)) {
                    Schema.Field withDefault =
                            new Schema.Field(
                                    field.name(),
                                    nullFirst(type),
                                    field.doc(),
                                    JsonProperties.NULL_VALUE,
                                    field.order());
                    field.aliases().forEach(withDefault::addAlias);
                    withDefault.putAll(field);
                    fields.add(withDefault);
                } else {
                    fields.add(new Schema.Field(field, type));
                }
            }
            rewritten.setFields(fields);
            return rewritten;
        }

        private static boolean isNullable(Schema schema) {
            return schema.getType() == Schema.Type.UNION
                    && schema.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
        }

        private static Schema nullFirst(Schema union) {
            if (union.getTypes().get(0).getType() == Schema.Type.NULL) {
                return union;
            }
            List<Schema> branches = new ArrayList<>(union.getTypes().size());
            for (Schema branch : union.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    branches.add(0, branch);
                } else {
                    branches.add(branch);
                }
            }
            return Schema.createUnion(branches);
        }

        private static Schema withProps(Schema rewritten, Schema original) {
            rewritten.addAllProps(original);
            return rewritten;
        }
    }
}
