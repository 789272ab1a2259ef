package io.jetliner.flink.benchmarks;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The decode variants must do the same, complete work, or the benchmark measures nothing. */
class DecodeVariantsTest {

    private static final long ROWS = 5_000;
    private static final Blackhole SINK =
            new Blackhole(
                    "Today's password is swordfish. I understand instantiating Blackholes directly"
                            + " is dangerous.");

    @TempDir static Path cacheDir;

    @ParameterizedTest
    @EnumSource(DecodeDataset.class)
    void everyVariantReadsTheSameRowsAndValuesOfEveryDataset(DecodeDataset dataset)
            throws IOException {
        DecodedBlocks blocks = load(dataset.shape(), dataset.codec());

        Map<DecodeVariant, PassResult> results = new EnumMap<>(DecodeVariant.class);
        for (DecodeVariant variant : DecodeVariant.values()) {
            results.put(variant, variant.create(blocks, dataset).run(SINK));
        }

        assertThat(blocks.blockCount()).isGreaterThan(1);
        PassResult avroJava = results.get(DecodeVariant.AVRO_JAVA);
        assertThat(avroJava.rows()).isEqualTo(ROWS);
        assertThat(avroJava.checksum()).isNotZero();
        // the resolved variant reads other types (widened); it has a test of its own, below
        results.remove(DecodeVariant.JETLINER_RESOLVED);
        assertThat(results).allSatisfy((variant, result) -> assertThat(result).isEqualTo(avroJava));
    }

    @ParameterizedTest
    @EnumSource(DecodeDataset.class)
    void theResolvedVariantReadsWhatAvroJavaReadsResolvingToTheSameEvolvedSchema(
            DecodeDataset dataset) throws IOException {
        DecodedBlocks blocks = load(dataset.shape(), dataset.codec());
        Schema evolved = EvolvedSchema.of(blocks.schema());
        List<Schema.Field> fields = new ArrayList<>();
        for (String column : dataset.columns()) {
            Schema.Field field = evolved.getField(column);
            fields.add(new Schema.Field(field, field.schema()));
        }
        Schema reader =
                dataset.columns().isEmpty()
                        ? evolved
                        : Schema.createRecord(
                                evolved.getName(), null, evolved.getNamespace(), false, fields);
        int[] all = IntStream.range(0, reader.getFields().size()).toArray();

        PassResult expected = new AvroGenericDecodePass(blocks, reader, all).run(SINK);

        assertThat(expected.rows()).isEqualTo(ROWS);
        assertThat(DecodeVariant.JETLINER_RESOLVED.create(blocks, dataset).run(SINK))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(DecodeVariant.class)
    void everyVariantSumsTheIdColumnOfEveryRowOnce(DecodeVariant variant) throws IOException {
        DecodedBlocks blocks = load(DataShape.EVENTS, "deflate");
        PassResult expected = new PassResult(ROWS, ROWS * (ROWS - 1) / 2);

        assertThat(variant.create(blocks, List.of("event_id"), false).run(SINK))
                .isEqualTo(expected);
        assertThat(variant.create(blocks, List.of("event_id"), true).run(SINK)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(DecodeVariant.class)
    void everyVariantSumsTheAmountsAvroJavaReadsFromTheFile(DecodeVariant variant)
            throws IOException {
        Path file = BenchmarkDatasets.file(DataShape.EVENTS, "zstandard", ROWS, cacheDir);
        long amountBits = 0;
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            for (GenericRecord event : reader) {
                amountBits += Double.doubleToRawLongBits((Double) event.get("amount"));
            }
        }

        PassResult result =
                variant.create(DecodedBlocks.load(file), List.of("amount"), false).run(SINK);

        assertThat(result).isEqualTo(new PassResult(ROWS, amountBits));
    }

    private static DecodedBlocks load(DataShape shape, String codec) throws IOException {
        return DecodedBlocks.load(BenchmarkDatasets.file(shape, codec, ROWS, cacheDir));
    }
}
