package io.jetliner.flink.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.decode.RowBatch;

import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JetlinerReaderTest {

    private static final Schema SCHEMA =
            SchemaBuilder.record("Event")
                    .fields()
                    .requiredLong("id")
                    .requiredString("name")
                    .optionalDouble("amount")
                    .endRecord();

    @TempDir java.nio.file.Path tmp;

    @Test
    void readsEveryRowOfEveryBlockInOrderInBatchesOfAtMostBatchSize() throws IOException {
        File file = write(10_000, 512, CodecFactory.snappyCodec());
        ReaderOptions options = ReaderOptions.builder().batchSize(100).build();

        List<Long> ids = new ArrayList<>();
        try (JetlinerReader reader = JetlinerReader.open(new Path(file.toURI()), options)) {
            assertThat(reader.schema()).isEqualTo(SCHEMA);
            assertThat(reader.header().codecName()).isEqualTo("snappy");
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                assertThat(batch.size()).isBetween(1, 100);
                for (int i = 0; i < batch.size(); i++) {
                    RowData row = batch.row(i);
                    long id = row.getLong(0);
                    assertThat(row.getString(1).toString()).isEqualTo("name-" + id);
                    assertThat(row.isNullAt(2)).isEqualTo(id % 3 == 0);
                    ids.add(id);
                }
            }
        }
        assertThat(ids).hasSize(10_000);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(i);
        }
    }

    @Test
    void readsOnlyTheProjectedColumns() throws IOException {
        File file = write(1_000, 4096, CodecFactory.deflateCodec(6));
        RowType projection =
                RowType.of(new LogicalType[] {new BigIntType(false)}, new String[] {"id"});
        ReaderOptions options = ReaderOptions.builder().projection(projection).build();

        long sum = 0;
        try (JetlinerReader reader = JetlinerReader.open(new Path(file.toURI()), options)) {
            assertThat(reader.rowType()).isEqualTo(projection);
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                for (int i = 0; i < batch.size(); i++) {
                    assertThat(batch.row(i).getArity()).isEqualTo(1);
                    sum += batch.row(i).getLong(0);
                }
            }
        }
        assertThat(sum).isEqualTo(999L * 1000 / 2);
    }

    @Test
    void readsAProjectionWithoutFieldsFromTheBlockHeadersAloneAsOneEmptyRowPerRecord()
            throws IOException {
        File file = write(10_000, 512, CodecFactory.deflateCodec(6));
        byte[] bytes = Files.readAllBytes(file.toPath());
        // no such codec: had the reader tried to decompress a payload, it would have failed
        Files.write(
                file.toPath(),
                new String(bytes, "ISO-8859-1")
                        .replace("deflate", "lz4xyzw")
                        .getBytes("ISO-8859-1"));
        ReaderOptions options =
                ReaderOptions.builder().batchSize(300).projection(RowType.of()).build();

        long rows = 0;
        try (JetlinerReader reader = JetlinerReader.open(new Path(file.toURI()), options)) {
            assertThat(reader.rowType().getFieldCount()).isZero();
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                assertThat(batch.size()).isBetween(1, 300);
                assertThat(batch.row(batch.size() - 1).getArity()).isZero();
                rows += batch.size();
            }
            assertThat(reader.prefetchStats().blocks()).isGreaterThan(10);
            assertThat(reader.prefetchStats().decompressedBytes()).isZero();
        }
        assertThat(rows).isEqualTo(10_000);
    }

    @Test
    void readsAFileWithoutBlocksAsNoBatches() throws IOException {
        File file = write(0, 4096, CodecFactory.nullCodec());
        try (JetlinerReader reader =
                JetlinerReader.open(new Path(file.toURI()), ReaderOptions.defaults())) {
            assertThat(reader.nextBatch()).isNull();
        }
    }

    @Test
    void namesTheFileTheBlockAndItsOffsetWhenASyncMarkerIsDamaged() throws IOException {
        File file = write(2_000, 512, CodecFactory.nullCodec());
        byte[] bytes = Files.readAllBytes(file.toPath());
        // the last 16 bytes are the final block's sync marker
        bytes[bytes.length - 5] ^= 0x55;
        Files.write(file.toPath(), bytes);

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(JetlinerException.class)
                .satisfies(
                        e -> {
                            JetlinerException error = (JetlinerException) e;
                            assertThat(error.kind())
                                    .isEqualTo(JetlinerException.Kind.BAD_SYNC_MARKER);
                            assertThat(error.file()).endsWith(file.getName());
                            assertThat(error.fileOffset()).isEqualTo(bytes.length - 16);
                            assertThat(error.getMessage())
                                    .contains(file.getName())
                                    .contains("sync marker does not match");
                        });
    }

    @Test
    void namesTheFileWhenItIsNotAnAvroFile() throws IOException {
        File file = tmp.resolve("not-avro.avro").toFile();
        Files.write(file.toPath(), "hello, world".getBytes());

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining(file.getName())
                .satisfies(
                        e ->
                                assertThat(((JetlinerException) e).kind())
                                        .isEqualTo(JetlinerException.Kind.NOT_AVRO));
    }

    @Test
    void rejectsABatchSizeBelowOne() {
        assertThatThrownBy(() -> ReaderOptions.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
    }

    private long readAll(File file) throws IOException {
        long rows = 0;
        try (JetlinerReader reader =
                JetlinerReader.open(new Path(file.toURI()), ReaderOptions.defaults())) {
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                rows += batch.size();
            }
        }
        return rows;
    }

    private File write(int rows, int syncInterval, CodecFactory codec) throws IOException {
        File file = Files.createTempFile(tmp, "events", ".avro").toFile();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            writer.setCodec(codec);
            writer.setSyncInterval(syncInterval);
            writer.create(SCHEMA, file);
            for (long id = 0; id < rows; id++) {
                GenericRecord record = new GenericData.Record(SCHEMA);
                record.put("id", id);
                record.put("name", "name-" + id);
                record.put("amount", id % 3 == 0 ? null : id * 1.5);
                writer.append(record);
            }
        }
        return file;
    }
}
