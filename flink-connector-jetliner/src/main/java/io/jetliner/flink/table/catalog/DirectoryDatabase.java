package io.jetliner.flink.table.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogDatabase;

import java.util.Map;
import java.util.Optional;

/** The only database of a {@link JetlinerCatalog}: the directory, with no properties of its own. */
@Internal
final class DirectoryDatabase implements CatalogDatabase {

    private final String comment;
    private final Map<String, String> properties;

    DirectoryDatabase(String comment) {
        this(comment, Map.of());
    }

    private DirectoryDatabase(String comment, Map<String, String> properties) {
        this.comment = comment;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public String getComment() {
        return comment;
    }

    @Override
    public CatalogDatabase copy() {
        return this;
    }

    @Override
    public CatalogDatabase copy(Map<String, String> properties) {
        return new DirectoryDatabase(comment, properties);
    }

    @Override
    public Optional<String> getDescription() {
        return Optional.of(comment);
    }

    @Override
    public Optional<String> getDetailedDescription() {
        return Optional.of(comment);
    }
}
