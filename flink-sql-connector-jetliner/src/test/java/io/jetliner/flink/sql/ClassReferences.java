package io.jetliner.flink.sql;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names through which a class file refers to other classes, found the way the shade plugin's
 * relocation finds them: every internal class name in its declarations, signatures and code, and
 * every string constant it loads (a {@code Class.forName} argument, for one). Constant pool entries
 * that nothing uses, such as those javac leaves for the owner of an inlined constant, never load a
 * class and are not counted.
 */
final class ClassReferences {

    private final Set<String> internalNames;
    private final Set<String> stringConstants;

    private ClassReferences(Set<String> internalNames, Set<String> stringConstants) {
        this.internalNames = internalNames;
        this.stringConstants = stringConstants;
    }

    static ClassReferences of(byte[] classFile) {
        Recorder recorder = new Recorder();
        ClassVisitor sink = new ClassVisitor(Opcodes.ASM9) {};
        new ClassReader(classFile).accept(new ClassRemapper(sink, recorder), 0);
        return new ClassReferences(recorder.internalNames, recorder.strings);
    }

    /** The internal names ({@code org/apache/avro/Schema}) the class refers to. */
    Set<String> internalNames() {
        return internalNames;
    }

    /** The string constants the class loads. */
    Set<String> stringConstants() {
        return stringConstants;
    }

    private static final class Recorder extends Remapper {

        final Set<String> internalNames = new LinkedHashSet<>();
        final Set<String> strings = new LinkedHashSet<>();

        @Override
        public String map(String internalName) {
            internalNames.add(internalName);
            return internalName;
        }

        @Override
        public Object mapValue(Object value) {
            if (value instanceof String) {
                strings.add((String) value);
            }
            return super.mapValue(value);
        }
    }
}
