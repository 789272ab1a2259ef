package io.jetliner.flink.table.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.CommonCatalogOptions;

/**
 * The options of a {@code 'type' = 'jetliner'} catalog.
 *
 * <pre>{@code
 * CREATE CATALOG avro WITH ('type' = 'jetliner', 'path' = 's3://bucket/warehouse/');
 * }</pre>
 */
@PublicEvolving
public final class JetlinerCatalogOptions {

    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The directory whose subdirectories and top-level '.avro' files the"
                                    + " catalog shows as tables, on any Flink file system.");

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key(CommonCatalogOptions.DEFAULT_DATABASE_KEY)
                    .stringType()
                    .defaultValue("default")
                    .withDescription(
                            "The name of the catalog's only database, which holds the tables.");

    private JetlinerCatalogOptions() {}
}
