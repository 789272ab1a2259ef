package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.avro.container.SeekableInput;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;

import org.apache.avro.Schema;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the schema of every file before it is planned, so that a file the readers could not read
 * as the source's records fails the job before any row is read, rather than midway. It reads each
 * new file's header once and checks each distinct writer schema once.
 *
 * <p>A header that cannot be read is left to the readers, which report or skip the file by the
 * source's error mode. Not thread-safe: used by one discovery at a time.
 */
@Internal
public final class WriterSchemaCheck {

    /** Whether the readers can read files of a writer schema. */
    @FunctionalInterface
    public interface SchemaCheck {
        /**
         * @throws JetlinerException of kind {@code INCOMPATIBLE_SCHEMA} if they cannot
         */
        void check(Schema writerSchema);
    }

    private final SchemaCheck check;
    private final Set<Schema> compatible = new HashSet<>();
    private final Set<Path> checked = new HashSet<>();

    public WriterSchemaCheck(SchemaCheck check) {
        this.check = check;
    }

    /**
     * Checks the files not checked before.
     *
     * @throws JetlinerException of kind {@code INCOMPATIBLE_SCHEMA} located at the first file whose
     *     schema the readers cannot read
     */
    public void checkNew(List<DiscoveredFile> files) {
        for (DiscoveredFile file : files) {
            if (!checked.add(file.path())) {
                continue;
            }
            Schema writer = writerSchema(file);
            if (writer == null || compatible.contains(writer)) {
                continue;
            }
            try {
                check.check(writer);
            } catch (JetlinerException e) {
                checked.remove(file.path());
                throw e.at(file.path().toString(), JetlinerException.UNKNOWN);
            }
            compatible.add(writer);
        }
    }

    private static Schema writerSchema(DiscoveredFile file) {
        try (SeekableInput input = FileSystemInput.open(file.path(), file.length())) {
            return ContainerHeader.read(input, file.path().toString()).schema();
        } catch (IOException | JetlinerException e) {
            return null;
        }
    }
}
