package io.jetliner.flink.avro.schema;

import org.apache.flink.annotation.Internal;

import org.apache.avro.Schema;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * How few bytes a value of a schema takes in Avro's binary encoding: a lower bound on a record's
 * size, with which a block's declared record count can be checked against the bytes it may hold
 * without decoding it.
 */
@Internal
public final class EncodedSizes {

    private EncodedSizes() {}

    /**
     * The fewest bytes any value of {@code schema} is encoded in: 0 for {@code null}, 1 for a
     * boolean, a varint, a length or count (every string, bytes, array, map, enum and union index),
     * 4 and 8 for float and double, n for fixed(n), the sum of its fields for a record. A record
     * met again inside itself counts 0: the bound stays a lower one.
     */
    public static long minimum(Schema schema) {
        return minimum(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static long minimum(Schema schema, Set<Schema> enclosing) {
        switch (schema.getType()) {
            case NULL:
                return 0;
            case BOOLEAN:
            case INT:
            case LONG:
            case STRING:
            case BYTES:
            case ENUM:
            case ARRAY:
            case MAP:
                return 1;
            case FLOAT:
                return 4;
            case DOUBLE:
                return 8;
            case FIXED:
                return schema.getFixedSize();
            case UNION:
                long branch = Long.MAX_VALUE;
                for (Schema type : schema.getTypes()) {
                    branch = Math.min(branch, minimum(type, enclosing));
                }
                return 1 + (branch == Long.MAX_VALUE ? 0 : branch);
            case RECORD:
                if (!enclosing.add(schema)) {
                    return 0;
                }
                long sum = 0;
                for (Schema.Field field : schema.getFields()) {
                    sum += minimum(field.schema(), enclosing);
                }
                enclosing.remove(schema);
                return sum;
            default:
                throw new IllegalArgumentException("unknown Avro type " + schema.getType());
        }
    }
}
