package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;

import org.apache.avro.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a value of Avro's binary encoding as Avro's JSON encoding, straight from the block's
 * bytes, as UTF-8: what Avro Java's {@code JsonEncoder} writes for the value's schema (unions as
 * {@code {"branch full name": value}}, bytes and fixed as strings of ISO-8859-1 characters, NaN and
 * the infinities of floats and doubles as strings), except that a float's -0.0 keeps its sign.
 * Avro's own encoder is not used: it fails on some mutually recursive records.
 *
 * <p>It checks what it reads as the field readers do, so a corrupt value is a {@link
 * DecodeException}, and refuses records nested deeper than {@link #MAX_DEPTH}.
 */
final class AvroJsonWriter {

    /** The deepest nesting of records in one value. */
    static final int MAX_DEPTH = 500;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] out = new byte[256];
    private int size;

    /**
     * Writes the value of {@code schema} at {@code pos} as JSON, replacing what was written before,
     * and returns the position after the value.
     */
    int write(Schema schema, byte[] data, int pos, int limit) {
        size = 0;
        return value(schema, data, pos, limit, 0);
    }

    /** The JSON written last: {@code buffer()[0, size())}. */
    byte[] buffer() {
        return out;
    }

    int size() {
        return size;
    }

    private int value(Schema schema, byte[] data, int pos, int limit, int depth) {
        switch (schema.getType()) {
            case NULL:
                ascii("null");
                return pos;
            case BOOLEAN:
                {
                    int end = AvroBinary.require(pos, limit, 1, "a boolean");
                    if ((data[pos] & ~1) != 0) {
                        throw new DecodeException(
                                pos, "invalid boolean byte " + (data[pos] & 0xff));
                    }
                    ascii(data[pos] != 0 ? "true" : "false");
                    return end;
                }
            case INT:
                {
                    long value = AvroBinary.readInt(data, pos, limit);
                    ascii(Integer.toString(AvroBinary.value(value)));
                    return AvroBinary.end(value);
                }
            case LONG:
                {
                    int end = AvroBinary.varintEnd(data, pos, limit);
                    ascii(Long.toString(AvroBinary.decodeLong(data, pos, end)));
                    return end;
                }
            case FLOAT:
                {
                    int end = AvroBinary.require(pos, limit, Float.BYTES, "a float");
                    number((float) AvroBinary.FLOAT_LE.get(data, pos));
                    return end;
                }
            case DOUBLE:
                {
                    int end = AvroBinary.require(pos, limit, Double.BYTES, "a double");
                    number((double) AvroBinary.DOUBLE_LE.get(data, pos));
                    return end;
                }
            case STRING:
                {
                    long length = AvroBinary.readLength(data, pos, limit);
                    utf8String(data, AvroBinary.end(length), AvroBinary.value(length));
                    return AvroBinary.end(length) + AvroBinary.value(length);
                }
            case BYTES:
                {
                    long length = AvroBinary.readLength(data, pos, limit);
                    latin1String(data, AvroBinary.end(length), AvroBinary.value(length));
                    return AvroBinary.end(length) + AvroBinary.value(length);
                }
            case FIXED:
                {
                    int end = AvroBinary.require(pos, limit, schema.getFixedSize(), "a fixed");
                    latin1String(data, pos, schema.getFixedSize());
                    return end;
                }
            case ENUM:
                {
                    List<String> symbols = schema.getEnumSymbols();
                    long symbol =
                            AvroBinary.readIndex(data, pos, limit, symbols.size(), "enum symbol");
                    string(symbols.get(AvroBinary.value(symbol)));
                    return AvroBinary.end(symbol);
                }
            case RECORD:
                return record(schema, data, pos, limit, depth);
            case ARRAY:
                return array(schema.getElementType(), data, pos, limit, depth);
            case MAP:
                return map(schema.getValueType(), data, pos, limit, depth);
            case UNION:
                {
                    List<Schema> branches = schema.getTypes();
                    long index =
                            AvroBinary.readIndex(data, pos, limit, branches.size(), "union branch");
                    Schema branch = branches.get(AvroBinary.value(index));
                    if (branch.getType() == Schema.Type.NULL) {
                        ascii("null");
                        return AvroBinary.end(index);
                    }
                    ascii("{");
                    string(branch.getFullName());
                    ascii(":");
                    int end = value(branch, data, AvroBinary.end(index), limit, depth);
                    ascii("}");
                    return end;
                }
            default:
                throw new IllegalArgumentException("Unknown Avro type " + schema.getType());
        }
    }

    private int record(Schema schema, byte[] data, int pos, int limit, int depth) {
        if (depth == MAX_DEPTH) {
            throw new DecodeException(pos, "records nested deeper than " + MAX_DEPTH);
        }
        ascii("{");
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                ascii(",");
            }
            string(fields.get(i).name());
            ascii(":");
            pos = value(fields.get(i).schema(), data, pos, limit, depth + 1);
        }
        ascii("}");
        return pos;
    }

    private int array(Schema element, byte[] data, int pos, int limit, int depth) {
        ascii("[");
        boolean first = true;
        for (; ; ) {
            int countEnd = AvroBinary.varintEnd(data, pos, limit);
            int count =
                    CollectionBlocks.itemCount(
                            data,
                            pos,
                            countEnd,
                            limit,
                            isZeroSize(element, new HashSet<>()) ? 0 : FieldReader.VARIABLE_SIZE);
            if (count == 0) {
                ascii("]");
                return countEnd;
            }
            pos = itemsStart(data, pos, countEnd, limit);
            for (int i = 0; i < count; i++) {
                if (!first) {
                    ascii(",");
                }
                first = false;
                pos = value(element, data, pos, limit, depth);
            }
        }
    }

    private int map(Schema values, byte[] data, int pos, int limit, int depth) {
        ascii("{");
        boolean first = true;
        for (; ; ) {
            int countEnd = AvroBinary.varintEnd(data, pos, limit);
            int count =
                    CollectionBlocks.itemCount(
                            data, pos, countEnd, limit, FieldReader.VARIABLE_SIZE);
            if (count == 0) {
                ascii("}");
                return countEnd;
            }
            pos = itemsStart(data, pos, countEnd, limit);
            for (int i = 0; i < count; i++) {
                if (!first) {
                    ascii(",");
                }
                first = false;
                long key = AvroBinary.readLength(data, pos, limit);
                utf8String(data, AvroBinary.end(key), AvroBinary.value(key));
                ascii(":");
                pos =
                        value(
                                values,
                                data,
                                AvroBinary.end(key) + AvroBinary.value(key),
                                limit,
                                depth);
            }
        }
    }

    /** Whether every value of a schema takes no bytes: null, fixed(0), records of such. */
    private static boolean isZeroSize(Schema schema, Set<String> enclosingRecords) {
        switch (schema.getType()) {
            case NULL:
                return true;
            case FIXED:
                return schema.getFixedSize() == 0;
            case RECORD:
                if (!enclosingRecords.add(schema.getFullName())) {
                    return false;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (!isZeroSize(field.schema(), enclosingRecords)) {
                        return false;
                    }
                }
                enclosingRecords.remove(schema.getFullName());
                return true;
            default:
                return false;
        }
    }

    /** Where the items of an array or map block start: after its count, and size if given. */
    private static int itemsStart(byte[] data, int pos, int countEnd, int limit) {
        if (!CollectionBlocks.hasByteSize(data, pos)) {
            return countEnd;
        }
        int sizeEnd = AvroBinary.varintEnd(data, countEnd, limit);
        CollectionBlocks.itemsEnd(data, countEnd, sizeEnd, limit);
        return sizeEnd;
    }

    /** As Avro's JSON encoding writes floating point numbers: NaN and infinities as strings. */
    private void number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            string(Double.toString(value));
        } else {
            ascii(Double.toString(value));
        }
    }

    private void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        utf8String(utf8, 0, utf8.length);
    }

    /** A JSON string of UTF-8 bytes: copied as they are, but for what JSON must escape. */
    private void utf8String(byte[] bytes, int offset, int length) {
        ensure(length + 2);
        out[size++] = '"';
        for (int i = offset, end = offset + length; i < end; i++) {
            character(bytes[i] & 0xff, true);
        }
        ensure(1);
        out[size++] = '"';
    }

    /** A JSON string of the ISO-8859-1 characters of bytes: each byte is one character. */
    private void latin1String(byte[] bytes, int offset, int length) {
        ensure(length + 2);
        out[size++] = '"';
        for (int i = offset, end = offset + length; i < end; i++) {
            character(bytes[i] & 0xff, false);
        }
        ensure(1);
        out[size++] = '"';
    }

    /**
     * One character of a JSON string: {@code c} is a byte of UTF-8 ({@code utf8}), copied, or an
     * ISO-8859-1 character, encoded.
     */
    private void character(int c, boolean utf8) {
        ensure(6);
        if (c == '"' || c == '\\') {
            out[size++] = '\\';
            out[size++] = (byte) c;
        } else if (c < 0x20) {
            out[size++] = '\\';
            out[size++] = 'u';
            out[size++] = '0';
            out[size++] = '0';
            out[size++] = HEX[c >>> 4];
            out[size++] = HEX[c & 0xf];
        } else if (c < 0x80 || utf8) {
            out[size++] = (byte) c;
        } else {
            out[size++] = (byte) (0xc0 | (c >>> 6));
            out[size++] = (byte) (0x80 | (c & 0x3f));
        }
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    private void ensure(int more) {
        if (more > out.length - size) {
            long required = (long) size + more;
            if (required > Integer.MAX_VALUE - 8) {
                throw new JetlinerException(
                        JetlinerException.Kind.SIZE_LIMIT_EXCEEDED,
                        "a recursive value's JSON exceeds what an array holds");
            }
            out =
                    Arrays.copyOf(
                            out,
                            (int)
                                    Math.max(
                                            required,
                                            Math.min(Integer.MAX_VALUE - 8, 2L * out.length)));
        }
    }
}
