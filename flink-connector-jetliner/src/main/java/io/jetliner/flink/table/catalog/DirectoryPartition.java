package io.jetliner.flink.table.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogPartition;

import java.util.Map;
import java.util.Optional;

/** A partition of a {@link JetlinerCatalog} table: a {@code key=value} directory, nothing more. */
@Internal
final class DirectoryPartition implements CatalogPartition {

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getComment() {
        return "";
    }

    @Override
    public CatalogPartition copy() {
        return this;
    }

    @Override
    public Optional<String> getDescription() {
        return Optional.empty();
    }

    @Override
    public Optional<String> getDetailedDescription() {
        return Optional.empty();
    }
}
