package io.jetliner.flink.avro.decode.vector;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.data.columnar.vector.BytesColumnVector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable column of byte strings (STRING, BYTES, BINARY), all held in one buffer that is reused
 * from batch to batch. {@link #getBytes} points into that buffer, so a string is read as a {@code
 * BinaryStringData} over it without a copy.
 */
@Internal
public class BytesVector extends GrowableVector implements BytesColumnVector, StringColumn {

    private static final int BYTES_PER_VALUE_GUESS = 16;

    /** The longest value copied as two words. */
    private static final int SHORT_VALUE = 2 * Long.BYTES;

    /** Room kept free at the end of the buffer for a short value's word moves. */
    private static final int SLACK = SHORT_VALUE;

    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private int[] starts;
    private int[] lengths;
    private byte[] buffer;
    private int used;

    /** The buffer wrapped as Flink memory, for strings over it; rewrapped when it grows. */
    private MemorySegment[] segments;

    public BytesVector(int capacity) {
        super(capacity);
        this.starts = new int[capacity];
        this.lengths = new int[capacity];
        this.buffer = new byte[Math.max(64, capacity * BYTES_PER_VALUE_GUESS)];
    }

    /** Copies {@code source[offset, offset + length)} as the value of {@code row}. */
    public final void append(int row, byte[] source, int offset, int length) {
        int start = used;
        if (length > buffer.length - SLACK - start) {
            growBuffer(length);
        }
        byte[] buffer = this.buffer;
        if (length <= SHORT_VALUE && source.length - offset >= SHORT_VALUE) {
            // Short values dominate; two word moves beat the call of an array copy. The bytes
            // copied past the value land in the slack or where the next value will go.
            LONG.set(buffer, start, (long) LONG.get(source, offset));
            LONG.set(buffer, start + Long.BYTES, (long) LONG.get(source, offset + Long.BYTES));
        } else {
            System.arraycopy(source, offset, buffer, start, length);
        }
        starts[row] = start;
        lengths[row] = length;
        used = start + length;
    }

    /**
     * Makes room for a value of {@code length} bytes to be written in place, at {@link
     * #appendOffset()} of the returned buffer, and then made the value of a row with {@link
     * #commit}.
     */
    public final byte[] reserve(int length) {
        if (length > buffer.length - SLACK - used) {
            growBuffer(length);
        }
        return buffer;
    }

    /** Where the next value starts in the buffer. */
    public final int appendOffset() {
        return used;
    }

    /** Makes the {@code length} bytes written at {@link #appendOffset()} the value of a row. */
    public final void commit(int row, int length) {
        starts[row] = used;
        lengths[row] = length;
        used += length;
    }

    @Override
    public final Bytes getBytes(int row) {
        return new Bytes(buffer, starts[row], lengths[row]);
    }

    /** One object a string: the view over this vector's buffer. */
    @Override
    public final StringData getString(int row) {
        MemorySegment[] segments = this.segments;
        if (segments == null || segments[0].getArray() != buffer) {
            segments = new MemorySegment[] {MemorySegmentFactory.wrap(buffer)};
            this.segments = segments;
        }
        return BinaryStringData.fromAddress(segments, starts[row], lengths[row]);
    }

    /** A copy of a row's bytes. */
    public final byte[] copyOf(int row) {
        int start = starts[row];
        return Arrays.copyOfRange(buffer, start, start + lengths[row]);
    }

    @Override
    protected final void resize(int capacity) {
        starts = Arrays.copyOf(starts, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
    }

    @Override
    public final void reset() {
        used = 0;
    }

    private void growBuffer(int length) {
        long required = (long) used + length + SLACK;
        if (required > MAX_CAPACITY) {
            throw new JetlinerException(
                    JetlinerException.Kind.SIZE_LIMIT_EXCEEDED,
                    "the values of one column of one batch exceed "
                            + MAX_CAPACITY
                            + " bytes; use a smaller batch size");
        }
        long doubled = Math.max(required, 2L * buffer.length);
        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_CAPACITY, doubled));
    }
}
