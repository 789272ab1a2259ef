package io.jetliner.flink.testutil;

import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading avro-tools' JSON back gives the data Avro Java itself decodes from the binary. */
class AvroToolsJsonTest {

    private static final RowComparison AVRO_TOOLS_COMPARISON =
            new RowComparison(RowComparison.FloatZero.EXPECTED_POSITIVE_MATCHES_NEGATIVE);

    @Test
    void readsBackWhatAvroJavasJsonEncoderWrites() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            Schema schema = RandomSchemas.next(random);
            RowType type = ReferenceOracle.rowType(schema);
            for (Object datum : new RandomData(random).data(schema, 3)) {
                Object readBack = AvroToolsJson.read(toJson(schema, datum), schema);
                AVRO_TOOLS_COMPARISON.assertSameRow(
                        i,
                        ReferenceOracle.row(readBack, schema),
                        ReferenceOracle.row(datum, schema),
                        type);
            }
        }
    }

    @Test
    void agreesWithAvroJavaOnEveryCorpusFileAvroToolsReads() throws IOException {
        Path corpus = Corpus.requireFolder();
        Map<String, Corpus.Entry> index = Corpus.index(corpus);
        int compared = 0;
        for (String file : Corpus.dataFiles(corpus)) {
            Corpus.Entry entry = index.get(file);
            assertThat(entry).as("index.json entry of %s", file).isNotNull();
            if (!entry.avroToolsReadsIt()) {
                continue;
            }
            List<Object> binary = AvroFiles.read(Files.readAllBytes(corpus.resolve(file)));
            Schema schema = Corpus.expectedSchema(corpus, file);
            List<Object> json = Corpus.expectedData(corpus, file, schema, entry.rows());
            assertThat(binary).as(file).hasSameSizeAs(json);
            RowType type = ReferenceOracle.rowType(schema);
            for (int row = 0; row < json.size(); row++) {
                try {
                    AVRO_TOOLS_COMPARISON.assertSameRow(
                            row,
                            ReferenceOracle.row(json.get(row), schema),
                            ReferenceOracle.row(binary.get(row), schema),
                            type);
                } catch (AssertionError e) {
                    throw new AssertionError(file + ": " + e.getMessage(), e);
                }
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    /** What avro-tools tojson prints for one datum. */
    private static String toJson(Schema schema, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
        new GenericDatumWriter<>(schema, new GenericData()).write(datum, encoder);
        encoder.flush();
        return out.toString(StandardCharsets.UTF_8);
    }
}
