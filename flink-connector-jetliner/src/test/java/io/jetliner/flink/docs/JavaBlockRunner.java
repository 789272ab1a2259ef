package io.jetliner.flink.docs;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles a ```java block of the docs, as written there, and runs it.
 *
 * <p>The block becomes the body of {@code static void run() throws Exception} in a class of its
 * own, in package {@value #PACKAGE}, after {@link #IMPORTS}. A variable the block uses without
 * declaring it is one of the {@link #GIVENS}, declared in front of it: {@code env}, {@code source},
 * {@code tableEnv}, {@code schema}. Locations are pointed at {@link DocFixtures} first. The class
 * is compiled against the test class path with the JDK's compiler; a compile error or an exception
 * from {@code run()} fails the block.
 *
 * <p>The class is written beside the test's own classes, so that the class loader of a Flink job
 * the example runs (which does not see a class loader of the test's making) finds its functions.
 */
final class JavaBlockRunner {

    static final String PACKAGE = "io.jetliner.flink.docs.examples";

    /** Single-type imports win over the packages imported on demand where a name is in several. */
    private static final List<String> IMPORTS =
            List.of(
                    "io.jetliner.flink.*",
                    "io.jetliner.flink.avro.container.*",
                    "io.jetliner.flink.avro.decode.*",
                    "io.jetliner.flink.reader.*",
                    "io.jetliner.flink.source.*",
                    "io.jetliner.flink.table.*",
                    "io.jetliner.flink.table.catalog.*",
                    "org.apache.flink.api.common.*",
                    "org.apache.flink.api.common.eventtime.*",
                    "org.apache.flink.api.common.functions.*",
                    "org.apache.flink.api.java.tuple.*",
                    "org.apache.flink.configuration.*",
                    "org.apache.flink.core.fs.*",
                    "org.apache.flink.core.plugin.*",
                    "org.apache.flink.streaming.api.datastream.*",
                    "org.apache.flink.streaming.api.environment.*",
                    "org.apache.flink.table.api.*",
                    "org.apache.flink.table.catalog.*",
                    "org.apache.flink.table.data.*",
                    "org.apache.flink.table.types.logical.*",
                    "org.apache.avro.generic.*",
                    "java.io.*",
                    "java.time.*",
                    "java.util.*",
                    "org.apache.flink.api.common.typeinfo.Types",
                    "org.apache.flink.core.fs.Path",
                    "org.apache.flink.configuration.Configuration",
                    "org.apache.avro.Schema",
                    "org.apache.flink.table.data.RowData",
                    "java.util.List",
                    "java.util.Map");

    /** The variables a block may use without declaring them, in the order they are declared. */
    private static final Map<String, String> GIVENS = new LinkedHashMap<>();

    static {
        GIVENS.put(
                "env",
                "StreamExecutionEnvironment env ="
                        + " StreamExecutionEnvironment.getExecutionEnvironment();");
        GIVENS.put(
                "source",
                "JetlinerSource<RowData> source ="
                        + " JetlinerSource.forRowData(new Path(\"/data/events/\")).build();");
        GIVENS.put(
                "tableEnv",
                "TableEnvironment tableEnv ="
                        + " TableEnvironment.create(EnvironmentSettings.inBatchMode());");
        GIVENS.put(
                "schema",
                "Schema schema = new Schema.Parser().parse(\""
                        + DocFixtures.EVENTS.toString().replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\");");
    }

    private final AtomicInteger compiled = new AtomicInteger();
    private final DocFixtures fixtures;
    private final Path classesDirectory;

    JavaBlockRunner(DocFixtures fixtures) {
        this.fixtures = fixtures;
        try {
            this.classesDirectory =
                    Paths.get(
                            JavaBlockRunner.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source of the class a block is compiled as: what the compiler is given. */
    static String classSource(String className, String block) {
        StringBuilder source = new StringBuilder();
        source.append("package ").append(PACKAGE).append(";\n\n");
        for (String name : IMPORTS) {
            source.append("import ").append(name).append(";\n");
        }
        source.append("\npublic final class ").append(className).append(" {\n");
        source.append("    public static void run() throws Exception {\n");
        for (Map.Entry<String, String> given : GIVENS.entrySet()) {
            if (uses(block, given.getKey()) && !declares(block, given.getKey())) {
                source.append("        ").append(given.getValue()).append('\n');
            }
        }
        // the block starts on a line of its own, so that a compile error's line maps to the page
        source.append("// block\n").append(block).append("\n    }\n}\n");
        return source.toString();
    }

    /** Deletes the examples' classes, which must not end up in the module's test jar. */
    void deleteCompiledExamples() throws IOException {
        Path examples = classesDirectory.resolve(PACKAGE.replace('.', '/'));
        if (!Files.isDirectory(examples)) {
            return;
        }
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    void compileAndRun(CodeBlock block) throws Exception {
        // unique in the JVM: a class name once loaded stays bound to its first class
        String className =
                "DocExample_"
                        + block.page().replaceAll("[^A-Za-z0-9]", "_")
                        + "_"
                        + block.line()
                        + "_"
                        + compiled.incrementAndGet();
        String source = fixtures.substituteLocations(classSource(className, block.code()));
        compile(block, className, source);
        Method run = Class.forName(PACKAGE + "." + className).getMethod("run");
        try {
            run.invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    block.location() + ": the example throws " + e.getCause(), e.getCause());
        }
    }

    private void compile(CodeBlock block, String className, String source) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the docs test needs a JDK, not a JRE, to compile");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>();
            options.add("-classpath");
            options.add(testClassPath());
            options.add("-d");
            options.add(classesDirectory.toString());
            options.add("-proc:none");
            boolean compiled =
                    compiler.getTask(
                                    null,
                                    files,
                                    diagnostics,
                                    options,
                                    null,
                                    List.of(new Source(className, source)))
                            .call();
            if (!compiled) {
                throw new AssertionError(
                        block.location()
                                + ": the example does not compile:\n"
                                + errors(block, source, diagnostics));
            }
        }
    }

    private static String errors(
            CodeBlock block, String source, DiagnosticCollector<JavaFileObject> diagnostics) {
        long firstBlockLine =
                source.lines().takeWhile(line -> !line.equals("// block")).count() + 2;
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            long pageLine = block.line() + 1 + diagnostic.getLineNumber() - firstBlockLine;
            out.append("  ")
                    .append(block.page())
                    .append(':')
                    .append(pageLine)
                    .append(": ")
                    .append(diagnostic.getMessage(Locale.ROOT))
                    .append('\n');
        }
        return out.toString();
    }

    /** The class path the tests run with; Surefire hands it over in a property of its own. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty()
                ? surefire
                : System.getProperty("java.class.path", "") + File.pathSeparator;
    }

    private static boolean uses(String block, String name) {
        return Pattern.compile("\\b" + name + "\\b").matcher(block).find();
    }

    /**
     * Whether the block declares {@code name}: a type (or {@code var}), the name, then {@code =}.
     */
    static boolean declares(String block, String name) {
        return Pattern.compile("[\\w>\\]]\\s+" + Pattern.quote(name) + "\\s*=(?!=)")
                .matcher(block)
                .find();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(
                    URI.create(
                            "string:///"
                                    + PACKAGE.replace('.', '/')
                                    + "/"
                                    + className
                                    + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
