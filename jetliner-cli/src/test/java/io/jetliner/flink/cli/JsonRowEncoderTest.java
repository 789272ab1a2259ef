package io.jetliner.flink.cli;

import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRowEncoderTest {

    private static final RowType EVERY_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("b", DataTypes.BOOLEAN()),
                                    DataTypes.FIELD("i", DataTypes.INT()),
                                    DataTypes.FIELD("l", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("f", DataTypes.FLOAT()),
                                    DataTypes.FIELD("d", DataTypes.DOUBLE()),
                                    DataTypes.FIELD("nan", DataTypes.DOUBLE()),
                                    DataTypes.FIELD("s", DataTypes.STRING()),
                                    DataTypes.FIELD("bytes", DataTypes.BYTES()),
                                    DataTypes.FIELD("fixed", DataTypes.BINARY(3)),
                                    DataTypes.FIELD("dec", DataTypes.DECIMAL(20, 4)),
                                    DataTypes.FIELD("date", DataTypes.DATE()),
                                    DataTypes.FIELD("time", DataTypes.TIME(3)),
                                    DataTypes.FIELD("local", DataTypes.TIMESTAMP(9)),
                                    DataTypes.FIELD("instant", DataTypes.TIMESTAMP_LTZ(6)),
                                    DataTypes.FIELD("list", DataTypes.ARRAY(DataTypes.INT())),
                                    DataTypes.FIELD(
                                            "map",
                                            DataTypes.MAP(DataTypes.STRING(), DataTypes.DOUBLE())),
                                    DataTypes.FIELD(
                                            "union",
                                            DataTypes.ROW(
                                                    DataTypes.FIELD("int", DataTypes.INT()),
                                                    DataTypes.FIELD("string", DataTypes.STRING()))),
                                    DataTypes.FIELD("none", DataTypes.STRING()))
                            .getLogicalType();

    @Test
    void writesWhatFlinksJsonFormatWritesForEveryTypeItCanWrite() throws Exception {
        Map<StringData, Double> map = new LinkedHashMap<>();
        map.put(StringData.fromString("a"), 1.5);
        map.put(StringData.fromString("b"), null);
        RowData row =
                GenericRowData.of(
                        true,
                        -7,
                        Long.MAX_VALUE,
                        3.4028235E38f,
                        -0.0,
                        Double.NaN,
                        StringData.fromString("ä \"quoted\"\n"),
                        new byte[] {0, (byte) 0xC8, 127},
                        new byte[] {1, 2, 3},
                        DecimalData.fromBigDecimal(new BigDecimal("-12345678.9000"), 20, 4),
                        19_723,
                        45_296_789,
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.parse("2024-01-01T12:00:00.123456789")),
                        TimestampData.fromInstant(Instant.parse("2024-01-01T00:00:00.000001Z")),
                        new GenericArrayData(new Integer[] {1, null, 3}),
                        new GenericMapData(map),
                        GenericRowData.of(null, StringData.fromString("x")),
                        null);

        String ours = encode(EVERY_TYPE, row);

        assertThat(ours).isEqualTo(flink(EVERY_TYPE, row) + "\n");
        assertThat(ours)
                .contains(
                        "\"dec\":-12345678.9000",
                        "\"bytes\":\"AMh/\"",
                        "\"time\":\"12:34:56.789\"",
                        "\"local\":\"2024-01-01T12:00:00.123456789\"",
                        "\"instant\":\"2024-01-01T00:00:00.000001Z\"",
                        "\"nan\":\"NaN\"",
                        "\"union\":{\"int\":null,\"string\":\"x\"}",
                        "\"none\":null");
    }

    @Test
    void writesAColumnOfAvrosNullTypeAsNull() throws IOException {
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("n", DataTypes.NULL()),
                                        DataTypes.FIELD("ns", DataTypes.ARRAY(DataTypes.NULL())))
                                .getLogicalType();

        String line =
                encode(type, GenericRowData.of(null, new GenericArrayData(new Object[] {null})));

        assertThat(line).isEqualTo("{\"n\":null,\"ns\":[null]}\n");
    }

    @Test
    void writesTheEndOfTheDayAs24Hours() throws IOException {
        RowType type =
                (RowType) DataTypes.ROW(DataTypes.FIELD("t", DataTypes.TIME(3))).getLogicalType();

        assertThat(encode(type, GenericRowData.of(86_400_000))).isEqualTo("{\"t\":\"24:00:00\"}\n");
        assertThat(encode(type, GenericRowData.of(0))).isEqualTo("{\"t\":\"00:00:00\"}\n");
    }

    private static String encode(RowType type, RowData... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRowEncoder encoder = new JsonRowEncoder(type, out);
        for (RowData row : rows) {
            encoder.write(row);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String flink(RowType type, RowData row) throws Exception {
        JsonRowDataSerializationSchema flink =
                new JsonRowDataSerializationSchema(
                        type,
                        TimestampFormat.ISO_8601,
                        JsonFormatOptions.MapNullKeyMode.FAIL,
                        "null",
                        true,
                        false);
        flink.open(null);
        return new String(flink.serialize(row), StandardCharsets.UTF_8);
    }
}
