package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.testutil.AvroFiles;

import org.apache.flink.core.fs.Path;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriterSchemaCheckTest {

    private static final Schema INTS =
            new Schema.Parser()
                    .parse(
                            "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\","
                                    + " \"type\": \"int\"}]}");
    private static final Schema STRINGS =
            new Schema.Parser()
                    .parse(
                            "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\","
                                    + " \"type\": \"string\"}]}");

    @TempDir java.nio.file.Path dir;

    private final List<Schema> checked = new ArrayList<>();

    @Test
    void checksEachDistinctSchemaOnceAndEachFileOnce() throws IOException {
        WriterSchemaCheck check = new WriterSchemaCheck(checked::add);
        List<DiscoveredFile> files =
                List.of(file("a.avro", INTS), file("b.avro", INTS), file("c.avro", STRINGS));

        check.checkNew(files);
        check.checkNew(files);
        check.checkNew(List.of(file("d.avro", INTS)));

        assertThat(checked).containsExactly(INTS, STRINGS);
    }

    @Test
    void failsAtTheFirstFileWhoseSchemaFailsTheCheckAndChecksItAgainNextTime() throws IOException {
        WriterSchemaCheck check =
                new WriterSchemaCheck(
                        schema -> {
                            checked.add(schema);
                            if (schema.equals(STRINGS)) {
                                throw new JetlinerException(
                                        JetlinerException.Kind.INCOMPATIBLE_SCHEMA, "strings");
                            }
                        });
        List<DiscoveredFile> files = List.of(file("a.avro", INTS), file("b.avro", STRINGS));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> check.checkNew(files))
                    .isInstanceOf(JetlinerException.class)
                    .hasMessageContaining("b.avro")
                    .hasMessageContaining("strings");
        }
        assertThat(checked).containsExactly(INTS, STRINGS, STRINGS);
    }

    @Test
    void leavesAFileWhoseHeaderCannotBeReadToTheReaders() throws IOException {
        java.nio.file.Path broken = dir.resolve("broken.avro");
        Files.write(broken, new byte[] {'O', 'b', 'j'});
        WriterSchemaCheck check = new WriterSchemaCheck(checked::add);

        check.checkNew(List.of(new DiscoveredFile(Path.fromLocalFile(broken.toFile()), 3, 0)));

        assertThat(checked).isEmpty();
    }

    private DiscoveredFile file(String name, Schema schema) throws IOException {
        java.nio.file.Path path = dir.resolve(name);
        byte[] bytes =
                AvroFiles.write(schema, List.of(), CodecFactory.nullCodec(), 1_000, Map.of());
        Files.write(path, bytes);
        return new DiscoveredFile(Path.fromLocalFile(path.toFile()), bytes.length, 0);
    }
}
