package io.jetliner.flink.sql;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text constants of a class file's constant pool: the class names, descriptors and string
 * literals through which a class refers to others, by name or by {@code Class.forName}.
 */
final class ConstantPool {

    private static final int MAGIC = 0xCAFEBABE;

    private ConstantPool() {}

    /** Every UTF-8 constant of the class file, in pool order. */
    static List<String> utf8Constants(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            List<String> constants = new ArrayList<>();
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1: // Utf8
                        constants.add(in.readUTF());
                        break;
                    case 7: // Class
                    case 8: // String
                    case 16: // MethodType
                    case 19: // Module
                    case 20: // Package
                        in.skipNBytes(2);
                        break;
                    case 15: // MethodHandle
                        in.skipNBytes(3);
                        break;
                    case 3: // Integer
                    case 4: // Float
                    case 9: // Fieldref
                    case 10: // Methodref
                    case 11: // InterfaceMethodref
                    case 12: // NameAndType
                    case 17: // Dynamic
                    case 18: // InvokeDynamic
                        in.skipNBytes(4);
                        break;
                    case 5: // Long
                    case 6: // Double
                        in.skipNBytes(8);
                        index++; // takes two slots
                        break;
                    default:
                        throw new IllegalArgumentException(
                                "unknown constant pool tag " + tag + " at index " + index);
                }
            }
            return constants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
