package io.jetliner.flink.testutil;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A seeded generator of random Avro writer schemas: records nested to depth {@value #MAX_DEPTH},
 * every primitive, enums, fixed, arrays, maps, unions of null and one type in both orders,
 * multi-branch unions, every logical type of the design (decimal on bytes and fixed, also wider
 * than 38 digits; uuid on string and fixed; date; time; timestamps and local timestamps in milli,
 * micro and nano seconds; duration), unknown and invalid logical types, reused named types, now and
 * then a recursive record, and now and then a top-level schema that is no record.
 *
 * <p>Every name is unique within a schema, so that the simple names of union branches never clash.
 * Recursive references only ever appear where a value can end the recursion (a union with null, an
 * array or a map), so that {@link RandomData} always terminates.
 */
public final class RandomSchemas {

    /** Nesting depth of records, arrays, maps and unions beyond which only leaves are made. */
    public static final int MAX_DEPTH = 4;

    private static final String[] ODD_FIELD_NAMES = {
        "value", "name", "type", "_x", "a_b_c", "timestamp", "ROW", "map", "null", "Z9"
    };

    private final Random random;
    private final Deque<Schema> openRecords = new ArrayDeque<>();
    private final List<Schema> finishedNamedTypes = new ArrayList<>();
    private final boolean namespaced;
    private int nameCounter;

    private RandomSchemas(Random random) {
        this.random = random;
        this.namespaced = random.nextInt(3) == 0;
    }

    /** A random top-level writer schema: mostly a record, sometimes any other type. */
    public static Schema next(Random random) {
        return new RandomSchemas(random).topLevel();
    }

    /** A random top-level record schema. */
    public static Schema nextRecord(Random random) {
        return new RandomSchemas(random).record(0, random.nextInt(10) == 0);
    }

    private Schema topLevel() {
        if (random.nextInt(100) < 8) {
            Schema schema;
            do {
                schema = any(1);
            } while (schema.getType() == Schema.Type.RECORD);
            return schema;
        }
        return record(0, random.nextInt(10) == 0);
    }

    private Schema any(int depth) {
        if (depth >= MAX_DEPTH) {
            return leaf();
        }
        int roll = random.nextInt(100);
        if (roll < 45) {
            return leaf();
        } else if (roll < 53) {
            return Schema.createArray(any(depth + 1));
        } else if (roll < 61) {
            return Schema.createMap(any(depth + 1));
        } else if (roll < 75) {
            return optional(nonNullNonUnion(depth + 1));
        } else if (roll < 84) {
            return multiBranchUnion(depth + 1);
        } else if (roll < 97 || openRecords.isEmpty()) {
            return namedRecord(depth + 1);
        } else {
            List<Schema> open = new ArrayList<>(openRecords);
            return recursiveReference(open.get(random.nextInt(open.size())));
        }
    }

    private Schema nonNullNonUnion(int depth) {
        Schema schema;
        do {
            schema = any(depth);
        } while (schema.getType() == Schema.Type.UNION || schema.getType() == Schema.Type.NULL);
        return schema;
    }

    private Schema leaf() {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return primitive();
        } else if (roll < 85) {
            return logical();
        } else if (roll < 93) {
            return reuseOr(Schema.Type.ENUM, this::newEnum);
        } else {
            return reuseOr(Schema.Type.FIXED, () -> newFixed(1 + random.nextInt(20)));
        }
    }

    private Schema primitive() {
        Schema.Type[] types = {
            Schema.Type.BOOLEAN,
            Schema.Type.INT,
            Schema.Type.LONG,
            Schema.Type.FLOAT,
            Schema.Type.DOUBLE,
            Schema.Type.BYTES,
            Schema.Type.STRING
        };
        if (random.nextInt(40) == 0) {
            return Schema.create(Schema.Type.NULL);
        }
        return Schema.create(types[random.nextInt(types.length)]);
    }

    private Schema logical() {
        switch (random.nextInt(19)) {
            case 0:
                return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case 1:
                return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            case 2:
                return LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case 3:
                return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case 4:
                return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case 5:
                return LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG));
            case 6:
                return LogicalTypes.localTimestampMillis()
                        .addToSchema(Schema.create(Schema.Type.LONG));
            case 7:
                return LogicalTypes.localTimestampMicros()
                        .addToSchema(Schema.create(Schema.Type.LONG));
            case 8:
                return LogicalTypes.localTimestampNanos()
                        .addToSchema(Schema.create(Schema.Type.LONG));
            case 9:
            case 10:
                return decimalOnBytes();
            case 11:
            case 12:
                return decimalOnFixed();
            case 13:
                return LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case 14:
                return LogicalTypes.uuid().addToSchema(newFixed(16));
            case 15:
            case 16:
                return LogicalTypes.duration().addToSchema(newFixed(12));
            case 17:
                return unknownLogicalType();
            default:
                return invalidLogicalType();
        }
    }

    private Schema decimalOnBytes() {
        int precision = random.nextInt(5) == 0 ? 39 + random.nextInt(40) : 1 + random.nextInt(38);
        int scale = random.nextInt(precision + 1);
        return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }

    private Schema decimalOnFixed() {
        int size = random.nextInt(4) == 0 ? 17 + random.nextInt(16) : 1 + random.nextInt(16);
        int precision = 1 + random.nextInt(maxDecimalPrecision(size));
        int scale = random.nextInt(precision + 1);
        return LogicalTypes.decimal(precision, scale).addToSchema(newFixed(size));
    }

    /** The most decimal digits a two's-complement number of {@code size} bytes always holds. */
    public static int maxDecimalPrecision(int size) {
        return (int) Math.floor(Math.log10(2) * (8 * size - 1));
    }

    /** A logical type no reader knows: the underlying type is what counts. */
    private Schema unknownLogicalType() {
        Schema schema = Schema.create(random.nextBoolean() ? Schema.Type.STRING : Schema.Type.LONG);
        schema.addProp("logicalType", "x-jetliner-unknown");
        return schema;
    }

    /** A known logical type on the wrong underlying type, which Avro ignores. */
    private Schema invalidLogicalType() {
        Schema schema;
        switch (random.nextInt(3)) {
            case 0:
                schema = Schema.create(Schema.Type.LONG);
                schema.addProp("logicalType", "date");
                return schema;
            case 1:
                schema = newFixed(8);
                schema.addProp("logicalType", "uuid");
                return schema;
            default:
                schema = Schema.create(Schema.Type.STRING);
                schema.addProp("logicalType", "timestamp-millis");
                return schema;
        }
    }

    private Schema optional(Schema type) {
        Schema nullType = Schema.create(Schema.Type.NULL);
        return random.nextBoolean()
                ? Schema.createUnion(nullType, type)
                : Schema.createUnion(type, nullType);
    }

    private Schema multiBranchUnion(int depth) {
        List<Integer> kinds = new ArrayList<>();
        for (int kind = 0; kind < 12; kind++) {
            kinds.add(kind);
        }
        Collections.shuffle(kinds, random);
        int count = 2 + random.nextInt(3);
        List<Schema> branches = new ArrayList<>();
        for (int kind : kinds.subList(0, count)) {
            branches.add(unionBranch(kind, depth));
        }
        if (random.nextBoolean()) {
            branches.add(random.nextInt(branches.size() + 1), Schema.create(Schema.Type.NULL));
        }
        return Schema.createUnion(branches);
    }

    private Schema unionBranch(int kind, int depth) {
        boolean logical = random.nextInt(4) == 0;
        switch (kind) {
            case 0:
                return logical
                        ? LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))
                        : Schema.create(Schema.Type.INT);
            case 1:
                return logical
                        ? LogicalTypes.timestampMicros()
                                .addToSchema(Schema.create(Schema.Type.LONG))
                        : Schema.create(Schema.Type.LONG);
            case 2:
                return Schema.create(Schema.Type.FLOAT);
            case 3:
                return Schema.create(Schema.Type.DOUBLE);
            case 4:
                return Schema.create(Schema.Type.BOOLEAN);
            case 5:
                return logical
                        ? LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING))
                        : Schema.create(Schema.Type.STRING);
            case 6:
                return logical ? decimalOnBytes() : Schema.create(Schema.Type.BYTES);
            case 7:
                return reuseOr(Schema.Type.ENUM, this::newEnum);
            case 8:
                return logical ? decimalOnFixed() : newFixed(1 + random.nextInt(20));
            case 9:
                return namedRecord(depth);
            case 10:
                return Schema.createArray(depth >= MAX_DEPTH ? primitive() : any(depth + 1));
            default:
                return Schema.createMap(depth >= MAX_DEPTH ? primitive() : any(depth + 1));
        }
    }

    private Schema namedRecord(int depth) {
        if (random.nextInt(4) == 0) {
            return reuseOr(Schema.Type.RECORD, () -> record(depth, false));
        }
        return record(depth, depth <= 2 && random.nextInt(15) == 0);
    }

    private Schema record(int depth, boolean recursive) {
        Schema record = Schema.createRecord(nextName("R"), null, namespace(), false);
        openRecords.push(record);
        int fieldCount = random.nextInt(40) == 0 ? 0 : 1 + random.nextInt(depth == 0 ? 8 : 4);
        List<Schema> types = new ArrayList<>();
        for (int i = 0; i < fieldCount; i++) {
            types.add(any(depth + 1));
        }
        if (recursive) {
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                types.add(random.nextInt(types.size() + 1), recursiveReference(record));
            }
        }
        Set<String> names = new HashSet<>();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema type : types) {
            fields.add(new Schema.Field(fieldName(names), type));
        }
        record.setFields(fields);
        openRecords.pop();
        finishedNamedTypes.add(record);
        return record;
    }

    /** A reference to an enclosing record, in a shape whose values can end the recursion. */
    private Schema recursiveReference(Schema enclosing) {
        Schema nullType = Schema.create(Schema.Type.NULL);
        switch (random.nextInt(5)) {
            case 0:
                return Schema.createUnion(nullType, enclosing);
            case 1:
                return Schema.createUnion(enclosing, nullType);
            case 2:
                return Schema.createArray(enclosing);
            case 3:
                return Schema.createMap(enclosing);
            default:
                return Schema.createUnion(nullType, Schema.create(Schema.Type.STRING), enclosing);
        }
    }

    private Schema newEnum() {
        int count = 1 + random.nextInt(6);
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            symbols.add((random.nextInt(5) == 0 ? "_s" : "S") + i);
        }
        Schema schema = Schema.createEnum(nextName("E"), null, namespace(), symbols);
        finishedNamedTypes.add(schema);
        return schema;
    }

    private Schema newFixed(int size) {
        Schema schema = Schema.createFixed(nextName("F"), null, namespace(), size);
        finishedNamedTypes.add(schema);
        return schema;
    }

    /**
     * Sometimes a named type made before (by reference), else a new one. Never one carrying a
     * logical type: those are made fresh where wanted.
     */
    private Schema reuseOr(Schema.Type type, Supplier<Schema> create) {
        if (random.nextInt(4) == 0) {
            List<Schema> candidates = new ArrayList<>();
            for (Schema named : finishedNamedTypes) {
                if (named.getType() == type && named.getLogicalType() == null) {
                    candidates.add(named);
                }
            }
            if (!candidates.isEmpty()) {
                return candidates.get(random.nextInt(candidates.size()));
            }
        }
        return create.get();
    }

    private String nextName(String prefix) {
        return prefix + nameCounter++;
    }

    /**
     * No namespace in any name of the schema, or a namespace in every name: Avro's JSON cannot
     * refer to a name without namespace from inside a namespace (it would read as one in that
     * namespace), so the two are not mixed.
     */
    private String namespace() {
        if (!namespaced) {
            return null;
        }
        return random.nextInt(4) == 0 ? "io.example.deep" : "ns" + random.nextInt(3);
    }

    private String fieldName(Set<String> taken) {
        String name;
        do {
            name =
                    random.nextInt(6) == 0
                            ? ODD_FIELD_NAMES[random.nextInt(ODD_FIELD_NAMES.length)]
                            : "f" + random.nextInt(40);
        } while (!taken.add(name));
        return name;
    }
}
