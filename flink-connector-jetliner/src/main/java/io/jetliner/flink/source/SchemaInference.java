package io.jetliner.flink.source;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.avro.container.SeekableInput;
import io.jetliner.flink.source.enumerator.DiscoveredFile;
import io.jetliner.flink.source.enumerator.FileDiscovery;

import org.apache.flink.annotation.Internal;

import org.apache.avro.Schema;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The schema a set of files is read with when none is given: the writer schema of the newest file
 * (latest modification time) under the paths, read from its header alone. Files written later by an
 * evolving writer usually carry the schema that holds the most fields.
 */
@Internal
public final class SchemaInference {

    private SchemaInference() {}

    /**
     * The writer schema of the newest file the discovery finds now, or empty if it finds none.
     *
     * @throws JetlinerException of kind IO if listing or reading the header fails, or of the
     *     header's kind if the newest file is no Avro container file
     */
    public static Optional<Schema> newestSchema(FileDiscovery discovery) {
        List<DiscoveredFile> files;
        try {
            files = discovery.discover().files();
        } catch (IOException e) {
            throw new JetlinerException(
                    JetlinerException.Kind.IO,
                    "cannot list " + discovery.paths() + " to infer the schema: " + e,
                    e);
        }
        return files.stream()
                .max(Comparator.comparingLong(DiscoveredFile::modificationTime))
                .map(SchemaInference::schemaOf);
    }

    private static Schema schemaOf(DiscoveredFile file) {
        try (SeekableInput input = FileSystemInput.open(file.path(), file.length())) {
            return ContainerHeader.read(input, file.path().toString()).schema();
        } catch (IOException e) {
            throw new JetlinerException(JetlinerException.Kind.IO, e.toString(), e)
                    .at(file.path().toString(), JetlinerException.UNKNOWN);
        }
    }
}
