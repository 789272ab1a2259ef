package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.BrokenFiles;
import io.jetliner.flink.testutil.BrokenFiles.BrokenFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In skip-block mode, every broken variant of a valid file, in every codec, yields exactly the rows
 * of its intact blocks, in order, none twice and none of a broken block, and counts the skip.
 */
@Timeout(30)
class BrokenFileSkipModeTest {

    private static final String FILE = "/data/part-3.avro";

    private static final ReaderOptions SKIP =
            ReaderOptions.builder().errorMode(ErrorMode.SKIP_BLOCK).batchSize(4).build();

    static Stream<BrokenFile> brokenBlocks() {
        return AvroFiles.CODECS.stream()
                .flatMap(codec -> BrokenFiles.variants(codec).stream())
                .filter(broken -> !broken.headerBroken());
    }

    static Stream<BrokenFile> brokenHeaders() {
        return BrokenFiles.variants("deflate").stream().filter(BrokenFile::headerBroken);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBlocks")
    void deliversExactlyTheRowsOfTheIntactBlocks(BrokenFile broken) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (JetlinerReader reader =
                JetlinerReader.open(new ByteArrayInput(broken.bytes()), FILE, SKIP)) {
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                for (int i = 0; i < batch.size(); i++) {
                    ids.add(batch.row(i).getLong(0));
                }
            }
            assertThat(ids).containsExactlyElementsOf(broken.survivingIds());
            assertThat(reader.skippedBlocks()).isEqualTo(1);
            if (broken.name().contains("declared") || broken.name().contains("record count")) {
                // the count is the corruption: at best an estimate
                assertThat(reader.skippedRecords()).isLessThan(1000);
            } else if (broken.kind() == JetlinerException.Kind.RECORD_DECODE_FAILED
                    || broken.kind() == JetlinerException.Kind.DECOMPRESSION_FAILED) {
                assertThat(reader.skippedRecords()).isEqualTo(BrokenFiles.RECORDS_PER_BLOCK);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenHeaders")
    void stillFailsToOpenAFileWhoseHeaderCannotBeRead(BrokenFile broken) {
        assertThatThrownBy(
                        () -> JetlinerReader.open(new ByteArrayInput(broken.bytes()), FILE, SKIP))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> assertThat(e.kind()).isEqualTo(broken.kind()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jetliner.flink.reader.BrokenFileFailModeTest#codecs")
    void deliversTheWholeBlocksOfAFileCutAtAnyOffset(String codec) throws Exception {
        byte[] valid = BrokenFiles.validFile(codec);
        long[] ends = BrokenFiles.partEnds(valid, codec);
        for (int length = (int) ends[0]; length < valid.length; length++) {
            int wholeBlocks = 0;
            while (wholeBlocks < BrokenFiles.BLOCKS && ends[wholeBlocks + 1] <= length) {
                wholeBlocks++;
            }
            List<Long> ids = new ArrayList<>();
            try (JetlinerReader reader =
                    JetlinerReader.open(
                            new ByteArrayInput(Arrays.copyOf(valid, length)), FILE, SKIP)) {
                for (RowBatch batch = reader.nextBatch();
                        batch != null;
                        batch = reader.nextBatch()) {
                    for (int i = 0; i < batch.size(); i++) {
                        ids.add(batch.row(i).getLong(0));
                    }
                }
            }
            assertThat(ids)
                    .as("cut at %d", length)
                    .containsExactlyElementsOf(
                            BrokenFiles.allIds()
                                    .subList(0, wholeBlocks * BrokenFiles.RECORDS_PER_BLOCK));
        }
    }

    @Test
    void failsByDefaultAndKeepsTheModeThroughEveryCopy() {
        assertThat(ReaderOptions.defaults().errorMode()).isEqualTo(ErrorMode.FAIL);
        assertThat(SKIP.toBuilder().build()).isEqualTo(SKIP);
        assertThat(SKIP).isNotEqualTo(SKIP.toBuilder().errorMode(ErrorMode.FAIL).build());
        assertThat(SKIP.toString()).contains("errorMode=skip-block");
    }

    @Test
    void readsAValidFileWhole() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (JetlinerReader reader =
                JetlinerReader.open(
                        new ByteArrayInput(BrokenFiles.validFile("snappy")), FILE, SKIP)) {
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                for (int i = 0; i < batch.size(); i++) {
                    ids.add(batch.row(i).getLong(0));
                }
            }
            assertThat(ids).containsExactlyElementsOf(BrokenFiles.allIds());
            assertThat(reader.skippedBlocks()).isZero();
        }
    }
}
