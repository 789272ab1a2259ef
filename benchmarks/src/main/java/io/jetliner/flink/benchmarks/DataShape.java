package io.jetliner.flink.benchmarks;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the rows of a benchmark file look like: its schema, its default size and how its rows are
 * drawn from a seeded {@link Random}. The first three are the cases of Jetliner's own (Rust)
 * benchmark; {@link #EVENTS} is {@link SampleEvents}.
 */
public enum DataShape {

    /** Six primitive columns: the case Jetliner quotes its headline rate for. */
    SIMPLE(1_000_000) {
        private final Schema schema =
                SchemaBuilder.record("Simple")
                        .namespace(NAMESPACE)
                        .fields()
                        .requiredLong("id")
                        .requiredString("name")
                        .requiredDouble("value")
                        .requiredInt("count")
                        .requiredBoolean("flag")
                        .requiredFloat("ratio")
                        .endRecord();

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        void fill(GenericData.Record row, long index, Random random) {
            row.put(0, index);
            row.put(1, randomText(random, 10, 20));
            row.put(2, random.nextGaussian() * 1000);
            row.put(3, random.nextInt(100_000));
            row.put(4, random.nextBoolean());
            row.put(5, random.nextFloat());
        }
    },

    /**
     * {@value #WIDE_COLUMNS} columns {@code c0..c99} whose types cycle through long, string,
     * double, int, boolean, float, bytes: about 0.7 KB a row.
     */
    WIDE(100_000) {
        private final Schema schema = wideSchema();

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        void fill(GenericData.Record row, long index, Random random) {
            for (int column = 0; column < WIDE_COLUMNS; column++) {
                row.put(column, randomValue(WideColumns.type(column), random));
            }
        }
    },

    /**
     * Nested records, an array of records, an array of strings, a map and a nullable double: the
     * shapes whose decoding allocates most in a {@link GenericRecord}.
     */
    COMPLEX(200_000) {
        private final Schema schema = complexSchema();

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        void fill(GenericData.Record row, long index, Random random) {
            Schema customerSchema = schema.getField("customer").schema();
            Schema addressSchema = customerSchema.getField("address").schema();
            Schema itemSchema = schema.getField("items").schema().getElementType();

            GenericData.Record address = new GenericData.Record(addressSchema);
            address.put("street", randomText(random, 8, 24));
            address.put("city", randomText(random, 4, 12));
            address.put("zip", 10_000 + random.nextInt(90_000));
            GenericData.Record customer = new GenericData.Record(customerSchema);
            customer.put("name", randomText(random, 6, 18));
            customer.put("age", 18 + random.nextInt(70));
            customer.put("address", address);

            int itemCount = random.nextInt(6);
            List<GenericRecord> items = new ArrayList<>(itemCount);
            for (int i = 0; i < itemCount; i++) {
                GenericData.Record item = new GenericData.Record(itemSchema);
                item.put("sku", randomText(random, 8, 8));
                item.put("quantity", 1 + random.nextInt(9));
                item.put("price", Math.round(random.nextDouble() * 50_000) / 100.0);
                items.add(item);
            }
            int tagCount = random.nextInt(5);
            List<Utf8> tags = new ArrayList<>(tagCount);
            for (int i = 0; i < tagCount; i++) {
                tags.add(randomText(random, 3, 10));
            }
            int attributeCount = random.nextInt(5);
            Map<Utf8, Utf8> attributes = new HashMap<>();
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(randomText(random, 4, 8), randomText(random, 4, 16));
            }

            row.put("id", index);
            row.put("customer", customer);
            row.put("items", items);
            row.put("tags", tags);
            row.put("attributes", attributes);
            row.put("score", random.nextInt(5) == 0 ? null : random.nextDouble() * 100);
        }
    },

    /** The realistic ten-column table of {@link SampleEvents}. */
    EVENTS(500_000) {
        @Override
        public Schema schema() {
            return SampleEvents.SCHEMA;
        }

        @Override
        void fill(GenericData.Record row, long index, Random random) {
            SampleEvents.fill(row, index, random);
        }
    };

    static final String NAMESPACE = SampleEvents.NAMESPACE;
    static final int WIDE_COLUMNS = 100;
    private static final char[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final long defaultRows;

    DataShape(long defaultRows) {
        this.defaultRows = defaultRows;
    }

    public abstract Schema schema();

    /** The row count the decode benchmark uses unless told otherwise. */
    public long defaultRows() {
        return defaultRows;
    }

    /** Fills every field of {@code row} (of {@link #schema()}) with row number {@code index}. */
    abstract void fill(GenericData.Record row, long index, Random random);

    /** A string of {@code min..max} random ASCII letters and digits. */
    static Utf8 randomText(Random random, int min, int max) {
        byte[] text = new byte[min + random.nextInt(max - min + 1)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new Utf8(text);
    }

    private static Schema wideSchema() {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("Wide").namespace(NAMESPACE).fields();
        for (int column = 0; column < WIDE_COLUMNS; column++) {
            Schema type = Schema.create(WideColumns.type(column));
            fields = fields.name("c" + column).type(type).noDefault();
        }
        return fields.endRecord();
    }

    private static Object randomValue(Schema.Type type, Random random) {
        switch (type) {
            case LONG:
                return (long) random.nextInt(Integer.MAX_VALUE) * random.nextInt(1 << 10);
            case STRING:
                return randomText(random, 10, 20);
            case DOUBLE:
                return random.nextDouble() * 1e6;
            case INT:
                return random.nextInt(1_000_000);
            case BOOLEAN:
                return random.nextBoolean();
            case FLOAT:
                return random.nextFloat() * 1000;
            case BYTES:
                byte[] bytes = new byte[4 + random.nextInt(13)];
                random.nextBytes(bytes);
                return ByteBuffer.wrap(bytes);
            default:
                throw new IllegalArgumentException("no generator for " + type);
        }
    }

    private static Schema complexSchema() {
        Schema address =
                SchemaBuilder.record("Address")
                        .namespace(NAMESPACE)
                        .fields()
                        .requiredString("street")
                        .requiredString("city")
                        .requiredInt("zip")
                        .endRecord();
        Schema customer =
                SchemaBuilder.record("Customer")
                        .namespace(NAMESPACE)
                        .fields()
                        .requiredString("name")
                        .requiredInt("age")
                        .name("address")
                        .type(address)
                        .noDefault()
                        .endRecord();
        Schema item =
                SchemaBuilder.record("Item")
                        .namespace(NAMESPACE)
                        .fields()
                        .requiredString("sku")
                        .requiredInt("quantity")
                        .requiredDouble("price")
                        .endRecord();
        return SchemaBuilder.record("Complex")
                .namespace(NAMESPACE)
                .fields()
                .requiredLong("id")
                .name("customer")
                .type(customer)
                .noDefault()
                .name("items")
                .type()
                .array()
                .items(item)
                .noDefault()
                .name("tags")
                .type()
                .array()
                .items()
                .stringType()
                .noDefault()
                .name("attributes")
                .type()
                .map()
                .values()
                .stringType()
                .noDefault()
                .optionalDouble("score")
                .endRecord();
    }

    /** Apart, because the enum's constants are built before its own static fields. */
    private static final class WideColumns {
        static final Schema.Type[] TYPES = {
            Schema.Type.LONG,
            Schema.Type.STRING,
            Schema.Type.DOUBLE,
            Schema.Type.INT,
            Schema.Type.BOOLEAN,
            Schema.Type.FLOAT,
            Schema.Type.BYTES
        };

        static Schema.Type type(int column) {
            return TYPES[column % TYPES.length];
        }
    }
}
