package io.jetliner.flink.docs;

import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.reader.JetlinerReader;
import io.jetliner.flink.reader.ReaderOptions;

import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.RowData;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the code example of docs/java-reader.md as it is written there. */
class JavaReaderGuideExamplesTest {

    @TempDir java.nio.file.Path tmp;

    @Test
    void theExampleCountsEveryRowOfTheFile() throws Exception {
        File file = tmp.resolve("events.avro").toFile();
        Schema schema = SchemaBuilder.record("E").fields().requiredLong("event_id").endRecord();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file);
            for (long id = 0; id < 10_000; id++) {
                GenericRecord record = new GenericData.Record(schema);
                record.put("event_id", id);
                writer.append(record);
            }
        }

        ReaderOptions options = ReaderOptions.builder().batchSize(4096).build();
        long rows = 0;
        try (JetlinerReader reader = JetlinerReader.open(new Path(file.toURI()), options)) {
            System.out.println(reader.schema()); // the writer schema
            System.out.println(reader.rowType()); // the Flink row type of the batches
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                for (int i = 0; i < batch.size(); i++) {
                    RowData row = batch.row(i);
                    rows++;
                }
            }
        }

        assertThat(rows).isEqualTo(10_000);
    }
}
