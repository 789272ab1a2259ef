package io.jetliner.flink.table.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Set;

/**
 * Creates a {@link JetlinerCatalog} for {@code 'type' = 'jetliner'} ({@link
 * JetlinerCatalogOptions}).
 */
@Internal
public final class JetlinerCatalogFactory implements CatalogFactory {

    public static final String IDENTIFIER = "jetliner";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(JetlinerCatalogOptions.PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(JetlinerCatalogOptions.DEFAULT_DATABASE);
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        return new JetlinerCatalog(
                context.getName(),
                options.get(JetlinerCatalogOptions.DEFAULT_DATABASE),
                new Path(options.get(JetlinerCatalogOptions.PATH)));
    }
}
