package io.jetliner.flink.testutil;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Broken variants of valid container files: a file written by Avro's own {@link DataFileWriter} is
 * taken apart into its header's entries and its blocks, one part is broken, and the parts are put
 * back together, which tells exactly where the break lies and which blocks stay intact.
 *
 * <p>Every valid file has {@link #BLOCKS} blocks of {@link #RECORDS_PER_BLOCK} records; record
 * {@code i} has id {@code i}, so the ids read tell which blocks were read. Variants break block
 * {@link #BROKEN_BLOCK} (or the header), and each states what a reader must report in fail mode and
 * which ids it must deliver in skip-block mode.
 */
public final class BrokenFiles {

    public static final Schema SCHEMA =
            SchemaBuilder.record("Row")
                    .namespace("io.jetliner.test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("s")
                    .requiredBytes("b")
                    .name("a")
                    .type()
                    .array()
                    .items()
                    .longType()
                    .noDefault()
                    .name("m")
                    .type()
                    .map()
                    .values()
                    .longType()
                    .noDefault()
                    .endRecord();

    public static final int BLOCKS = 6;
    public static final int RECORDS_PER_BLOCK = 10;
    public static final int BROKEN_BLOCK = 2;

    /** The record broken inside {@link #BROKEN_BLOCK} by the record-level variants. */
    public static final int BROKEN_RECORD = 3;

    private static final int SYNC_SIZE = DataFileConstants.SYNC_SIZE;

    private BrokenFiles() {}

    /**
     * One broken file and what a reader must make of it.
     *
     * @param kind the kind of the {@link JetlinerException} in fail mode
     * @param fileOffset its file offset
     * @param blockIndex its block index, {@link JetlinerException#UNKNOWN} for the header
     * @param recordIndex its record index, {@link JetlinerException#UNKNOWN} if not a record's
     * @param survivingBlocks the blocks whose rows skip-block mode delivers; empty where the whole
     *     file is skipped
     * @param headerBroken whether the header is what is broken: then the file is skipped whole
     */
    public record BrokenFile(
            String name,
            String codec,
            byte[] bytes,
            Kind kind,
            long fileOffset,
            long blockIndex,
            long recordIndex,
            List<Integer> survivingBlocks,
            boolean headerBroken) {

        /** The ids skip-block mode delivers, in order. */
        public List<Long> survivingIds() {
            return survivingBlocks.stream()
                    .flatMap(block -> idsOf(block).boxed())
                    .collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return codec + ": " + name;
        }
    }

    /** The ids of a block's records. */
    public static LongStream idsOf(int block) {
        return LongStream.range(
                (long) block * RECORDS_PER_BLOCK, (long) (block + 1) * RECORDS_PER_BLOCK);
    }

    /** Every id of a valid file. */
    public static List<Long> allIds() {
        return LongStream.range(0, (long) BLOCKS * RECORDS_PER_BLOCK)
                .boxed()
                .collect(Collectors.toList());
    }

    /** A valid file: written by Avro's {@link DataFileWriter}, one flush per block. */
    public static byte[] validFile(String codec) {
        return writeFile(codec, null, 0);
    }

    /**
     * A file as Avro's {@link DataFileWriter} writes it, one flush per block, but where {@code
     * field} is not null, record {@link #BROKEN_RECORD} of block {@link #BROKEN_BLOCK} is appended
     * already encoded, with {@code badLength} where that field's length or count goes.
     */
    private static byte[] writeFile(String codec, String field, long badLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            // xz at its fastest level: the default's 8 MiB dictionary needs ~100 MiB to write,
            // too much for the small heap the fuzz test reads in
            writer.setCodec(
                    codec.equals("xz") ? CodecFactory.xzCodec(0) : CodecFactory.fromString(codec));
            writer.setMeta("written.by", "BrokenFiles");
            writer.create(SCHEMA, out);
            long broken = (long) BROKEN_BLOCK * RECORDS_PER_BLOCK + BROKEN_RECORD;
            for (int block = 0; block < BLOCKS; block++) {
                for (long id : idsOf(block).toArray()) {
                    if (field != null && id == broken) {
                        writer.appendEncoded(ByteBuffer.wrap(encodeBroken(id, field, badLength)));
                    } else {
                        writer.append(record(id));
                    }
                }
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Record {@code id}: every value follows from it. */
    public static GenericRecord record(long id) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", id);
        record.put("s", "s" + id);
        record.put("b", ByteBuffer.wrap(Long.toString(id * 31).getBytes(StandardCharsets.UTF_8)));
        record.put("a", List.of(id, id + 1));
        record.put("m", Map.of("k" + id, id));
        return record;
    }

    /**
     * Where the parts of a valid file end: element 0 is the header's end (the first block's
     * offset), element {@code i + 1} the end of block {@code i}'s sync marker.
     */
    public static long[] partEnds(byte[] validFile, String codec) {
        Assembled file = Model.parse(validFile, codec).assemble();
        long[] ends = new long[BLOCKS + 1];
        ends[0] = file.offset("sync") + SYNC_SIZE;
        for (int i = 0; i < BLOCKS; i++) {
            ends[i + 1] = file.offset("marker" + i) + SYNC_SIZE;
        }
        return ends;
    }

    /** Every broken variant of the valid file of {@code codec}. */
    public static List<BrokenFile> variants(String codec) {
        Model valid = Model.parse(validFile(codec), codec);
        List<BrokenFile> variants = new ArrayList<>();
        headerVariants(valid, variants);
        blockVariants(valid, variants);
        recordVariants(valid, variants);
        if (!codec.equals("null")) {
            variants.add(corruptPayload(valid));
        }
        return variants;
    }

    private static void headerVariants(Model valid, List<BrokenFile> out) {
        Assembled file = valid.assemble();
        byte[] bytes = file.bytes;
        long schemaLength = file.offset("length:avro.schema");
        long schemaValue = file.offset("value:avro.schema");
        long headerSync = file.offset("sync");
        out.add(header(valid, "empty file", new byte[0], Kind.NOT_AVRO, 0));
        out.add(header(valid, "cut in the magic", Arrays.copyOf(bytes, 2), Kind.NOT_AVRO, 0));
        out.add(header(valid, "cut after the magic", Arrays.copyOf(bytes, 4), Kind.TRUNCATED, 4));
        out.add(
                header(
                        valid,
                        "cut in the schema",
                        Arrays.copyOf(bytes, (int) schemaValue + 20),
                        Kind.BAD_HEADER,
                        schemaLength));
        out.add(
                header(
                        valid,
                        "cut in the header's sync marker",
                        Arrays.copyOf(bytes, (int) headerSync + 7),
                        Kind.TRUNCATED,
                        headerSync));
        byte[] badMagic = bytes.clone();
        badMagic[1] = 'X';
        out.add(header(valid, "bad magic", badMagic, Kind.NOT_AVRO, 0));
        out.add(
                header(
                        valid.with(m -> m.metadataCount = 1L << 40),
                        "huge metadata count",
                        Kind.BAD_HEADER,
                        "count"));
        out.add(
                header(
                        valid.with(m -> m.metadataCount = Long.MIN_VALUE),
                        "metadata count that cannot be negated",
                        Kind.BAD_HEADER,
                        "count"));
        out.add(
                header(
                        valid.with(m -> m.metadataBlockSize = 1L << 40),
                        "negative metadata count with a huge byte size",
                        Kind.BAD_HEADER,
                        "blocksize"));
        out.add(
                header(
                        valid.with(m -> m.lengths.put("key:avro.schema", -3L)),
                        "negative metadata key length",
                        Kind.BAD_HEADER,
                        "keylength:avro.schema"));
        out.add(
                header(
                        valid.with(m -> m.lengths.put("value:avro.schema", 1L << 40)),
                        "huge schema size",
                        Kind.BAD_HEADER,
                        "length:avro.schema"));
        out.add(
                header(
                        valid.with(
                                m -> m.lengths.put("value:written.by", (long) Integer.MAX_VALUE)),
                        "huge metadata value size",
                        Kind.BAD_HEADER,
                        "length:written.by"));
        out.add(
                header(
                        valid.with(m -> m.metadata.put("avro.codec", utf8("lzma-turbo"))),
                        "garbage codec name",
                        Kind.UNSUPPORTED_CODEC,
                        null));
        out.add(
                header(
                        valid.with(
                                m -> m.metadata.put("avro.schema", utf8("{\"type\": \"record\","))),
                        "schema that is not JSON",
                        Kind.BAD_SCHEMA,
                        "length:avro.schema"));
        out.add(
                header(
                        valid.with(m -> m.metadata.put("avro.schema", utf8("{\"type\": \"wat\"}"))),
                        "schema of an unknown type",
                        Kind.BAD_SCHEMA,
                        "length:avro.schema"));
        out.add(
                header(
                        valid.with(m -> m.metadata.remove("avro.schema")),
                        "no schema",
                        Kind.BAD_HEADER,
                        null));
    }

    private static BrokenFile header(Model model, String name, Kind kind, String offsetMark) {
        Assembled file = model.assemble();
        long offset = offsetMark == null ? 0 : file.offset(offsetMark);
        if (offsetMark == null && kind == Kind.BAD_HEADER) {
            offset = 4; // a missing schema is reported at the metadata
        }
        return header(model, name, file.bytes, kind, offset);
    }

    private static BrokenFile header(
            Model model, String name, byte[] bytes, Kind kind, long offset) {
        return new BrokenFile(
                name,
                model.codec,
                bytes,
                kind,
                offset,
                JetlinerException.UNKNOWN,
                JetlinerException.UNKNOWN,
                List.of(),
                true);
    }

    private static void blockVariants(Model valid, List<BrokenFile> out) {
        int k = BROKEN_BLOCK;
        Assembled file = valid.assemble();
        long block = file.offset("block" + k);
        long payload = file.offset("payload" + k);
        long marker = file.offset("marker" + k);

        out.add(
                block(
                        valid.with(m -> m.blocks.get(k).marker[5] ^= 0x5a),
                        "corrupted sync marker",
                        Kind.BAD_SYNC_MARKER,
                        "marker" + k,
                        k,
                        k + 1));
        out.add(
                cut(
                        valid,
                        "cut in the block's byte size",
                        block + 1,
                        Kind.TRUNCATED,
                        block,
                        false));
        out.add(
                cut(
                        valid,
                        "cut in the block's payload",
                        (payload + marker) / 2,
                        Kind.TRUNCATED,
                        block,
                        false));
        out.add(
                cut(
                        valid,
                        "cut in the block's sync marker",
                        marker + 9,
                        Kind.TRUNCATED,
                        marker,
                        false));
        out.add(cut(valid, "bytes after the last block", file.bytes.length + 3, null, 0, true));
        out.add(
                block(
                        valid.with(m -> m.blocks.get(k).size = (long) file.bytes.length),
                        "block size beyond the end of the file",
                        Kind.TRUNCATED,
                        "block" + k,
                        k));
        out.add(
                block(
                        valid.with(m -> m.blocks.get(k).size = -7L),
                        "negative block size",
                        Kind.BAD_HEADER,
                        "block" + k,
                        k));
        out.add(
                block(
                        valid.with(m -> m.blocks.get(k).size = 1L << 40),
                        "huge block size",
                        Kind.SIZE_LIMIT_EXCEEDED,
                        "block" + k,
                        k));
        out.add(
                block(
                        valid.with(m -> m.blocks.get(k).count = -RECORDS_PER_BLOCK),
                        "negative block record count",
                        Kind.BAD_HEADER,
                        "block" + k,
                        k));
        out.add(
                block(
                        valid.with(m -> m.blocks.get(k).count = 1L << 40),
                        "huge block record count",
                        Kind.RECORD_DECODE_FAILED,
                        "block" + k,
                        k));
        out.add(
                record(
                        valid.with(m -> m.blocks.get(k).count = RECORDS_PER_BLOCK + 1),
                        "one record more declared than written",
                        RECORDS_PER_BLOCK));
        out.add(
                record(
                        valid.with(m -> m.blocks.get(k).count = RECORDS_PER_BLOCK - 1),
                        "one record fewer declared than written",
                        RECORDS_PER_BLOCK - 2));
    }

    /** Lengths that no block can hold, written where each field's length or count goes. */
    private static void recordVariants(Model valid, List<BrokenFile> out) {
        long[] badLengths = {-1, -(1L << 40), 1L << 40, Integer.MAX_VALUE};
        for (String field : List.of("s", "b", "a", "m")) {
            for (long length : badLengths) {
                if ((field.equals("a") || field.equals("m")) && length == -1) {
                    continue; // a negative count is legal there: its byte size follows
                }
                Model model = Model.parse(writeFile(valid.codec, field, length), valid.codec);
                out.add(
                        record(
                                model,
                                (field.equals("a") || field.equals("m") ? "count " : "length ")
                                        + length
                                        + " of field "
                                        + field,
                                BROKEN_RECORD));
            }
        }
    }

    /** A payload the codec must detect as corrupt, whatever its checks. */
    private static BrokenFile corruptPayload(Model valid) {
        Model model =
                valid.with(
                        m -> {
                            byte[] payload = m.blocks.get(BROKEN_BLOCK).payload;
                            if (m.codec.equals("snappy")) {
                                // the CRC32 of the decompressed bytes ends the block
                                payload[payload.length - 1] ^= 0x01;
                            } else {
                                // deflate: a reserved block type; the others: their magic
                                Arrays.fill(payload, 0, 4, (byte) 0xff);
                            }
                        });
        return block(
                model,
                "corrupted compressed payload",
                Kind.DECOMPRESSION_FAILED,
                "block" + BROKEN_BLOCK,
                BROKEN_BLOCK);
    }

    private static BrokenFile block(
            Model model, String name, Kind kind, String offsetMark, int... lostBlocks) {
        Assembled file = model.assemble();
        return new BrokenFile(
                name,
                model.codec,
                file.bytes,
                kind,
                file.offset(offsetMark),
                lostBlocks[0],
                JetlinerException.UNKNOWN,
                blocksExcept(lostBlocks),
                false);
    }

    private static BrokenFile record(Model model, String name, long recordIndex) {
        Assembled file = model.assemble();
        return new BrokenFile(
                name,
                model.codec,
                file.bytes,
                Kind.RECORD_DECODE_FAILED,
                file.offset("block" + BROKEN_BLOCK),
                BROKEN_BLOCK,
                recordIndex,
                blocksExcept(BROKEN_BLOCK),
                false);
    }

    /**
     * The valid file cut at {@code length}, or with garbage appended when {@code length} exceeds
     * it; {@code kind} null for a cut at a block boundary, which leaves a valid file.
     */
    private static BrokenFile cut(
            Model valid, String name, long length, Kind kind, long offset, boolean garbage) {
        byte[] whole = valid.assemble().bytes;
        byte[] bytes = Arrays.copyOf(whole, (int) length);
        if (garbage) {
            // a record count of 1 and a byte size of 63: a block that the file cuts short
            bytes[whole.length] = 0x02;
            bytes[whole.length + 1] = 0x7e;
            return new BrokenFile(
                    name,
                    valid.codec,
                    bytes,
                    Kind.TRUNCATED,
                    whole.length,
                    BLOCKS,
                    JetlinerException.UNKNOWN,
                    blocksExcept(),
                    false);
        }
        List<Integer> surviving =
                IntStream.range(0, BROKEN_BLOCK).boxed().collect(Collectors.toList());
        return new BrokenFile(
                name,
                valid.codec,
                bytes,
                kind,
                offset,
                BROKEN_BLOCK,
                JetlinerException.UNKNOWN,
                surviving,
                false);
    }

    private static List<Integer> blocksExcept(int... lost) {
        return IntStream.range(0, BLOCKS)
                .filter(b -> Arrays.stream(lost).noneMatch(l -> l == b))
                .boxed()
                .collect(Collectors.toList());
    }

    /**
     * Record {@code id} encoded as Avro writes it up to {@code field}, then {@code badLength} where
     * that field's length or count goes, and nothing after it.
     */
    private static byte[] encodeBroken(long id, String field, long badLength) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            GenericRecord record = record(id);
            encoder.writeLong(id);
            if (!field.equals("s")) {
                encoder.writeString(record.get("s").toString());
                if (!field.equals("b")) {
                    encoder.writeBytes((ByteBuffer) record.get("b"));
                    if (!field.equals("a")) {
                        encoder.writeArrayStart();
                        encoder.setItemCount(2);
                        encoder.startItem();
                        encoder.writeLong(id);
                        encoder.startItem();
                        encoder.writeLong(id + 1);
                        encoder.writeArrayEnd();
                    }
                }
            }
            encoder.writeLong(badLength);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A file taken apart: what {@link #assemble()} puts back together. */
    private static final class Model {
        final String codec;
        LinkedHashMap<String, byte[]> metadata = new LinkedHashMap<>();
        Long metadataCount;
        Long metadataBlockSize;

        /** Length overrides, by "key:NAME" or "value:NAME". */
        Map<String, Long> lengths = new HashMap<>();

        byte[] sync;
        List<BlockModel> blocks = new ArrayList<>();

        Model(String codec) {
            this.codec = codec;
        }

        static Model parse(byte[] file, String codec) {
            Model model = new Model(codec);
            VarintReader in = new VarintReader(file);
            in.pos = 4;
            for (long count = in.readLong(); count != 0; count = in.readLong()) {
                for (long i = 0; i < count; i++) {
                    String key = new String(in.readBytes(), StandardCharsets.UTF_8);
                    model.metadata.put(key, in.readBytes());
                }
            }
            model.sync = in.read(SYNC_SIZE);
            while (in.pos < file.length) {
                BlockModel block = new BlockModel();
                block.count = in.readLong();
                block.payload = in.readBytes();
                block.marker = in.read(SYNC_SIZE);
                model.blocks.add(block);
            }
            Assembled again = model.assemble();
            if (!Arrays.equals(again.bytes, file)) {
                throw new IllegalStateException("the model does not reassemble the file");
            }
            return model;
        }

        Model with(Consumer<Model> change) {
            Model copy = new Model(codec);
            copy.metadata = new LinkedHashMap<>();
            metadata.forEach((k, v) -> copy.metadata.put(k, v.clone()));
            copy.metadataCount = metadataCount;
            copy.metadataBlockSize = metadataBlockSize;
            copy.lengths = new HashMap<>(lengths);
            copy.sync = sync.clone();
            for (BlockModel block : blocks) {
                copy.blocks.add(block.copy());
            }
            change.accept(copy);
            return copy;
        }

        Assembled assemble() {
            Assembled out = new Assembled();
            out.write(DataFileConstants.MAGIC);
            long count = metadataCount != null ? metadataCount : metadata.size();
            out.markHere("count");
            if (metadataBlockSize != null) {
                out.writeLong(-count);
                out.markHere("blocksize");
                out.writeLong(metadataBlockSize);
            } else {
                out.writeLong(count);
            }
            for (Map.Entry<String, byte[]> entry : metadata.entrySet()) {
                byte[] key = utf8(entry.getKey());
                out.markHere("keylength:" + entry.getKey());
                out.writeLong(lengths.getOrDefault("key:" + entry.getKey(), (long) key.length));
                out.write(key);
                out.markHere("length:" + entry.getKey());
                out.writeLong(
                        lengths.getOrDefault(
                                "value:" + entry.getKey(), (long) entry.getValue().length));
                out.markHere("value:" + entry.getKey());
                out.write(entry.getValue());
            }
            out.writeLong(0);
            out.markHere("sync");
            out.write(sync);
            for (int i = 0; i < blocks.size(); i++) {
                BlockModel block = blocks.get(i);
                out.markHere("block" + i);
                out.writeLong(block.count);
                out.writeLong(block.size != null ? block.size : block.payload.length);
                out.markHere("payload" + i);
                out.write(block.payload);
                out.markHere("marker" + i);
                out.write(block.marker);
            }
            out.bytes = out.buffer.toByteArray();
            return out;
        }
    }

    private static final class BlockModel {
        long count;
        Long size;
        byte[] payload;
        byte[] marker;

        BlockModel copy() {
            BlockModel copy = new BlockModel();
            copy.count = count;
            copy.size = size;
            copy.payload = payload.clone();
            copy.marker = marker.clone();
            return copy;
        }
    }

    /** The bytes of an assembled file, with the offsets of its parts by name. */
    private static final class Assembled {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final Map<String, Long> marks = new HashMap<>();
        byte[] bytes;

        void markHere(String name) {
            marks.put(name, (long) buffer.size());
        }

        long offset(String name) {
            Long offset = marks.get(name);
            if (offset == null) {
                throw new IllegalArgumentException("no part " + name);
            }
            return offset;
        }

        void write(byte[] b) {
            buffer.write(b, 0, b.length);
        }

        void writeLong(long value) {
            long n = (value << 1) ^ (value >> 63);
            while ((n & ~0x7fL) != 0) {
                buffer.write((int) ((n & 0x7f) | 0x80));
                n >>>= 7;
            }
            buffer.write((int) n);
        }
    }

    /** Reads what {@link Assembled} writes. */
    private static final class VarintReader {
        final byte[] data;
        int pos;

        VarintReader(byte[] data) {
            this.data = data;
        }

        long readLong() {
            long n = 0;
            for (int shift = 0; ; shift += 7) {
                int b = data[pos++];
                n |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (n >>> 1) ^ -(n & 1);
                }
            }
        }

        byte[] readBytes() {
            return read((int) readLong());
        }

        byte[] read(int length) {
            byte[] bytes = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return bytes;
        }
    }
}
