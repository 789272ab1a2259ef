package io.jetliner.flink.avro.decode;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A rough, local throughput check of the decoder against Avro's GenericDatumReader with a reused
 * record, to guide tuning: {@code java ... DecodeThroughputCheck
 * [mixed|nullable|longs|ints|doubles|strings] [only]} ({@code only}: without Avro). Not a test and
 * not a benchmark (the JMH benchmarks in {@code benchmarks} are); it prints rows per second.
 */
public final class DecodeThroughputCheck {

    public static void main(String[] args) throws IOException {
        String dataset = args.length > 0 ? args[0] : "mixed";
        Random random = new Random(42);
        Schema schema;
        Function<Schema, Object> generator;
        switch (dataset) {
            case "longs":
                schema = sixFieldsOf("long");
                generator =
                        s ->
                                AvroBlocks.record(
                                        s,
                                        ids(random),
                                        ids(random),
                                        ids(random),
                                        ids(random),
                                        ids(random),
                                        ids(random));
                break;
            case "ints":
                schema = sixFieldsOf("int");
                generator =
                        s ->
                                AvroBlocks.record(
                                        s,
                                        random.nextInt(60),
                                        random.nextInt(60),
                                        random.nextInt(60),
                                        random.nextInt(60),
                                        random.nextInt(60),
                                        random.nextInt(60));
                break;
            case "doubles":
                schema = sixFieldsOf("double");
                generator =
                        s ->
                                AvroBlocks.record(
                                        s,
                                        random.nextDouble(),
                                        random.nextDouble(),
                                        random.nextDouble(),
                                        random.nextDouble(),
                                        random.nextDouble(),
                                        random.nextDouble());
                break;
            case "strings":
                schema = sixFieldsOf("string");
                generator =
                        s ->
                                AvroBlocks.record(
                                        s,
                                        name(random),
                                        name(random),
                                        name(random),
                                        name(random),
                                        name(random),
                                        name(random));
                break;
            case "nullable":
                schema =
                        new Schema.Parser()
                                .parse(
                                        """
                        {"type": "record", "name": "E", "fields": [
                          {"name": "id", "type": ["null", "long"]},
                          {"name": "name", "type": ["null", "string"]},
                          {"name": "score", "type": ["null", "double"]},
                          {"name": "count", "type": ["null", "int"]},
                          {"name": "flag", "type": ["null", "boolean"]},
                          {"name": "ratio", "type": ["null", "float"]}]}
                        """);
                generator =
                        s ->
                                AvroBlocks.record(
                                        s,
                                        ids(random),
                                        random.nextInt(10) == 0 ? null : name(random),
                                        random.nextDouble(),
                                        random.nextInt(1000),
                                        random.nextBoolean(),
                                        random.nextFloat());
                break;
            default:
                schema =
                        new Schema.Parser()
                                .parse(
                                        """
                        {"type": "record", "name": "E", "fields": [
                          {"name": "id", "type": "long"},
                          {"name": "name", "type": "string"},
                          {"name": "score", "type": "double"},
                          {"name": "count", "type": "int"},
                          {"name": "flag", "type": "boolean"},
                          {"name": "ratio", "type": "float"}]}
                        """);
                generator =
                        s ->
                                AvroBlocks.record(
                                        s,
                                        ids(random),
                                        name(random),
                                        random.nextDouble(),
                                        random.nextInt(1000),
                                        random.nextBoolean(),
                                        random.nextFloat());
        }
        int records = 100_000;
        List<Object> data = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            data.add(generator.apply(schema));
        }
        byte[] block = AvroBlocks.encode(schema, data.toArray());
        System.out.printf("%s: %d records, %d bytes%n", dataset, records, block.length);
        RecordDecoder decoder = RecordDecoder.compile(schema, null);
        RowBatch batch = decoder.createBatch(2048);
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(schema);
        for (int round = 0; round < 10; round++) {
            long start = System.nanoTime();
            long rows = 0;
            for (int rep = 0; rep < 30; rep++) {
                decoder.startBlock(block, 0, block.length, records);
                while (decoder.remainingRecords() > 0) {
                    rows += decoder.decode(batch, 2048);
                }
            }
            long jetliner = System.nanoTime() - start;
            if (args.length > 1) {
                System.out.printf("jetliner %.1f M rows/s%n", rows * 1e3 / jetliner);
                continue;
            }
            start = System.nanoTime();
            GenericRecord reuse = null;
            BinaryDecoder in = null;
            for (int rep = 0; rep < 10; rep++) {
                in = DecoderFactory.get().binaryDecoder(block, in);
                for (int i = 0; i < records; i++) {
                    reuse = avro.read(reuse, in);
                }
            }
            long generic = System.nanoTime() - start;
            System.out.printf(
                    "jetliner %.1f M rows/s, avro %.1f M rows/s%n",
                    rows * 1e3 / jetliner, 10.0 * records * 1e3 / generic);
        }
    }

    private static long counter = 1_600_000_000_000L;

    private static long ids(Random random) {
        return counter += random.nextInt(1000);
    }

    private static String name(Random random) {
        return "name-" + random.nextInt(1_000_000);
    }

    private static Schema sixFieldsOf(String type) {
        StringBuilder json =
                new StringBuilder("{\"type\": \"record\", \"name\": \"S\", \"fields\": [");
        for (int i = 0; i < 6; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"name\": \"f")
                    .append(i)
                    .append("\", \"type\": \"")
                    .append(type)
                    .append("\"}");
        }
        return new Schema.Parser().parse(json.append("]}").toString());
    }
}
