package io.jetliner.flink.avro.schema;

import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.reader.JetlinerReader;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.testutil.AvroFiles;

import org.apache.flink.table.data.RowData;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InferredReaderSchemaTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }

    private static final Schema NEWEST =
            parse(
                    "{'type': 'record', 'name': 'User', 'fields': ["
                            + "{'name': 'id', 'type': 'long'},"
                            + "{'name': 'email', 'type': ['string', 'null'], 'aliases': ['mail'],"
                            + " 'doc': 'kept'},"
                            + "{'name': 'nick', 'type': ['null', 'string'], 'default': null},"
                            + "{'name': 'address', 'type': {'type': 'record', 'name': 'Address',"
                            + " 'fields': [{'name': 'zip', 'type': ['null', 'int', 'string']}]}},"
                            + "{'name': 'previous', 'type': {'type': 'array', 'items': 'Address'}},"
                            + "{'name': 'next', 'type': ['null', 'User']}]}");

    @Test
    void givesEveryNullableFieldWithoutDefaultANullDefaultAtAnyDepth() {
        Schema inferred = InferredReaderSchema.of(NEWEST);

        assertThat(inferred.getField("email").hasDefaultValue()).isTrue();
        assertThat(inferred.getField("email").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
        assertThat(inferred.getField("email").schema().getTypes().get(0).getType())
                .isEqualTo(Schema.Type.NULL);
        assertThat(inferred.getField("email").aliases()).containsExactly("mail");
        assertThat(inferred.getField("email").doc()).isEqualTo("kept");
        assertThat(inferred.getField("address").schema().getField("zip").hasDefaultValue())
                .isTrue();
        assertThat(inferred.getField("next").hasDefaultValue()).isTrue();
        assertThat(inferred.getField("id").hasDefaultValue()).isFalse();
        assertThat(inferred.getField("address").hasDefaultValue()).isFalse();
        // the array's records are the same record, rewritten once
        assertThat(inferred.getField("previous").schema().getElementType())
                .isSameAs(inferred.getField("address").schema());
        assertThat(inferred.getField("next").schema().getTypes().get(1)).isSameAs(inferred);
    }

    @Test
    void readsAnOlderFileThatLacksNullableFieldsWithNullsThere() throws IOException {
        Schema older =
                parse(
                        "{'type': 'record', 'name': 'User', 'fields': [{'name': 'id', 'type':"
                                + " 'long'}, {'name': 'address', 'type': {'type': 'record', 'name':"
                                + " 'Address', 'fields': []}}, {'name': 'previous', 'type':"
                                + " {'type': 'array', 'items': 'Address'}}]}");
        GenericRecord user = new GenericData.Record(older);
        user.put("id", 7L);
        user.put("address", new GenericData.Record(older.getField("address").schema()));
        user.put("previous", List.of());
        byte[] file =
                AvroFiles.write(older, List.of(user), CodecFactory.nullCodec(), 100, Map.of());
        ReaderOptions options =
                ReaderOptions.builder().readerSchema(InferredReaderSchema.of(NEWEST)).build();

        try (JetlinerReader reader =
                JetlinerReader.open(new ByteArrayInput(file), "older.avro", options)) {
            RowData row = reader.nextBatch().row(0);
            assertThat(row.getLong(0)).isEqualTo(7L);
            assertThat(row.isNullAt(1)).as("email").isTrue();
            assertThat(row.isNullAt(2)).as("nick").isTrue();
            assertThat(row.getRow(3, 1).isNullAt(0)).as("address.zip").isTrue();
            assertThat(row.isNullAt(5)).as("next").isTrue();
        }
    }

    @Test
    void mapsToTheSameRowTypeAsTheNewestSchema() {
        assertThat(AvroTypes.toRowType(InferredReaderSchema.of(NEWEST)))
                .isEqualTo(AvroTypes.toRowType(NEWEST));
    }

    @Test
    void isEqualToASchemaWhoseNullableFieldsAllHaveDefaults() {
        Schema withDefaults =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': ['null',"
                                + " 'int'], 'default': null}, {'name': 'b', 'type': 'string'}]}");

        assertThat(InferredReaderSchema.of(withDefaults)).isEqualTo(withDefaults);
    }
}
