package io.jetliner.flink.avro.container;

import org.apache.flink.core.fs.FSDataInputStream;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemInputTest {

    private static final byte[] FILE = randomBytes(300 << 10);

    @Test
    void goesBackFromTheHeadersReadAheadToTheFirstBlockWithoutMovingTheStreamBack()
            throws IOException {
        RecordingStream stream = new RecordingStream(FILE, 8 << 10);
        FileSystemInput input = FileSystemInput.of(stream, FILE.length);

        // the header's reader reads ahead, then the block reader starts just after the header
        byte[] header = readFully(input, 0, FileSystemInput.HEAD_SIZE);
        byte[] rest = readFully(input, 300, FILE.length - 300);

        assertThat(header).isEqualTo(Arrays.copyOfRange(FILE, 0, FileSystemInput.HEAD_SIZE));
        assertThat(rest).isEqualTo(Arrays.copyOfRange(FILE, 300, FILE.length));
        assertThat(stream.seeks).as("stream seeks").isEmpty();
    }

    @Test
    void movesTheStreamOnlyWhenAReadNeedsBytesOutsideTheKeptHead() throws IOException {
        RecordingStream stream = new RecordingStream(FILE, Integer.MAX_VALUE);
        FileSystemInput input = FileSystemInput.of(stream, FILE.length);

        input.seek(100_000);
        input.seek(200_000);
        assertThat(readFully(input, 200_000, 1_000))
                .isEqualTo(Arrays.copyOfRange(FILE, 200_000, 201_000));
        // nothing of the head was read from the start, so nothing is kept
        assertThat(readFully(input, 10, 100)).isEqualTo(Arrays.copyOfRange(FILE, 10, 110));

        assertThat(stream.seeks).as("stream seeks").containsExactly(200_000L, 10L);
    }

    @Test
    void readsTheFilesBytesWhereverItIsMovedTo() throws IOException {
        Random random = new Random(7);
        RecordingStream stream = new RecordingStream(FILE, 5_000);
        FileSystemInput input = FileSystemInput.of(stream, FILE.length);
        readFully(input, 0, 1_000);

        for (int i = 0; i < 500; i++) {
            int at = random.nextInt(FILE.length);
            int length = Math.min(random.nextInt(20_000), FILE.length - at);

            assertThat(readFully(input, at, length))
                    .as("%d bytes at %d", length, at)
                    .isEqualTo(Arrays.copyOfRange(FILE, at, at + length));
            assertThat(input.position()).isEqualTo(at + length);
        }
        input.seek(FILE.length);
        assertThat(input.read(new byte[10], 0, 10)).as("a read at the end").isEqualTo(-1);
    }

    private static byte[] readFully(FileSystemInput input, long at, int length) throws IOException {
        input.seek(at);
        byte[] read = new byte[length];
        int done = 0;
        while (done < length) {
            int n = input.read(read, done, length - done);
            assertThat(n).as("bytes read").isPositive();
            done += n;
        }
        return read;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** A stream over bytes that hands out at most a few per read and records every seek. */
    private static final class RecordingStream extends FSDataInputStream {

        private final byte[] bytes;
        private final int maxBytesPerRead;
        private final List<Long> seeks = new ArrayList<>();
        private int position;

        RecordingStream(byte[] bytes, int maxBytesPerRead) {
            this.bytes = bytes;
            this.maxBytesPerRead = maxBytesPerRead;
        }

        @Override
        public void seek(long desired) {
            seeks.add(desired);
            position = (int) desired;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, maxBytesPerRead), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
