package io.jetliner.flink.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading push-downs from what Flink 2.3's {@code EXPLAIN} prints. */
class SqlPlanTest {

    /** {@code EXPLAIN} of a filter into a blackhole over Flink's filesystem connector. */
    private static final String FILTER_OVER_FILESYSTEM =
            "== Abstract Syntax Tree ==\n"
                    + "LogicalSink(table=[default_catalog.default_database.bh], fields=[id, d])\n"
                    + "+- LogicalProject(id=[$0], d=[$1])\n"
                    + "   +- LogicalFilter(condition=[<($1, 600)])\n"
                    + "      +- LogicalTableScan(table=[[default_catalog, default_database, ev]])\n"
                    + "\n"
                    + "== Optimized Physical Plan ==\n"
                    + "Sink(table=[default_catalog.default_database.bh], fields=[id, d])\n"
                    + "+- Calc(select=[id, d], where=[<(d, 600)])\n"
                    + "   +- TableSourceScan(table=[[default_catalog, default_database, ev,"
                    + " filter=[<(d, 600)]]], fields=[id, d])\n"
                    + "\n"
                    + "== Optimized Execution Plan ==\n"
                    + "Sink(table=[default_catalog.default_database.bh], fields=[id, d])\n"
                    + "+- Calc(select=[id, d], where=[(d < 600)])\n"
                    + "   +- TableSourceScan(table=[[default_catalog, default_database, ev,"
                    + " filter=[<(d, 600)]]], fields=[id, d])\n";

    @Test
    void aFilterBothTakenByTheScanAndLeftInACalcShowsInBoth() {
        SqlPlan plan = SqlPlan.of(FILTER_OVER_FILESYSTEM);

        assertThat(plan.pushedIntoScan()).containsExactly("filter=[<(d, 600)]");
        assertThat(plan.aboveScan()).containsExactly("Calc where=[<(d, 600)]");
        assertThat(plan.physicalPlan())
                .startsWith("Sink(")
                .endsWith("fields=[id, d])")
                .doesNotContain("(d < 600)");
    }

    @Test
    void specsKeepTheCommasInsideTheirBracketsAndOperatorsGoFromTheScanUp() {
        SqlPlan plan =
                SqlPlan.of(
                        "== Optimized Physical Plan ==\n"
                                + "HashAggregate(isMerge=[true], select=[Final_COUNT(c)])\n"
                                + "+- Exchange(distribution=[single])\n"
                                + "   +- LocalHashAggregate(select=[Partial_COUNT(*) AS c])\n"
                                + "      +- Calc(select=[0 AS $f0])\n"
                                + "         +- TableSourceScan(table=[[default_catalog,"
                                + " default_database, ev, project=[id, d], metadata=[],"
                                + " aggregates=[grouping=[], aggFunctions=[Count1AggFunction()]]]],"
                                + " fields=[id])\n");

        assertThat(plan.pushedIntoScan())
                .containsExactly(
                        "project=[id, d]",
                        "metadata=[]",
                        "aggregates=[grouping=[], aggFunctions=[Count1AggFunction()]]");
        assertThat(plan.aboveScan()).containsExactly("Calc", "LocalHashAggregate", "HashAggregate");
    }

    @Test
    void aScanOfTheTableAsDeclaredHasNothingPushedIntoIt() {
        SqlPlan plan =
                SqlPlan.of(
                        "== Optimized Physical Plan ==\n"
                                + "Sink(table=[default_catalog.default_database.bh], fields=[id])\n"
                                + "+- TableSourceScan(table=[[default_catalog, default_database,"
                                + " ev]], fields=[id])\n");

        assertThat(plan.pushedIntoScan()).isEmpty();
        assertThat(plan.aboveScan()).isEmpty();
    }

    @Test
    void plansOfOtherTablesWithTheSamePushDownsHaveTheSameShape() {
        SqlPlan plan = SqlPlan.of(FILTER_OVER_FILESYSTEM);
        SqlPlan renamed = SqlPlan.of(FILTER_OVER_FILESYSTEM.replace(" ev", " other"));
        SqlPlan unfiltered = SqlPlan.of(FILTER_OVER_FILESYSTEM.replace(", filter=[<(d, 600)]", ""));

        assertThat(plan.sameShape(renamed)).isTrue();
        assertThat(plan.sameShape(unfiltered)).isFalse();
    }

    @Test
    void refusesWhatIsNoPlanOfOneScan() {
        assertThatThrownBy(() -> SqlPlan.of("== Abstract Syntax Tree ==\nLogicalValues()"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no optimized physical plan");
        assertThatThrownBy(
                        () ->
                                SqlPlan.of(
                                        "== Optimized Physical Plan ==\n"
                                                + "Values(tuples=[[{ 1 }]])\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no table scan");
    }
}
