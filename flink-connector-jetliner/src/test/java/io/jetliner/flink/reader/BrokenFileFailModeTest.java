package io.jetliner.flink.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.BrokenFiles;
import io.jetliner.flink.testutil.BrokenFiles.BrokenFile;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * In fail mode, every broken variant of a valid file, in every codec, fails with the kind of {@link
 * JetlinerException} that names what is broken, located at the byte, block and record where it is,
 * after delivering the rows of the blocks before it.
 */
@Timeout(30)
class BrokenFileFailModeTest {

    static final String FILE = "/data/part-3.avro";

    static Stream<BrokenFile> variants() {
        return AvroFiles.CODECS.stream().flatMap(codec -> BrokenFiles.variants(codec).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void failsWithTheKindAndLocationOfWhatIsBroken(BrokenFile broken) {
        List<Long> ids = new ArrayList<>();
        JetlinerException failure =
                catchThrowableOfType(JetlinerException.class, () -> readAll(broken.bytes(), ids));

        assertThat(failure).as("%s fails", broken).isNotNull();
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(broken.kind());
        assertThat(failure.file()).isEqualTo(FILE);
        assertThat(failure.fileOffset()).as(failure.getMessage()).isEqualTo(broken.fileOffset());
        assertThat(failure.blockIndex()).as(failure.getMessage()).isEqualTo(broken.blockIndex());
        assertThat(failure.recordIndex()).as(failure.getMessage()).isEqualTo(broken.recordIndex());
        assertThat(failure.getMessage()).startsWith(FILE + ": ");
        if (!broken.headerBroken()) {
            // the blocks before the broken one are delivered whole, none after it
            long firstIdOfBroken = broken.blockIndex() * BrokenFiles.RECORDS_PER_BLOCK;
            assertThat(ids).hasSizeGreaterThanOrEqualTo((int) firstIdOfBroken);
            assertThat(ids.subList(0, (int) firstIdOfBroken))
                    .containsExactlyElementsOf(
                            BrokenFiles.allIds().subList(0, (int) firstIdOfBroken));
            assertThat(ids).allMatch(id -> id < firstIdOfBroken + BrokenFiles.RECORDS_PER_BLOCK);
        }
    }

    static Stream<String> codecs() {
        return AvroFiles.CODECS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void reportsAFileCutAtAnyOffsetAtTheBlockItCuts(String codec) {
        byte[] valid = BrokenFiles.validFile(codec);
        long[] ends = BrokenFiles.partEnds(valid, codec);
        for (int length = 0; length < valid.length; length++) {
            byte[] cut = Arrays.copyOf(valid, length);
            List<Long> ids = new ArrayList<>();
            JetlinerException failure =
                    catchThrowableOfType(JetlinerException.class, () -> readAll(cut, ids));
            String at = "cut at " + length;
            if (length < 4) {
                assertThat(failure.kind()).as(at).isEqualTo(JetlinerException.Kind.NOT_AVRO);
            } else if (length < ends[0]) {
                assertThat(failure.kind())
                        .as(at)
                        .isIn(JetlinerException.Kind.TRUNCATED, JetlinerException.Kind.BAD_HEADER);
                assertThat(failure.fileOffset()).as(at).isBetween(0L, (long) length);
            } else {
                int wholeBlocks = 0;
                while (wholeBlocks < BrokenFiles.BLOCKS && ends[wholeBlocks + 1] <= length) {
                    wholeBlocks++;
                }
                if (length == ends[wholeBlocks]) {
                    // a cut between blocks leaves a valid file of fewer blocks
                    assertThat(failure).as(at).isNull();
                } else {
                    assertThat(failure.kind()).as(at).isEqualTo(JetlinerException.Kind.TRUNCATED);
                    assertThat(failure.blockIndex()).as(at).isEqualTo(wholeBlocks);
                    assertThat(failure.fileOffset())
                            .as(at)
                            .isBetween(ends[wholeBlocks], (long) length);
                }
                assertThat(ids)
                        .as(at)
                        .containsExactlyElementsOf(
                                BrokenFiles.allIds()
                                        .subList(0, wholeBlocks * BrokenFiles.RECORDS_PER_BLOCK));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void keepsFailingWithoutHangingWhenReadAgainAfterAFailure(BrokenFile broken) {
        if (broken.headerBroken()) {
            return; // nothing to read again: open() failed
        }
        try (JetlinerReader reader =
                JetlinerReader.open(
                        new ByteArrayInput(broken.bytes()), FILE, ReaderOptions.defaults())) {
            assertThatThrownBy(() -> drain(reader, new ArrayList<>()))
                    .isInstanceOf(JetlinerException.class);
            assertThatThrownBy(() -> drain(reader, new ArrayList<>()))
                    .isInstanceOf(JetlinerException.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static void readAll(byte[] file, List<Long> ids) throws Exception {
        try (JetlinerReader reader =
                JetlinerReader.open(new ByteArrayInput(file), FILE, ReaderOptions.defaults())) {
            drain(reader, ids);
        }
    }

    static void drain(JetlinerReader reader, List<Long> ids) {
        for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
            for (int i = 0; i < batch.size(); i++) {
                ids.add(batch.row(i).getLong(0));
            }
        }
    }
}
