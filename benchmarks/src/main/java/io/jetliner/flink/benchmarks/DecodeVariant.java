package io.jetliner.flink.benchmarks;

import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The decoders the benchmark compares, each set up for one file and its wanted columns. */
public enum DecodeVariant {
    /**
     * (a) Jetliner's {@code RecordDecoder} into a reused columnar batch, projecting while decoding.
     */
    JETLINER("jetliner", "Jetliner") {
        @Override
        DecodePass create(DecodedBlocks blocks, List<String> columns, boolean decodeAllColumns) {
            RowType projection =
                    columns.isEmpty()
                            ? null
                            : select(AvroTypes.toRowType(blocks.schema()), columns);
            return new JetlinerDecodePass(blocks, null, projection);
        }
    },
    /**
     * (a') Jetliner's {@code RecordDecoder} resolving the file to a later version of its schema
     * ({@link EvolvedSchema}): writer and reader schemas differ.
     */
    JETLINER_RESOLVED("jetlinerResolved", "Jetliner resolved") {
        @Override
        DecodePass create(DecodedBlocks blocks, List<String> columns, boolean decodeAllColumns) {
            Schema reader = EvolvedSchema.of(blocks.schema());
            RowType projection =
                    columns.isEmpty() ? null : select(AvroTypes.toRowType(reader), columns);
            return new JetlinerDecodePass(blocks, reader, projection);
        }
    },
    /** (b) Avro Java's {@code GenericDatumReader} into a reused {@code GenericRecord}. */
    AVRO_JAVA("avroJava", "Avro Java") {
        @Override
        DecodePass create(DecodedBlocks blocks, List<String> columns, boolean decodeAllColumns) {
            Schema writer = blocks.schema();
            if (columns.isEmpty()) {
                return new AvroGenericDecodePass(blocks, writer, allFields(writer));
            }
            if (decodeAllColumns) {
                int[] consumed =
                        columns.stream().mapToInt(name -> field(writer, name).pos()).toArray();
                return new AvroGenericDecodePass(blocks, writer, consumed);
            }
            Schema reader = select(writer, columns);
            return new AvroGenericDecodePass(blocks, reader, allFields(reader));
        }
    },
    /**
     * (c) Flink's {@code avro} format: {@code GenericDatumReader} and then a new row per record.
     */
    FLINK_AVRO("flinkAvro", "Flink avro") {
        @Override
        DecodePass create(DecodedBlocks blocks, List<String> columns, boolean decodeAllColumns) {
            // The type Flink itself derives from the file's schema: what its avro format expects.
            RowType table =
                    (RowType)
                            AvroSchemaConverter.convertToDataType(blocks.schema().toString())
                                    .getLogicalType();
            if (columns.isEmpty()) {
                return new FlinkAvroDecodePass(blocks, table, allFields(table));
            }
            if (decodeAllColumns) {
                int[] consumed =
                        columns.stream().mapToInt(name -> fieldIndex(table, name)).toArray();
                return new FlinkAvroDecodePass(blocks, table, consumed);
            }
            RowType projected = select(table, columns);
            return new FlinkAvroDecodePass(blocks, projected, allFields(projected));
        }
    };

    private final String benchmark;
    private final String label;

    DecodeVariant(String benchmark, String label) {
        this.benchmark = benchmark;
        this.label = label;
    }

    /** The name of its method in {@link DecodeBenchmark}. */
    public String benchmark() {
        return benchmark;
    }

    /** How reports name this variant. */
    public String label() {
        return label;
    }

    /** Sets up this variant for {@code dataset}, read from {@code blocks}. */
    DecodePass create(DecodedBlocks blocks, DecodeDataset dataset) {
        return create(blocks, dataset.columns(), dataset.baselinesDecodeAllColumns());
    }

    /**
     * Sets up this variant to consume {@code columns} (all when empty) of {@code blocks}: Jetliner
     * decodes only them; Avro Java and Flink decode every column when {@code decodeAllColumns},
     * else resolve the file against a reader schema of {@code columns}.
     */
    abstract DecodePass create(
            DecodedBlocks blocks, List<String> columns, boolean decodeAllColumns);

    private static int[] allFields(Schema record) {
        return IntStream.range(0, record.getFields().size()).toArray();
    }

    private static int[] allFields(RowType row) {
        return IntStream.range(0, row.getFieldCount()).toArray();
    }

    private static Schema select(Schema record, List<String> columns) {
        List<Schema.Field> fields =
                columns.stream()
                        .map(
                                name ->
                                        new Schema.Field(
                                                field(record, name), field(record, name).schema()))
                        .collect(Collectors.toList());
        return Schema.createRecord(
                record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static RowType select(RowType row, List<String> columns) {
        return new RowType(
                row.isNullable(),
                columns.stream()
                        .map(name -> row.getFields().get(fieldIndex(row, name)))
                        .collect(Collectors.toList()));
    }

    private static Schema.Field field(Schema record, String name) {
        Schema.Field field = record.getField(name);
        if (field == null) {
            throw new IllegalArgumentException("no column " + name + " in " + record.getFullName());
        }
        return field;
    }

    private static int fieldIndex(RowType row, String name) {
        int index = row.getFieldIndex(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + row);
        }
        return index;
    }
}
