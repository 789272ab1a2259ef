package io.jetliner.flink.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared public Avro conformance corpus (never copied into the project): where it is, which
 * files it holds, and what its {@code index.json} says about them.
 *
 * <p>The folder is the system property {@value #PROPERTY} (the parent POM's surefire configuration
 * sets it), else {@code ../shared/testdata/avro} relative to the repository root.
 */
public final class Corpus {

    public static final String PROPERTY = "jetliner.testdata";

    private Corpus() {}

    /** What {@code index.json} says about one file. */
    public record Entry(String file, Long rows, String avroTools, boolean corrupt) {
        public boolean avroToolsReadsIt() {
            return "ok".equals(avroTools);
        }
    }

    /** The corpus folder, whether or not it exists. */
    public static Path folder() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        return repositoryRoot().resolve("../shared/testdata/avro").normalize();
    }

    /** The corpus folder; skips the calling test, saying so, when it is absent. */
    public static Path requireFolder() {
        Path folder = folder();
        assumeTrue(
                Files.isDirectory(folder),
                "corpus folder " + folder + " absent: conformance test skipped");
        return folder;
    }

    /** The relative paths (with '/') of every {@code .avro} and {@code .avro12} file, sorted. */
    public static List<String> dataFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> folder.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".avro") || name.endsWith(".avro12"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code index.json}, by relative file path. */
    public static Map<String, Entry> index(Path folder) {
        Map<String, Entry> entries = new TreeMap<>();
        try {
            for (JsonNode node :
                    new ObjectMapper().readTree(folder.resolve("index.json").toFile())) {
                JsonNode rows = node.get("rows");
                String file = node.get("file").textValue();
                entries.put(
                        file,
                        new Entry(
                                file,
                                rows == null || rows.isNull() ? null : rows.longValue(),
                                node.get("avro_tools").textValue(),
                                node.get("corrupt").booleanValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A side file of a data file, e.g. {@code .expected.jsonl}: the data file's name + suffix. */
    public static Path sideFile(Path folder, String file, String suffix) {
        return folder.resolve(file + suffix);
    }

    /**
     * The data avro-tools decoded from {@code file}, read back from its {@code .expected.jsonl}
     * under the writer schema: one JSON value a line, except that a record with no fields prints as
     * an empty line and a file with no rows as a single empty line, so {@code rows} (from the
     * index) counts them.
     */
    public static List<Object> expectedData(Path folder, String file, Schema schema, long rows) {
        List<String> lines;
        try {
            lines = Files.readAllLines(sideFile(folder, file, ".expected.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Object> data = new ArrayList<>();
        if (schema.getType() == Schema.Type.RECORD && schema.getFields().isEmpty()) {
            for (long i = 0; i < rows; i++) {
                data.add(new GenericData.Record(schema));
            }
            return data;
        }
        for (String line : lines) {
            if (!line.isEmpty()) {
                data.add(AvroToolsJson.read(line, schema));
            }
        }
        if (data.size() != rows) {
            throw new IllegalStateException(
                    file
                            + ": index.json says "
                            + rows
                            + " rows, .expected.jsonl holds "
                            + data.size());
        }
        return data;
    }

    /** The writer schema avro-tools printed for {@code file} ({@code .schema.avsc}). */
    public static Schema expectedSchema(Path folder, String file) {
        try {
            return new Schema.Parser(NameValidator.NO_VALIDATION)
                    .setValidateDefaults(false)
                    .parse(sideFile(folder, file, ".schema.avsc").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        // Not in a git checkout (e.g. a source archive): the module's parent is the root.
        return Files.exists(start.resolve("../pom.xml")) ? start.resolve("..") : start;
    }
}
