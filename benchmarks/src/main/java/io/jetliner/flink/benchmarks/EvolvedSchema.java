package io.jetliner.flink.benchmarks;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A later version of a file's record schema, to read the file with: what schema evolution typically
 * does to a schema over time. Its top-level fields come in the opposite order, its {@code int} and
 * {@code float} fields are widened to {@code long} and {@code double}, and it has one field more, a
 * nullable string with a null default. Nested types are as written.
 */
final class EvolvedSchema {

    /** The name of the field the evolved schema adds. */
    static final String ADDED_FIELD = "added_later";

    private EvolvedSchema() {}

    static Schema of(Schema writer) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : writer.getFields()) {
            fields.add(new Schema.Field(field, widened(field.schema())));
        }
        Collections.reverse(fields);
        fields.add(
                new Schema.Field(
                        ADDED_FIELD,
                        Schema.createUnion(
                                Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                        "added by a later version",
                        Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(
                writer.getName(), writer.getDoc(), writer.getNamespace(), false, fields);
    }

    private static Schema widened(Schema schema) {
        if (schema.getLogicalType() != null) {
            return schema;
        }
        switch (schema.getType()) {
            case INT:
                return Schema.create(Schema.Type.LONG);
            case FLOAT:
                return Schema.create(Schema.Type.DOUBLE);
            default:
                return schema;
        }
    }
}
