package io.jetliner.flink.benchmarks;

import io.jetliner.flink.source.JetlinerSource;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.avro.AvroFileFormatFactory;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.connector.source.ScanRuntimeProviderContext;
import org.apache.flink.table.types.DataType;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;

/** The sources {@link SourceBenchmark} compares: each reads an Avro file into Flink RowData. */
public enum SourceVariant {

    /** (a) {@link JetlinerSource}: block-range splits of {@code splitSize} bytes. */
    JETLINER("Jetliner") {
        @Override
        public Source<RowData, ?, ?> create(java.nio.file.Path file, long splitSize) {
            return JetlinerSource.forRowData(new Path(file.toUri())).splitSize(splitSize).build();
        }
    },

    /**
     * (b) Flink's {@link FileSource} with flink-avro's bulk format, the one behind {@code 'format'
     * = 'avro'} of Flink's filesystem table connector ({@link AvroFileFormatFactory}): Avro's
     * {@code DataFileReader} resolves each record into a reused {@code GenericRecord}, which {@code
     * AvroToRowDataConverters} turns into a new {@code GenericRowData}. The row type is the one
     * Flink derives from the file's schema. FileSource splits a file at its file system's block
     * boundaries, so {@code splitSize} does not apply: a local file is one split.
     */
    FLINK_FILE_SOURCE("Flink FileSource") {
        @Override
        public Source<RowData, ?, ?> create(java.nio.file.Path file, long splitSize)
                throws IOException {
            DataType rowType = AvroSchemaConverter.convertToDataType(writerSchema(file).toString());
            // The table factory's own decoding format, so that the benchmark runs exactly the
            // reader Flink runs. Neither the table context nor the options shape it (it has
            // none); the runtime context only makes the rows' type information.
            BulkFormat<RowData, FileSourceSplit> format =
                    new AvroFileFormatFactory()
                            .createDecodingFormat(null, new Configuration())
                            .createRuntimeDecoder(ScanRuntimeProviderContext.INSTANCE, rowType);
            return FileSource.forBulkFileFormat(format, new Path(file.toUri())).build();
        }
    };

    private final String label;

    SourceVariant(String label) {
        this.label = label;
    }

    /** The name of the variant in reports. */
    public String label() {
        return label;
    }

    /**
     * A bounded source of every row of {@code file}, in the file's column order.
     *
     * @param splitSize about how many bytes of the file one split covers, where the source lets its
     *     user choose
     */
    public abstract Source<RowData, ?, ?> create(java.nio.file.Path file, long splitSize)
            throws IOException;

    static Schema writerSchema(java.nio.file.Path file) throws IOException {
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            return reader.getSchema();
        }
    }
}
