package io.jetliner.flink.benchmarks;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every block of one Avro file, decompressed into memory by Avro Java, with its record count: the
 * common input of the decode benchmark, so that each variant measures decoding and nothing else.
 */
public final class DecodedBlocks {

    private final Schema schema;
    private final byte[][] blocks;
    private final long[] recordCounts;
    private final long rowCount;

    private DecodedBlocks(Schema schema, List<byte[]> blocks, List<Long> recordCounts) {
        this.schema = schema;
        this.blocks = blocks.toArray(new byte[0][]);
        this.recordCounts = recordCounts.stream().mapToLong(Long::longValue).toArray();
        this.rowCount = recordCounts.stream().mapToLong(Long::longValue).sum();
    }

    public static DecodedBlocks load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataFileStream<Object> stream =
                        new DataFileStream<>(in, new GenericDatumReader<>())) {
            List<byte[]> blocks = new ArrayList<>();
            List<Long> recordCounts = new ArrayList<>();
            while (stream.hasNext()) {
                long recordCount = stream.getBlockCount();
                ByteBuffer decompressed = stream.nextBlock();
                // Copied: the stream reuses its buffer for the next block.
                byte[] block = new byte[decompressed.remaining()];
                decompressed.get(block);
                blocks.add(block);
                recordCounts.add(recordCount);
            }
            return new DecodedBlocks(stream.getSchema(), blocks, recordCounts);
        }
    }

    /** The writer schema. */
    public Schema schema() {
        return schema;
    }

    public int blockCount() {
        return blocks.length;
    }

    /** The decompressed records of block {@code index}: the whole array. */
    public byte[] block(int index) {
        return blocks[index];
    }

    public long recordCount(int index) {
        return recordCounts[index];
    }

    public long rowCount() {
        return rowCount;
    }

    public long decompressedBytes() {
        long bytes = 0;
        for (byte[] block : blocks) {
            bytes += block.length;
        }
        return bytes;
    }
}
