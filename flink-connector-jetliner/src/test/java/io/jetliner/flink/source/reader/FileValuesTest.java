package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.source.FileMetadata;
import io.jetliner.flink.source.SourceColumn;
import io.jetliner.flink.source.enumerator.PartitionSpecs;

import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileValuesTest {

    /** A path as a split names it, with a partition value Flink escaped when writing it. */
    private static final String FILE =
            new Path("s3://bucket/t/dt=2024-01-31/region=a%3Ab/n=__DEFAULT_PARTITION__/x.avro")
                    .toString();

    @Test
    void makesTheValuesOfAFileOnceWithPartitionsUnescapedAndTyped() {
        FileValues values =
                new FileValues(
                        List.of(
                                SourceColumn.partition("region", VarCharType.STRING_TYPE),
                                SourceColumn.metadata(FileMetadata.FILE_NAME),
                                SourceColumn.metadata(FileMetadata.BLOCK_OFFSET),
                                SourceColumn.partition("n", new BigIntType()),
                                SourceColumn.metadata(FileMetadata.FILE_PATH),
                                SourceColumn.partition("dt", new DateType()),
                                SourceColumn.partition("absent", new BigIntType()),
                                SourceColumn.metadata(FileMetadata.FILE_SIZE),
                                SourceColumn.metadata(FileMetadata.FILE_MODIFICATION_TIME)),
                        PartitionSpecs.DEFAULT_PARTITION_NAME);

        GenericRowData row = values.of(FILE, 1234, 1_700_000_000_123L);
        values.setBlockOffset(row, 77);

        assertThat(row)
                .isEqualTo(
                        GenericRowData.of(
                                StringData.fromString("a:b"),
                                StringData.fromString("x.avro"),
                                77L,
                                null,
                                StringData.fromString(
                                        "s3://bucket/t/dt=2024-01-31/region=a%3Ab"
                                                + "/n=__DEFAULT_PARTITION__/x.avro"),
                                (int) LocalDate.of(2024, 1, 31).toEpochDay(),
                                null,
                                1234L,
                                TimestampData.fromEpochMillis(1_700_000_000_123L)));
    }

    @Test
    void failsForANotNullPartitionColumnWithoutAValue() {
        FileValues values =
                new FileValues(
                        List.of(SourceColumn.partition("n", new BigIntType(false))),
                        PartitionSpecs.DEFAULT_PARTITION_NAME);

        assertThatThrownBy(() -> values.of(FILE, 1, 0))
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("NOT NULL partition column 'n'")
                .satisfies(
                        e ->
                                assertThat(((JetlinerException) e).kind())
                                        .isEqualTo(JetlinerException.Kind.BAD_PARTITION_VALUE));
    }
}
