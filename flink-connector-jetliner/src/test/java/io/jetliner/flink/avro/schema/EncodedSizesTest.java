package io.jetliner.flink.avro.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fewest bytes a value of a schema is encoded in. */
class EncodedSizesTest {

    @Test
    void countsTheFewestBytesOfEachTypeAndSumsARecordsFields() {
        Schema schema =
                SchemaBuilder.record("R")
                        .fields()
                        .requiredLong("id")
                        .requiredString("s")
                        .requiredDouble("d")
                        .requiredFloat("f")
                        .name("x")
                        .type()
                        .fixed("X")
                        .size(12)
                        .noDefault()
                        .optionalLong("maybe")
                        .name("n")
                        .type()
                        .nullType()
                        .noDefault()
                        .name("a")
                        .type()
                        .array()
                        .items()
                        .longType()
                        .noDefault()
                        .endRecord();

        // 1 + 1 + 8 + 4 + 12 + (1 + 0) + 0 + 1
        assertThat(EncodedSizes.minimum(schema)).isEqualTo(28);
    }

    @Test
    void aRecordOfNullsTakesNoBytes() {
        Schema schema =
                SchemaBuilder.record("Nulls")
                        .fields()
                        .name("n")
                        .type()
                        .nullType()
                        .noDefault()
                        .endRecord();

        assertThat(EncodedSizes.minimum(schema)).isZero();
        assertThat(EncodedSizes.minimum(SchemaBuilder.record("Empty").fields().endRecord()))
                .isZero();
    }

    @Test
    void endsOnARecursiveSchema() {
        Schema node =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
                                        + "{\"name\":\"value\",\"type\":\"int\"},"
                                        + "{\"name\":\"next\",\"type\":[\"Node\",\"null\"]}]}");

        // the value, then the union index of a null next
        assertThat(EncodedSizes.minimum(node)).isEqualTo(2);
    }
}
