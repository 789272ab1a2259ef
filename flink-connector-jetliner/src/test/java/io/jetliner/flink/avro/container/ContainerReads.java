package io.jetliner.flink.avro.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads whole ranges with the reader under test. */
final class ContainerReads {

    static final int MAX_BLOCK_SIZE = 16 << 20;

    private ContainerReads() {}

    static ContainerHeader header(byte[] file) {
        return ContainerHeader.read(new ByteArrayInput(file), "test.avro");
    }

    static List<Block> blocks(byte[] file, long start, long end) {
        return blocks(new ByteArrayInput(file), header(file), start, end);
    }

    static List<Block> blocks(SeekableInput input, ContainerHeader header, long start, long end) {
        return blocks(input, header, start, end, true);
    }

    static List<Block> blocks(
            SeekableInput input,
            ContainerHeader header,
            long start,
            long end,
            boolean readPayloads) {
        List<Block> blocks = new ArrayList<>();
        try (BlockReader reader =
                new BlockReader(
                        input, header, "test.avro", start, end, MAX_BLOCK_SIZE, readPayloads)) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                blocks.add(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }
}
