package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

/**
 * Generates the class of one record layout's {@link FieldSequence}: a hidden class, in this
 * package, that holds each field's reader in a static final field and whose {@code read} and {@code
 * skip} call them one after the other, in straight-line code:
 *
 * <pre>{@code
 * static final LongReader f0;   // set from the class data
 * static final BytesReader f1;
 * int read(byte[] data, int pos, int limit, GrowableVector[] out, int row) {
 *     pos = f0.read(data, pos, limit, out[0], row);
 *     pos = f1.skip(data, pos, limit);          // a field outside the projection
 *     return pos;
 * }
 * }</pre>
 *
 * <p>A static final field is a constant to the JIT, so each call has one known receiver that it
 * inlines. The code has no branches (so needs no stack map frames); long records are split into
 * methods of {@value #FIELDS_PER_METHOD} fields, which keeps each within what the JIT compiles and
 * inlines.
 */
final class FieldSequenceBytecode {

    private static final int FIELDS_PER_METHOD = 32;

    private static final String SUPER = internalName(FieldSequence.class);
    private static final String THIS = SUPER + "$Generated";
    private static final String READ_DESCRIPTOR =
            "([BII[" + descriptor(GrowableVector.class) + "I)I";
    private static final String FIELD_READ_DESCRIPTOR =
            "([BII" + descriptor(GrowableVector.class) + "I)I";
    private static final String SKIP_DESCRIPTOR = "([BII)I";
    private static final String WRAPPING_READ_DESCRIPTOR =
            "([BII" + descriptor(GrowableVector.class) + "I" + descriptor(FieldReader.class) + ")I";
    private static final String WRAPPING_SKIP_DESCRIPTOR =
            "([BII" + descriptor(FieldReader.class) + ")I";

    private static final int ACC_PRIVATE = 0x0002;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_FINAL = 0x0010;
    private static final int ACC_SUPER = 0x0020;

    private static final int ALOAD_0 = 0x2a;
    private static final int ALOAD_1 = 0x2b;
    private static final int ILOAD_2 = 0x1c;
    private static final int ILOAD_3 = 0x1d;
    private static final int ALOAD = 0x19;
    private static final int ILOAD = 0x15;
    private static final int ISTORE_2 = 0x3d;
    private static final int ASTORE_0 = 0x4b;
    private static final int AALOAD = 0x32;
    private static final int ICONST_0 = 0x03;
    private static final int BIPUSH = 0x10;
    private static final int SIPUSH = 0x11;
    private static final int LDC_W = 0x13;
    private static final int IRETURN = 0xac;
    private static final int RETURN = 0xb1;
    private static final int GETSTATIC = 0xb2;
    private static final int PUTSTATIC = 0xb3;
    private static final int INVOKEVIRTUAL = 0xb6;
    private static final int INVOKESPECIAL = 0xb7;
    private static final int INVOKESTATIC = 0xb8;
    private static final int CHECKCAST = 0xc0;

    private final FieldReader[] fields;
    private final int[] targets;
    private final ConstantPool constants = new ConstantPool();

    private FieldSequenceBytecode(FieldReader[] fields, int[] targets) {
        this.fields = fields;
        this.targets = targets;
    }

    /** Defines the class of a sequence of {@code fields} and returns its instance. */
    static FieldSequence define(FieldReader[] fields, int[] targets) throws Throwable {
        byte[] bytes = new FieldSequenceBytecode(fields, targets).classFile();
        // The class data: each field's reader, then each wrapping reader's child (else null).
        Object[] readers = new Object[2 * fields.length];
        for (int i = 0; i < fields.length; i++) {
            readers[i] = fields[i];
            readers[fields.length + i] = child(fields[i]);
        }
        MethodHandles.Lookup lookup =
                MethodHandles.lookup().defineHiddenClassWithClassData(bytes, readers, true);
        return (FieldSequence)
                lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                        .invoke();
    }

    private byte[] classFile() {
        int thisClass = constants.classRef(THIS);
        int superClass = constants.classRef(SUPER);
        Bytes methods = new Bytes();
        int methodCount = 0;
        methodCount += constructor(methods);
        methodCount += classInitializer(methods);
        methodCount += sequence(methods, "read", READ_DESCRIPTOR, true);
        methodCount += sequence(methods, "skip", SKIP_DESCRIPTOR, false);

        Bytes file = new Bytes();
        file.u4(0xcafebabe).u2(0).u2(52);
        constants.writeTo(file);
        file.u2(ACC_FINAL | ACC_SUPER).u2(thisClass).u2(superClass).u2(0);
        int staticFields = 0;
        Bytes fieldInfos = new Bytes();
        for (int i = 0; i < fields.length; i++) {
            staticField(fieldInfos, fieldName(i), fieldDescriptor(i));
            staticFields++;
            if (child(fields[i]) != null) {
                staticField(fieldInfos, childName(i), childDescriptor(i));
                staticFields++;
            }
        }
        file.u2(staticFields).bytes(fieldInfos);
        file.u2(methodCount).bytes(methods);
        file.u2(0);
        return file.toByteArray();
    }

    private void staticField(Bytes fieldInfos, String name, String descriptor) {
        fieldInfos
                .u2(ACC_PRIVATE | ACC_STATIC | ACC_FINAL)
                .u2(constants.utf8(name))
                .u2(constants.utf8(descriptor))
                .u2(0);
    }

    private int constructor(Bytes methods) {
        Bytes code = new Bytes();
        code.u1(ALOAD_0).u1(INVOKESPECIAL).u2(constants.methodRef(SUPER, "<init>", "()V"));
        code.u1(RETURN);
        method(methods, 0, "<init>", "()V", 1, 1, code);
        return 1;
    }

    /** Copies the readers from the class data into the static final fields. */
    private int classInitializer(Bytes methods) {
        Bytes code = new Bytes();
        code.u1(INVOKESTATIC)
                .u2(
                        constants.methodRef(
                                "java/lang/invoke/MethodHandles",
                                "lookup",
                                "()Ljava/lang/invoke/MethodHandles$Lookup;"));
        code.u1(LDC_W).u2(constants.string("_"));
        code.u1(LDC_W).u2(constants.classRef("[Ljava/lang/Object;"));
        code.u1(INVOKESTATIC)
                .u2(
                        constants.methodRef(
                                "java/lang/invoke/MethodHandles",
                                "classData",
                                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                                        + "Ljava/lang/Class;)Ljava/lang/Object;"));
        code.u1(CHECKCAST).u2(constants.classRef("[Ljava/lang/Object;"));
        code.u1(ASTORE_0);
        for (int i = 0; i < fields.length; i++) {
            code.u1(ALOAD_0);
            pushInt(code, i);
            code.u1(AALOAD);
            code.u1(CHECKCAST).u2(constants.classRef(readerClass(i)));
            code.u1(PUTSTATIC).u2(constants.fieldRef(THIS, fieldName(i), fieldDescriptor(i)));
            if (child(fields[i]) != null) {
                code.u1(ALOAD_0);
                pushInt(code, fields.length + i);
                code.u1(AALOAD);
                code.u1(CHECKCAST).u2(constants.classRef(childClass(i)));
                code.u1(PUTSTATIC).u2(constants.fieldRef(THIS, childName(i), childDescriptor(i)));
            }
        }
        code.u1(RETURN);
        method(methods, ACC_STATIC, "<clinit>", "()V", 3, 1, code);
        return 1;
    }

    /**
     * The method {@code name} over all fields: straight-line code if they are few, else calls of
     * private methods over {@value #FIELDS_PER_METHOD} fields each. Returns the methods written.
     */
    private int sequence(Bytes methods, String name, String descriptor, boolean read) {
        int locals = read ? 6 : 4;
        if (fields.length <= FIELDS_PER_METHOD) {
            method(methods, ACC_FINAL, name, descriptor, 7, locals, calls(0, fields.length, read));
            return 1;
        }
        Bytes code = new Bytes();
        int parts = 0;
        for (int from = 0; from < fields.length; from += FIELDS_PER_METHOD, parts++) {
            String part = name + "$" + parts;
            int to = Math.min(fields.length, from + FIELDS_PER_METHOD);
            method(
                    methods,
                    ACC_PRIVATE | ACC_FINAL,
                    part,
                    descriptor,
                    7,
                    locals,
                    calls(from, to, read));
            code.u1(ALOAD_0).u1(ALOAD_1).u1(ILOAD_2).u1(ILOAD_3);
            if (read) {
                code.u1(ALOAD).u1(4).u1(ILOAD).u1(5);
            }
            code.u1(INVOKESPECIAL).u2(constants.methodRef(THIS, part, descriptor));
            code.u1(ISTORE_2);
        }
        code.u1(ILOAD_2).u1(IRETURN);
        method(methods, ACC_FINAL, name, descriptor, 6, locals, code);
        return parts + 1;
    }

    /**
     * {@code pos = f_i.read(...)} or {@code pos = f_i.skip(...)} for fields [from, to), with the
     * constant child {@code c_i} as the last argument where the reader is a wrapping one.
     */
    private Bytes calls(int from, int to, boolean read) {
        Bytes code = new Bytes();
        for (int i = from; i < to; i++) {
            boolean wrapping = child(fields[i]) != null;
            code.u1(GETSTATIC).u2(constants.fieldRef(THIS, fieldName(i), fieldDescriptor(i)));
            code.u1(ALOAD_1).u1(ILOAD_2).u1(ILOAD_3);
            boolean readField = read && targets[i] >= 0;
            if (readField) {
                code.u1(ALOAD).u1(4);
                pushInt(code, targets[i]);
                code.u1(AALOAD).u1(ILOAD).u1(5);
            }
            if (wrapping) {
                code.u1(GETSTATIC).u2(constants.fieldRef(THIS, childName(i), childDescriptor(i)));
            }
            String descriptor =
                    readField
                            ? (wrapping ? WRAPPING_READ_DESCRIPTOR : FIELD_READ_DESCRIPTOR)
                            : (wrapping ? WRAPPING_SKIP_DESCRIPTOR : SKIP_DESCRIPTOR);
            code.u1(INVOKEVIRTUAL)
                    .u2(
                            constants.methodRef(
                                    readerClass(i), readField ? "read" : "skip", descriptor));
            code.u1(ISTORE_2);
        }
        code.u1(ILOAD_2).u1(IRETURN);
        return code;
    }

    private void method(
            Bytes methods,
            int access,
            String name,
            String descriptor,
            int maxStack,
            int maxLocals,
            Bytes code) {
        methods.u2(access).u2(constants.utf8(name)).u2(constants.utf8(descriptor)).u2(1);
        methods.u2(constants.utf8("Code")).u4(12 + code.size());
        methods.u2(maxStack).u2(maxLocals).u4(code.size()).bytes(code).u2(0).u2(0);
    }

    private static void pushInt(Bytes code, int value) {
        if (value <= 5) {
            code.u1(ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            code.u1(BIPUSH).u1(value);
        } else if (value <= Short.MAX_VALUE) {
            code.u1(SIPUSH).u2(value);
        } else {
            throw new IllegalArgumentException("more fields than generated code handles");
        }
    }

    private String readerClass(int i) {
        return internalName(fields[i].getClass());
    }

    private String fieldDescriptor(int i) {
        return "L" + readerClass(i) + ";";
    }

    private static String fieldName(int i) {
        return "f" + i;
    }

    private String childClass(int i) {
        return internalName(child(fields[i]).getClass());
    }

    private String childDescriptor(int i) {
        return "L" + childClass(i) + ";";
    }

    private static String childName(int i) {
        return "c" + i;
    }

    /** The child of a wrapping reader, else null. */
    private static FieldReader child(FieldReader reader) {
        return reader instanceof WrappingReader ? ((WrappingReader) reader).child : null;
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static String descriptor(Class<?> type) {
        return "L" + internalName(type) + ";";
    }

    /** The constant pool: each entry once, numbered from 1. */
    private static final class ConstantPool {
        private static final int UTF8 = 1;
        private static final int CLASS = 7;
        private static final int STRING = 8;
        private static final int FIELD_REF = 9;
        private static final int METHOD_REF = 10;
        private static final int NAME_AND_TYPE = 12;

        private final Map<String, Integer> indexes = new HashMap<>();
        private final Bytes entries = new Bytes();
        private int count;

        int utf8(String value) {
            return entry("utf8 " + value, UTF8, bytes -> bytes.utf8(value));
        }

        int classRef(String internalName) {
            int name = utf8(internalName);
            return entry("class " + internalName, CLASS, bytes -> bytes.u2(name));
        }

        int string(String value) {
            int utf8 = utf8(value);
            return entry("string " + value, STRING, bytes -> bytes.u2(utf8));
        }

        int fieldRef(String owner, String name, String descriptor) {
            return member(FIELD_REF, owner, name, descriptor);
        }

        int methodRef(String owner, String name, String descriptor) {
            return member(METHOD_REF, owner, name, descriptor);
        }

        private int member(int tag, String owner, String name, String descriptor) {
            int ownerClass = classRef(owner);
            int nameIndex = utf8(name);
            int descriptorIndex = utf8(descriptor);
            int nameAndType =
                    entry(
                            "nat " + name + " " + descriptor,
                            NAME_AND_TYPE,
                            bytes -> bytes.u2(nameIndex).u2(descriptorIndex));
            return entry(
                    tag + " " + owner + " " + name + " " + descriptor,
                    tag,
                    bytes -> bytes.u2(ownerClass).u2(nameAndType));
        }

        private int entry(String key, int tag, java.util.function.Consumer<Bytes> body) {
            Integer index = indexes.get(key);
            if (index != null) {
                return index;
            }
            entries.u1(tag);
            body.accept(entries);
            indexes.put(key, ++count);
            return count;
        }

        void writeTo(Bytes file) {
            file.u2(count + 1).bytes(entries);
        }
    }

    /** A growing big-endian byte buffer, as class files are written. */
    private static final class Bytes {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(buffer);

        Bytes u1(int value) {
            buffer.write(value);
            return this;
        }

        Bytes u2(int value) {
            buffer.write(value >>> 8);
            buffer.write(value);
            return this;
        }

        Bytes u4(int value) {
            return u2(value >>> 16).u2(value);
        }

        Bytes utf8(String value) {
            try {
                out.writeUTF(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Bytes bytes(Bytes other) {
            buffer.writeBytes(other.toByteArray());
            return this;
        }

        int size() {
            return buffer.size();
        }

        byte[] toByteArray() {
            return buffer.toByteArray();
        }
    }
}
