package io.jetliner.flink.source;

import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs that fail again and again while they read, each time restarting from their last checkpoint,
 * taken every 100 ms mid-split and mid-block, must still emit every record exactly once.
 */
class JetlinerSourceFailoverITCase {

    private static final int PARALLELISM = 2;
    private static final int FAILURES = 3;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(PARALLELISM);

    /** Failures so far, across all subtasks and attempts of the running job. */
    private static final AtomicInteger failures = new AtomicInteger();

    @TempDir java.nio.file.Path dir;

    @BeforeEach
    void resetFailures() {
        failures.set(0);
    }

    @Test
    void emitsEveryRowExactlyOnceThoughTheJobFailsRepeatedly() throws Exception {
        long[] ids = writeFiles(30_000, "deflate", "snappy", "zstandard", "null");
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(dir.toUri()))
                        .splitSize(256 << 10)
                        .batchSize(100)
                        .build();

        Read read =
                readFailingRepeatedly(
                        source, JetlinerSourceFailoverITCase::checksum, row -> row.getLong(0));

        assertExactlyOnce(read, ids);
    }

    @Test
    void countsEveryRecordExactlyOnceFromBlockHeadersThoughTheJobFailsRepeatedly()
            throws Exception {
        long[] ids = writeFiles(30_000, "deflate", "snappy", "zstandard", "null");
        // no fields, as for SELECT COUNT(*): rows from the block headers alone
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(dir.toUri()))
                        .projection(RowType.of())
                        .splitSize(256 << 10)
                        .batchSize(100)
                        .build();

        Read read = readFailingRepeatedly(source, row -> row.getArity(), row -> 0);

        assertThat(failures).as("failures the job recovered from").hasValue(FAILURES);
        assertThat(read.ids().length).as("rows counted").isEqualTo(ids.length);
        assertThat(read.checksum()).as("fields in all rows").isZero();
    }

    @Test
    void sumsTheRecordCountsOfEverySplitExactlyOnceThoughTheJobFailsRepeatedly() throws Exception {
        long[] ids = writeFiles(30_000, "deflate", "snappy", "zstandard", "null");
        // small splits, so that their counts, one row each, are rows enough to fail on; and a
        // long pause a row, so that those few rows outlast three failures and their restarts
        JetlinerSource<RowData> source =
                JetlinerSource.forRecordCounts(new Path(dir.toUri())).splitSize(16 << 10).build();

        Read read =
                readFailingRepeatedly(
                        source,
                        row -> row.getLong(0),
                        row -> 0,
                        new FailingAfterACheckpoint<>(1, 2, 1, 50));

        assertThat(failures).as("failures the job recovered from").hasValue(FAILURES);
        assertThat(read.checksum()).as("sum of the counts").isEqualTo(ids.length);
    }

    @Test
    void emitsEveryAcceptedRowExactlyOnceThoughAFilteredJobFailsRepeatedly() throws Exception {
        long[] ids = writeFiles(30_000, "deflate", "snappy", "zstandard", "null");
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(dir.toUri()))
                        .splitSize(256 << 10)
                        .batchSize(100)
                        // drops rows all through every block yet accepts about two in three: a
                        // filter that leaves too few rows lets the job end before it has failed
                        // often enough
                        .filter(
                                RowFilter.or(
                                        RowFilter.isNull("note"),
                                        RowFilter.greaterThan("note", "note 5"),
                                        RowFilter.lessThan("amount", 500.0)))
                        .build();

        Read read =
                readFailingRepeatedly(
                        source, JetlinerSourceFailoverITCase::checksum, row -> row.getLong(0));

        assertExactlyOnce(
                read,
                Arrays.stream(ids)
                        .filter(
                                id ->
                                        EventFiles.note(id) == null
                                                || EventFiles.note(id).compareTo("note 5") > 0
                                                || EventFiles.amount(id) < 500.0)
                        .toArray());
    }

    private static long checksum(RowData row) {
        return EventFiles.checksum(
                row.getLong(0),
                row.getString(1).toString(),
                row.isNullAt(2) ? null : row.getString(2).toString(),
                row.getDouble(3));
    }

    @Test
    void emitsEveryGenericRecordExactlyOnceThoughTheJobFailsRepeatedly() throws Exception {
        long[] ids = writeFiles(20_000, "xz", "bzip2");
        JetlinerSource<GenericRecord> source =
                JetlinerSource.forGenericRecord(EventFiles.SCHEMA, new Path(dir.toUri()))
                        .splitSize(128 << 10)
                        .build();

        Read read =
                readFailingRepeatedly(
                        source,
                        record ->
                                EventFiles.checksum(
                                        (Long) record.get("id"),
                                        record.get("name").toString(),
                                        record.get("note") == null
                                                ? null
                                                : record.get("note").toString(),
                                        (Double) record.get("amount")),
                        record -> (Long) record.get("id"));

        assertExactlyOnce(read, ids);
    }

    /**
     * Writes one file of {@code rowsPerFile} events per codec, in blocks of about 16 KiB, and
     * returns their ids, sorted.
     */
    private long[] writeFiles(int rowsPerFile, String... codecs) {
        return writeFiles(rowsPerFile, 16 << 10, codecs);
    }

    /** Writes the files as above, in blocks of about {@code syncInterval} bytes. */
    private long[] writeFiles(int rowsPerFile, int syncInterval, String... codecs) {
        Random random = new Random(42);
        long[] ids = new long[0];
        for (int f = 0; f < codecs.length; f++) {
            long first = f * 1_000_000L;
            long[] fileIds = LongStream.range(first, first + rowsPerFile).toArray();
            EventFiles.write(
                    dir.resolve("events-" + f + "-" + codecs[f] + ".avro"),
                    EventFiles.SCHEMA,
                    AvroFiles.codec(codecs[f], random),
                    syncInterval,
                    () -> Arrays.stream(fileIds).mapToObj(EventFiles::event).iterator());
            ids = LongStream.concat(Arrays.stream(ids), Arrays.stream(fileIds)).toArray();
        }
        return ids;
    }

    /** What a job read: the ids, sorted, and the sum of the records' checksums. */
    private record Read(long[] ids, long checksum) {}

    private <T> Read readFailingRepeatedly(
            JetlinerSource<T> source, ToLongFunction<T> checksum, ToLongFunction<T> id)
            throws Exception {
        return readFailingRepeatedly(
                source, checksum, id, new FailingAfterACheckpoint<>(100, 2_000, 40, 1));
    }

    private <T> Read readFailingRepeatedly(
            JetlinerSource<T> source,
            ToLongFunction<T> checksum,
            ToLongFunction<T> id,
            FailingAfterACheckpoint<T> failing)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(100);
        RestartStrategyUtils.configureFixedDelayRestartStrategy(env, 2 * FAILURES, 10L);
        DataStream<T> records =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "jetliner")
                        .map(failing, source.getProducedType());

        LongStream.Builder ids = LongStream.builder();
        long sum = 0;
        // with checkpointing, the collecting sink hands out only records a checkpoint committed:
        // those emitted again after a failure are not duplicated
        try (CloseableIterator<T> collected = records.executeAndCollect("failing reads")) {
            while (collected.hasNext()) {
                T record = collected.next();
                ids.add(id.applyAsLong(record));
                sum += checksum.applyAsLong(record);
            }
        }
        return new Read(ids.build().sorted().toArray(), sum);
    }

    private static void assertExactlyOnce(Read read, long[] writtenIds) {
        assertThat(failures).as("failures the job recovered from").hasValue(FAILURES);
        assertThat(read.ids().length).as("records read").isEqualTo(writtenIds.length);
        assertThat(read.ids()).as("ids read").isEqualTo(writtenIds);
        assertThat(read.checksum())
                .as("checksum of the values read")
                .isEqualTo(Arrays.stream(writtenIds).map(EventFiles::checksum).sum());
    }

    /**
     * Passes records on and fails, up to {@link #FAILURES} times in all, a random number of records
     * after its subtask saw a checkpoint complete: so every failure goes back to a checkpoint taken
     * mid-read. Sleeps now and then, so that checkpoints fall within the reads.
     */
    private static final class FailingAfterACheckpoint<T> extends RichMapFunction<T, T>
            implements CheckpointListener {

        private final int fewestRecords;
        private final int mostRecords;
        private final int recordsPerPause;
        private final long pauseMillis;

        private transient boolean checkpointed;
        private transient int recordsBeforeFailure;
        private transient long records;

        /**
         * Fails between {@code fewestRecords} and {@code mostRecords} (exclusive) records after a
         * checkpoint, sleeping {@code pauseMillis} every {@code recordsPerPause} records.
         */
        FailingAfterACheckpoint(
                int fewestRecords, int mostRecords, int recordsPerPause, long pauseMillis) {
            this.fewestRecords = fewestRecords;
            this.mostRecords = mostRecords;
            this.recordsPerPause = recordsPerPause;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void open(OpenContext openContext) {
            recordsBeforeFailure = ThreadLocalRandom.current().nextInt(fewestRecords, mostRecords);
        }

        @Override
        public T map(T record) throws Exception {
            if (++records % recordsPerPause == 0) {
                Thread.sleep(pauseMillis);
            }
            if (checkpointed
                    && --recordsBeforeFailure < 0
                    && failures.getAndUpdate(n -> n < FAILURES ? n + 1 : n) < FAILURES) {
                throw new IllegalStateException("failure on purpose after " + records + " records");
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
