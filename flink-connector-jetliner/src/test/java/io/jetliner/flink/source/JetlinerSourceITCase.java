package io.jetliner.flink.source;

import io.jetliner.flink.source.enumerator.SplitPlanner;
import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.testutil.AvroFiles;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.FileUtils;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Flink's connector test suite on a MiniCluster, over directories of Avro files: single and
 * multiple splits, an idle reader, savepoints with rescaling, metrics and a TaskManager failure,
 * bounded and continuously monitored.
 *
 * <p>Each split of the suite is a series of files, one per batch of records written to it. The
 * files have blocks of a few hundred bytes and the source cuts them into block ranges of {@value
 * #SPLIT_SIZE} bytes, so that every file is read as several of the source's own splits, possibly by
 * several readers at once. The suite checks that the records of each split come in the order
 * written; here that holds for each block range, the unit a reader reads in order, so the records
 * each file contributes are checked as the block ranges Avro's own reader finds in it.
 */
class JetlinerSourceITCase extends SourceTestSuiteBase<RowData> {

    static final long SPLIT_SIZE = 2048;
    private static final int SYNC_INTERVAL = 512;
    private static final Duration MONITOR_INTERVAL = Duration.ofMillis(100);
    private static final RowDataSerializer SERIALIZER = new RowDataSerializer(EventFiles.ROW_TYPE);

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE};

    /** The records of each batch written, by block range of the file they went to, in order. */
    private final Map<List<RowData>, List<List<RowData>>> blockRangesOfBatch =
            Collections.synchronizedMap(new IdentityHashMap<>());

    @TestContext AvroDirectoryContext.Factory avroFiles = new AvroDirectoryContext.Factory(this);

    @Override
    protected void checkResultWithSemantic(
            CloseableIterator<RowData> resultIterator,
            List<List<RowData>> testData,
            CheckpointingMode semantic,
            Integer limit) {
        List<List<RowData>> byBlockRange = new ArrayList<>();
        for (List<RowData> batch : testData) {
            List<List<RowData>> ranges = blockRangesOfBatch.get(batch);
            if (ranges == null) {
                throw new IllegalStateException("records never written to a file: " + batch);
            }
            byBlockRange.addAll(ranges);
        }
        super.checkResultWithSemantic(resultIterator, byBlockRange, semantic, limit);
    }

    /** A directory of Avro files, one per batch of records written to a split. */
    static final class AvroDirectoryContext implements DataStreamSourceExternalContext<RowData> {

        private final Path dir;
        private final Map<List<RowData>, List<List<RowData>>> blockRangesOfBatch;
        private int writers;

        AvroDirectoryContext(Map<List<RowData>, List<List<RowData>>> blockRangesOfBatch)
                throws IOException {
            this.dir = Files.createTempDirectory("jetliner-source-it");
            this.blockRangesOfBatch = blockRangesOfBatch;
        }

        @Override
        public Source<RowData, ?, ?> createSource(TestingSourceSettings sourceSettings) {
            JetlinerSource.Builder<RowData> builder =
                    JetlinerSource.forRowData(
                                    org.apache.flink.core.fs.Path.fromLocalFile(dir.toFile()))
                            .schema(EventFiles.SCHEMA)
                            .splitSize(SPLIT_SIZE)
                            .batchSize(5)
                            .bufferBlocks(2);
            if (sourceSettings.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED) {
                builder.monitorContinuously(MONITOR_INTERVAL);
            }
            return builder.build();
        }

        @Override
        public ExternalSystemSplitDataWriter<RowData> createSourceSplitDataWriter(
                TestingSourceSettings sourceSettings) {
            return new FilePerBatchWriter(writers++);
        }

        @Override
        public List<RowData> generateTestData(
                TestingSourceSettings sourceSettings, int splitIndex, long seed) {
            Random random = new Random(seed);
            int count = 200 + random.nextInt(200);
            List<RowData> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                GenericRowData row =
                        GenericRowData.of(
                                random.nextLong(),
                                StringData.fromString(randomText(random, 1 + random.nextInt(20))),
                                random.nextInt(3) == 0
                                        ? null
                                        : StringData.fromString(
                                                randomText(random, random.nextInt(20))),
                                random.nextDouble());
                records.add(SERIALIZER.copy(SERIALIZER.toBinaryRow(row)));
            }
            return records;
        }

        private static String randomText(Random random, int length) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                // now and then a character that takes several bytes in UTF-8
                text.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
            }
            return text.toString();
        }

        @Override
        public TypeInformation<RowData> getProducedType() {
            return InternalTypeInfo.of(EventFiles.ROW_TYPE);
        }

        @Override
        public List<URL> getConnectorJarPaths() {
            return Collections.emptyList();
        }

        @Override
        public void close() throws IOException {
            FileUtils.deleteDirectory(dir.toFile());
        }

        @Override
        public String toString() {
            return "Avro files of "
                    + SYNC_INTERVAL
                    + "-byte blocks in "
                    + SPLIT_SIZE
                    + "-byte splits";
        }

        /**
         * Writes each batch of a split to a new file, each in the next codec: Avro files cannot be
         * appended to once a source may be reading them.
         */
        private final class FilePerBatchWriter implements ExternalSystemSplitDataWriter<RowData> {

            private final int split;
            private int batches;

            FilePerBatchWriter(int split) {
                this.split = split;
            }

            @Override
            public void writeRecords(List<RowData> records) {
                int batch = batches++;
                String codec = AvroFiles.CODECS.get((split + batch) % AvroFiles.CODECS.size());
                List<GenericRecord> avroRecords = new ArrayList<>(records.size());
                for (RowData row : records) {
                    avroRecords.add(toAvro(row));
                }
                Path file =
                        EventFiles.write(
                                dir.resolve("split-" + split + "-batch-" + batch + ".avro"),
                                EventFiles.SCHEMA,
                                AvroFiles.codec(codec, new Random(batch)),
                                SYNC_INTERVAL,
                                avroRecords);
                blockRangesOfBatch.put(records, byBlockRange(records, file));
            }

            @Override
            public void close() {}
        }

        private static GenericRecord toAvro(RowData row) {
            GenericRecord record = new GenericData.Record(EventFiles.SCHEMA);
            record.put("id", row.getLong(0));
            record.put("name", row.getString(1).toString());
            record.put("note", row.isNullAt(2) ? null : row.getString(2).toString());
            record.put("amount", row.getDouble(3));
            return record;
        }

        /**
         * Cuts the records of a file into the block ranges the source plans for it, by how many
         * records Avro's own reader finds in each range by its split rule.
         */
        private static List<List<RowData>> byBlockRange(List<RowData> records, Path file) {
            List<BlockRangeSplit> splits;
            try {
                splits =
                        new SplitPlanner(SPLIT_SIZE)
                                .plan(
                                        org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()),
                                        Files.size(file),
                                        0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<List<RowData>> ranges = new ArrayList<>();
            int from = 0;
            try (DataFileReader<GenericRecord> reader =
                    new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
                for (BlockRangeSplit split : splits) {
                    reader.sync(split.start());
                    int count = 0;
                    while (reader.hasNext() && !reader.pastSync(split.end())) {
                        reader.next();
                        count++;
                    }
                    if (count > 0) {
                        ranges.add(records.subList(from, from + count));
                        from += count;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (from != records.size() || ranges.size() < 2) {
                throw new IllegalStateException(
                        String.format(
                                "%s: %d of %d records in %d block ranges; each file must span"
                                        + " several",
                                file, from, records.size(), ranges.size()));
            }
            return ranges;
        }

        /** A context per test case, each with a directory of its own. */
        static final class Factory implements ExternalContextFactory<AvroDirectoryContext> {

            private final JetlinerSourceITCase suite;

            Factory(JetlinerSourceITCase suite) {
                this.suite = suite;
            }

            @Override
            public AvroDirectoryContext createExternalContext(String testName) {
                try {
                    return new AvroDirectoryContext(suite.blockRangesOfBatch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String toString() {
                return "Avro files";
            }
        }
    }
}
