package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jetliner.flink.avro.decode.FlinkRows.row;
import static io.jetliner.flink.avro.decode.FlinkRows.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resolution where a mismatch depends on the values: as in Avro, a value of a writer's union branch
 * or an enum symbol the reader cannot take fails when it is read, at its record; a file holding no
 * such value reads. And a reader field that cannot be resolved does not matter when it is not
 * projected.
 */
class RecordDecoderResolutionTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }

    @Test
    void failsAtTheRecordThatHoldsAUnionBranchTheReaderCannotTake() {
        Schema writer =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'v', 'type':"
                                + " ['null', 'int', 'string']}]}");
        Schema reader =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'v', 'type':"
                                + " ['null', 'long']}]}");
        byte[] block =
                AvroBlocks.encode(
                        writer,
                        AvroBlocks.record(writer, 1),
                        AvroBlocks.record(writer, (Object) null),
                        AvroBlocks.record(writer, "no long"));
        RecordDecoder decoder = RecordDecoder.compile(writer, reader, null);
        RowBatch batch = decoder.createBatch(4);
        decoder.startBlock(block, 0, block.length, 3);

        assertThat(decoder.decode(batch, 2)).isEqualTo(2);
        assertThat(FlinkRows.copy(batch.row(0), decoder.rowType())).isEqualTo(row(1L));
        assertThat(FlinkRows.copy(batch.row(1), decoder.rowType()))
                .isEqualTo(GenericRowData.of((Object) null));
        assertThatThrownBy(() -> decoder.decode(batch, 1))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(JetlinerException.Kind.INCOMPATIBLE_SCHEMA);
                            assertThat(e.recordIndex()).isEqualTo(2);
                        })
                .hasMessageContaining("'v'")
                .hasMessageContaining("\"string\"");
    }

    @Test
    void failsAtTheRecordThatHoldsAnEnumSymbolTheReaderLacksWithoutDefault() {
        Schema writer =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'e', 'type':"
                                + " {'type': 'enum', 'name': 'E', 'symbols': ['A', 'B']}}]}");
        Schema reader =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'e', 'type':"
                                + " {'type': 'enum', 'name': 'E', 'symbols': ['B']}}]}");
        Schema symbols = writer.getField("e").schema();
        byte[] block =
                AvroBlocks.encode(
                        writer,
                        AvroBlocks.record(writer, new GenericData.EnumSymbol(symbols, "B")),
                        AvroBlocks.record(writer, new GenericData.EnumSymbol(symbols, "A")));
        RecordDecoder decoder = RecordDecoder.compile(writer, reader, null);
        RowBatch batch = decoder.createBatch(4);
        decoder.startBlock(block, 0, block.length, 2);

        assertThat(decoder.decode(batch, 1)).isEqualTo(1);
        assertThat(FlinkRows.copy(batch.row(0), decoder.rowType())).isEqualTo(row(str("B")));
        assertThatThrownBy(() -> decoder.decode(batch, 1))
                .isInstanceOfSatisfying(
                        JetlinerException.class, e -> assertThat(e.recordIndex()).isEqualTo(1))
                .hasMessageContaining("'e' holds the enum symbol 'A'");
    }

    @Test
    void readsAProjectionWithoutTheReaderFieldsTheFileCannotFill() {
        Schema writer =
                parse("{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': 'int'}]}");
        Schema reader =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type':"
                                + " 'int'}, {'name': 'needed', 'type': 'string'}]}");
        RowType onlyA = new RowType(List.of(new RowField("a", new IntType(false))));
        byte[] block = AvroBlocks.encode(writer, AvroBlocks.record(writer, 5));

        assertThatThrownBy(() -> RecordDecoder.compile(writer, reader, null))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("needed");
        RecordDecoder decoder = RecordDecoder.compile(writer, reader, onlyA);
        RowBatch batch = decoder.createBatch(1);
        decoder.startBlock(block, 0, block.length, 1);
        decoder.decode(batch, 1);
        assertThat(FlinkRows.copy(batch.row(0), onlyA)).isEqualTo(row(5));
    }

    @Test
    void fillsDefaultsIntoEveryRowOfEveryBatch() {
        Schema writer =
                parse("{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': 'int'}]}");
        Schema reader =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type':"
                                + " 'int'}, {'name': 'tag', 'type': ['string', 'null'],"
                                + " 'default': 'none'}, {'name': 'n', 'type': ['null', 'int'],"
                                + " 'default': null}]}");
        Object[] records = new Object[5];
        for (int i = 0; i < records.length; i++) {
            records[i] = AvroBlocks.record(writer, i);
        }
        byte[] block = AvroBlocks.encode(writer, records);
        RecordDecoder decoder = RecordDecoder.compile(writer, reader, null);
        RowBatch batch = decoder.createBatch(2);
        decoder.startBlock(block, 0, block.length, records.length);
        List<GenericRowData> rows = new ArrayList<>();
        while (decoder.remainingRecords() > 0) {
            int n = decoder.decode(batch, 2);
            for (int i = 0; i < n; i++) {
                rows.add(FlinkRows.copy(batch.row(i), decoder.rowType()));
            }
        }
        assertThat(rows)
                .containsExactly(
                        row(0, str("none"), null),
                        row(1, str("none"), null),
                        row(2, str("none"), null),
                        row(3, str("none"), null),
                        row(4, str("none"), null));
    }

    @Test
    void filtersOnTheResolvedValuesOfRenamedPromotedAndDefaultedFields() {
        Schema writer =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'n', 'type': 'int'},"
                                + " {'name': 'old_label', 'type': 'string'}]}");
        Schema reader =
                parse(
                        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'n', 'type': 'long'},"
                                + " {'name': 'label', 'type': 'string', 'aliases': ['old_label']},"
                                + " {'name': 'tier', 'type': 'string', 'default': 'gold'}]}");
        Object[] records = new Object[6];
        for (int i = 0; i < records.length; i++) {
            records[i] = AvroBlocks.record(writer, i, i % 2 == 0 ? "even" : "odd");
        }
        byte[] block = AvroBlocks.encode(writer, records);
        RowFilter filter =
                RowFilter.and(
                        RowFilter.greaterThan("n", 1L),
                        RowFilter.equal("label", "even"),
                        RowFilter.equal("tier", "gold"));
        RecordDecoder decoder = RecordDecoder.compile(writer, reader, null, filter);
        RowBatch batch = decoder.createBatch(8);
        decoder.startBlock(block, 0, block.length, records.length);

        assertThat(decoder.decode(batch, 8)).isEqualTo(2);
        assertThat(FlinkRows.copy(batch.row(0), decoder.rowType()))
                .isEqualTo(row(2L, str("even"), str("gold")));
        assertThat(FlinkRows.copy(batch.row(1), decoder.rowType()))
                .isEqualTo(row(4L, str("even"), str("gold")));
        assertThat(batch.recordIndex(1)).isEqualTo(4);
        assertThat(RecordDecoder.compile(writer, reader, null, RowFilter.equal("tier", "silver")))
                .satisfies(
                        silver -> {
                            RowBatch none = silver.createBatch(8);
                            silver.startBlock(block, 0, block.length, records.length);
                            assertThat(silver.decode(none, 8)).isZero();
                        });
    }
}
