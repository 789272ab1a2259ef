package io.jetliner.flink.table;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.source.DynamicTableSource;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Limit push-down into the table source, and the source it builds. */
class JetlinerDynamicTableSourceLimitTest {

    private final JetlinerDynamicTableSource table =
            new JetlinerDynamicTableSource(
                    new Path("/data/events"),
                    new Configuration(),
                    DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT())),
                    List.of(),
                    null);

    @Test
    void buildsASourceWithoutALimitUnlessOneIsPushedDown() {
        assertThat(table.createSource().limit()).isEmpty();

        table.applyLimit(25);

        assertThat(table.createSource().limit()).isEqualTo(OptionalLong.of(25));
    }

    @Test
    void copiesThePushedDownLimit() {
        table.applyLimit(7);

        DynamicTableSource copy = table.copy();
        table.applyLimit(9);

        assertThat(((JetlinerDynamicTableSource) copy).createSource().limit())
                .isEqualTo(OptionalLong.of(7));
    }
}
