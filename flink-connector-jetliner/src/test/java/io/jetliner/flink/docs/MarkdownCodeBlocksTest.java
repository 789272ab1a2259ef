package io.jetliner.flink.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The docs test's own parts: that an example cannot slip past it. */
class MarkdownCodeBlocksTest {

    @TempDir Path tmp;

    @Test
    void findsEveryFencedBlockWithItsLanguageAndLineAtAnyIndentation() {
        String page =
                String.join(
                        "\n",
                        "# Title",
                        "```java",
                        "int a = 1;",
                        "```",
                        "- a list item:",
                        "",
                        "    ```sql",
                        "    SELECT 1;",
                        "    ```",
                        "~~~~ bash title=\"x\"",
                        "mvn verify",
                        "~~~~",
                        "```",
                        "plain",
                        "```");

        List<CodeBlock> blocks = MarkdownCodeBlocks.extract("docs/x.md", page);

        assertThat(blocks)
                .containsExactly(
                        new CodeBlock("docs/x.md", 2, "java", "int a = 1;\n"),
                        new CodeBlock("docs/x.md", 7, "sql", "SELECT 1;\n"),
                        new CodeBlock("docs/x.md", 10, "bash", "mvn verify\n"),
                        new CodeBlock("docs/x.md", 13, "", "plain\n"));
    }

    @Test
    void aFenceLeftOpenRunsToTheEndOfThePageAndIsStillABlock() {
        assertThat(MarkdownCodeBlocks.extract("p.md", "text\n```java\nint a = 1;\n"))
                .containsExactly(new CodeBlock("p.md", 2, "java", "int a = 1;\n"));
    }

    @Test
    void anExampleInALanguageTheTestDoesNotCheckFailsIt() {
        CodeBlock kotlin = new CodeBlock("docs/x.md", 3, "kotlin", "val a = 1\n");

        assertThatThrownBy(() -> CodeBlockKind.of(kotlin))
                .hasMessageContaining("docs/x.md:3")
                .hasMessageContaining("kotlin");
    }

    @Test
    void javaOrSqlLeftUntaggedFailsTheTest() {
        assertThatThrownBy(() -> CodeBlockKind.of(block("", "Path p = new Path(\"/x\");\n")))
                .hasMessageContaining("looks like code");
        assertThatThrownBy(() -> CodeBlockKind.of(block("", "SELECT * FROM events\n")))
                .hasMessageContaining("looks like code");
        assertThatThrownBy(() -> CodeBlockKind.of(block("", "if (ok) {\n  go()\n}\n")))
                .hasMessageContaining("looks like code");
    }

    @Test
    void messagesTreesCommandsAndTaggedOutputAreText() {
        assertThat(CodeBlockKind.of(block("", "mvn -B verify\n"))).isEqualTo(CodeBlockKind.TEXT);
        assertThat(
                        CodeBlockKind.of(
                                block(
                                        "",
                                        "/data/a.avro: block 2 at byte 742: bad sync marker:"
                                                + " the file is corrupt\n")))
                .isEqualTo(CodeBlockKind.TEXT);
        assertThat(CodeBlockKind.of(block("text", "CREATE TABLE `events` (\n  `id` BIGINT\n);\n")))
                .isEqualTo(CodeBlockKind.TEXT);
        assertThat(CodeBlockKind.of(block("java", "x();\n"))).isEqualTo(CodeBlockKind.JAVA);
        assertThat(CodeBlockKind.of(block("SQL", "SELECT 1\n"))).isEqualTo(CodeBlockKind.SQL);
        assertThat(CodeBlockKind.of(block("bash", "./jetliner demo\n")))
                .isEqualTo(CodeBlockKind.SHELL);
    }

    @Test
    void splitsAScriptIntoStatementsKeepingQuotesAndHints() {
        String script =
                "CREATE TABLE t (a STRING) WITH ('path' = 'a;b'); -- a comment; not a statement\n"
                        + "SELECT `x;y`, 'it''s' FROM t /*+ OPTIONS('k' = 'v;w') */;\n"
                        + "\n"
                        + "SHOW TABLES";

        assertThat(SqlBlocks.statements(script))
                .containsExactly(
                        "CREATE TABLE t (a STRING) WITH ('path' = 'a;b')",
                        "SELECT `x;y`, 'it''s' FROM t /*+ OPTIONS('k' = 'v;w') */",
                        "SHOW TABLES");
    }

    @Test
    void pointsEachLocationAtTheFixtureItsLastNameNames() {
        DocFixtures fixtures = DocFixtures.writeUnder(tmp);

        assertThat(fixtures.locate("s3://bucket/orders/"))
                .isEqualTo(tmp.resolve("orders").toString());
        assertThat(fixtures.locate("s3://bucket/warehouse/"))
                .isEqualTo(tmp.resolve("warehouse").toString());
        assertThat(fixtures.locate("/data/events.avro"))
                .isEqualTo(tmp.resolve("events.avro").toString());
        assertThat(fixtures.locate("s3://orders/incoming/"))
                .isEqualTo(tmp.resolve("orders").toString());
        assertThat(fixtures.locate("/schemas/orders-v2.avsc"))
                .isEqualTo(tmp.resolve("orders.avsc").toString());
        assertThat(fixtures.locate("/schemas/event.avsc"))
                .isEqualTo(tmp.resolve("events.avsc").toString());
        assertThat(fixtures.locate("hdfs://nn/logs/2024/"))
                .isEqualTo(tmp.resolve("events").toString());
        assertThat(
                        fixtures.substituteLocations(
                                "new Path(\"s3://bucket/events/\"); 'path' = '/data/orders/';"
                                        + " \"http://localhost:9000\"; 'jetliner'"))
                .isEqualTo(
                        "new Path(\""
                                + tmp.resolve("events")
                                + "\"); 'path' = '"
                                + tmp.resolve("orders")
                                + "'; \"http://localhost:9000\"; 'jetliner'");
    }

    @Test
    void declaresOnlyTheGivenVariablesABlockUsesWithoutDeclaringThem() {
        String usesEnv = "DataStream<RowData> s = env.fromSource(source, w, \"n\");";
        String declaresEnv =
                "StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
                        + "env.setParallelism(2);";

        assertThat(JavaBlockRunner.classSource("C", usesEnv))
                .contains("StreamExecutionEnvironment env =", "JetlinerSource<RowData> source =")
                .doesNotContain("TableEnvironment tableEnv =");
        assertThat(JavaBlockRunner.classSource("C", declaresEnv))
                .containsOnlyOnce("StreamExecutionEnvironment env =");
    }

    @Test
    void commandsMayNameOnlyClassesTestsAndModulesThatExist() {
        ShellBlocks shell = new ShellBlocks(DocPages.root());

        assertThat(
                        shell.missingNames(
                                block(
                                        "bash",
                                        "mvn -pl flink-connector-jetliner test"
                                                + " -Dtest='DocsCodeBlocks*,MarkdownCodeBlocksTest'\n"
                                                + "java -cp x.jar io.jetliner.flink.reader.JetlinerReader\n")))
                .isEmpty();
        assertThat(
                        shell.missingNames(
                                block(
                                        "bash",
                                        "mvn -pl no-such-module test -Dtest=NoSuchTest\n"
                                                + "java -cp x.jar io.jetliner.flink.NoSuchClass\n")))
                .containsExactly(
                        "class io.jetliner.flink.NoSuchClass",
                        "test NoSuchTest",
                        "module no-such-module");
    }

    private static CodeBlock block(String language, String code) {
        return new CodeBlock("docs/x.md", 1, language, code);
    }
}
