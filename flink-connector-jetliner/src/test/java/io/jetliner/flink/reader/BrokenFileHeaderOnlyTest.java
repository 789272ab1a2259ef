package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;
import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.testutil.BrokenFiles;
import io.jetliner.flink.testutil.BrokenFiles.BrokenFile;

import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Read from the block headers alone (rows without fields, as {@code COUNT(*)} reads), every broken
 * variant of a valid file, in every codec: what the headers show broken (sync markers, sizes,
 * counts no block can hold, a file cut short) fails or is skipped as a full read does; a block
 * whose payload alone is broken is never decompressed or decoded, so it is counted as it declares.
 */
@Timeout(30)
class BrokenFileHeaderOnlyTest {

    private static final String FILE = "/data/part-3.avro";

    private static final Set<Kind> SEEN_IN_HEADERS =
            Set.of(Kind.BAD_SYNC_MARKER, Kind.TRUNCATED, Kind.BAD_HEADER, Kind.SIZE_LIMIT_EXCEEDED);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jetliner.flink.reader.BrokenFileSkipModeTest#brokenBlocks")
    void failModeFailsAsAFullReadOnWhatTheHeadersShowAndCountsABrokenPayload(BrokenFile broken)
            throws Exception {
        if (seenInHeaders(broken)) {
            JetlinerException failure =
                    catchThrowableOfType(
                            JetlinerException.class, () -> count(broken, ErrorMode.FAIL));
            assertThat(failure).as("%s fails", broken).isNotNull();
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(broken.kind());
            assertThat(failure.fileOffset())
                    .as(failure.getMessage())
                    .isEqualTo(broken.fileOffset());
        } else {
            assertThat(count(broken, ErrorMode.FAIL)).isEqualTo(declaredRecords(broken));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jetliner.flink.reader.BrokenFileSkipModeTest#brokenBlocks")
    void skipBlockModeSkipsWhatAFullReadSkipsForWhatTheHeadersShowAndCountsABrokenPayload(
            BrokenFile broken) throws Exception {
        assertThat(count(broken, ErrorMode.SKIP_BLOCK))
                .isEqualTo(
                        seenInHeaders(broken)
                                ? broken.survivingIds().size()
                                : declaredRecords(broken));
    }

    /** Whether the block headers alone show the file broken. */
    private static boolean seenInHeaders(BrokenFile broken) {
        return SEEN_IN_HEADERS.contains(broken.kind())
                // a count that no block could hold, at the fewest bytes a record takes
                || broken.name().equals("huge block record count");
    }

    /** The records the blocks declare, broken payloads and all. */
    private static long declaredRecords(BrokenFile broken) {
        long records = (long) BrokenFiles.BLOCKS * BrokenFiles.RECORDS_PER_BLOCK;
        switch (broken.name()) {
            case "one record more declared than written":
                return records + 1;
            case "one record fewer declared than written":
                return records - 1;
            default:
                return records;
        }
    }

    private static long count(BrokenFile broken, ErrorMode mode) throws IOException {
        ReaderOptions options =
                ReaderOptions.builder().projection(RowType.of()).errorMode(mode).build();
        long rows = 0;
        try (JetlinerReader reader =
                JetlinerReader.open(new ByteArrayInput(broken.bytes()), FILE, options)) {
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                rows += batch.size();
            }
        }
        return rows;
    }
}
