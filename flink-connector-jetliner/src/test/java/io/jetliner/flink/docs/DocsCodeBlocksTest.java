package io.jetliner.flink.docs;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every code block of README.md and docs/, checked by what it is (see {@link CodeBlockKind}): Java
 * compiled and run, SQL executed, commands checked against the repository, data parsed, and any
 * other block refused. Examples run on {@link DocFixtures}: the locations they name are replaced
 * with the fixture's.
 */
class DocsCodeBlocksTest {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir static Path tmp;

    private static DocFixtures fixtures;
    private static JavaBlockRunner java;
    private static ShellBlocks shell;

    @BeforeAll
    static void writeFixtures() throws Exception {
        fixtures = DocFixtures.writeUnder(Files.createDirectories(tmp.resolve("fixtures")));
        java = new JavaBlockRunner(fixtures);
        shell = new ShellBlocks(DocPages.root());
    }

    @AfterAll
    static void deleteCompiledExamples() throws Exception {
        java.deleteCompiledExamples();
    }

    @Test
    void findsTheCodeBlocksOfEveryPage() {
        Path root = DocPages.root();
        assertThat(DocPages.all(root))
                .contains(
                        Paths.get("README.md"),
                        Paths.get("docs", "README.md"),
                        Paths.get("docs", "sql.md"),
                        Paths.get("docs", "quickstart.md"));
        List<CodeBlock> blocks = DocPages.codeBlocks(root);
        assertThat(blocks.stream().map(CodeBlockKind::of).collect(Collectors.toSet()))
                .contains(CodeBlockKind.JAVA, CodeBlockKind.SQL, CodeBlockKind.SHELL);
    }

    @Test
    void anExampleThatDoesNotCompileOrThrowsFailsAtItsLine() {
        assertThatThrownBy(() -> check(block("java", "int rows = \"many\";\n")))
                .hasMessageContaining("does not compile")
                .hasMessageContaining("docs/x.md:8");
        assertThatThrownBy(
                        () ->
                                check(
                                        block(
                                                "java",
                                                "ReaderOptions.builder().batchSize(0).build();\n")))
                .hasMessageContaining("docs/x.md:7: the example throws");
    }

    @Test
    void aStatementThatFailsOrAQueryThatReturnsNoRowFails() {
        assertThatThrownBy(() -> check(block("sql", "SELECT * FROM missing;\n")))
                .hasMessageContaining("the statement fails: SELECT * FROM missing");
        assertThatThrownBy(
                        () ->
                                check(
                                        block(
                                                "sql",
                                                "CREATE TABLE e (event_id BIGINT) WITH"
                                                        + " ('connector' = 'jetliner', 'path' ="
                                                        + " 's3://bucket/events/');\n"
                                                        + "SELECT * FROM e WHERE event_id < 0;\n")))
                .hasMessageContaining("the query returns no row");
    }

    @Test
    void insertsAndStreamingQueriesArePlannedNotExecuted() throws Exception {
        Path sink = tmp.resolve("sink");
        String create =
                "CREATE TABLE e (event_id BIGINT, event_type STRING) WITH ('connector' ="
                        + " 'jetliner', 'path' = 's3://bucket/events/'"
                        + ", 'source.monitor-interval' = '1 s');\n"
                        + "CREATE TABLE s (event_type STRING) WITH ('connector' = 'filesystem',"
                        + " 'path' = '"
                        + sink.toUri()
                        + "', 'format' = 'raw');\n";

        check(
                block(
                        "sql",
                        "SET 'execution.runtime-mode' = 'streaming';\n"
                                + create
                                + "SELECT * FROM e;\n"
                                + "INSERT INTO s SELECT event_type FROM e;\n"));

        assertThat(sink).doesNotExist();
        assertThatThrownBy(
                        () ->
                                check(
                                        block(
                                                "sql",
                                                create
                                                        + "INSERT INTO s SELECT no_such_column"
                                                        + " FROM e;\n")))
                .hasMessageContaining("the statement fails: INSERT INTO s");
    }

    @Test
    void aCommandOrADependencyNamingWhatIsGoneFails() {
        assertThatThrownBy(
                        () ->
                                check(
                                        block(
                                                "bash",
                                                "java -cp x.jar io.jetliner.flink.benchmarks.Gone\n")))
                .hasMessageContaining("class io.jetliner.flink.benchmarks.Gone");
        assertThatThrownBy(
                        () ->
                                check(
                                        block(
                                                "xml",
                                                "<dependency><groupId>io.jetliner</groupId>"
                                                        + "<artifactId>flink-connector-jetliner</artifactId>"
                                                        + "<version>0.0.1</version></dependency>\n")))
                .hasMessageContaining("the version of the dependency");
    }

    /** A Maven dependency on this project names one of its modules, at the project's version. */
    private static void checkDependency(CodeBlock block, Element element) {
        if (!"io.jetliner".equals(child(element, "groupId"))) {
            return;
        }
        assertThat(shell.moduleExists(child(element, "artifactId")))
                .as("%s: a dependency on a module that does not exist", block.location())
                .isTrue();
        assertThat(child(element, "version"))
                .as("%s: the version of the dependency", block.location())
                .isEqualTo(shell.projectVersion());
    }

    private static String child(Element element, String name) {
        NodeList children = element.getElementsByTagName(name);
        return children.getLength() == 0 ? null : children.item(0).getTextContent().strip();
    }

    private static CodeBlock block(String language, String code) {
        return new CodeBlock("docs/x.md", 7, language, code);
    }

    @TestFactory
    Stream<DynamicTest> everyCodeBlockIsCompiledRunExecutedOrChecked() {
        return DocPages.codeBlocks(DocPages.root()).stream()
                .map(block -> DynamicTest.dynamicTest(block.toString(), () -> check(block)));
    }

    private static void check(CodeBlock block) throws Exception {
        switch (CodeBlockKind.of(block)) {
            case JAVA:
                java.compileAndRun(block);
                break;
            case SQL:
                SqlBlocks.run(block, fixtures);
                break;
            case DATA:
                parse(block);
                break;
            case SHELL:
            case TEXT:
                assertThat(shell.missingNames(block))
                        .as("%s names what the repository does not have", block.location())
                        .isEmpty();
                assumeTrue(
                        !ShellBlocks.usesLauncher(block) || shell.launcherExists(),
                        "./jetliner is not in this tree yet");
                break;
            default:
                throw new AssertionError(block.location() + ": no check for " + block.language());
        }
    }

    private static void parse(CodeBlock block) throws Exception {
        switch (block.language()) {
            case "yaml":
            case "yml":
                new Load(LoadSettings.builder().build())
                        .loadAllFromString(block.code())
                        .forEach(document -> {});
                break;
            case "json":
                new ObjectMapper().readTree(block.code());
                break;
            case "xml":
                // a snippet may hold several elements, as a list of dependencies does
                Element snippet =
                        DocumentBuilderFactory.newInstance()
                                .newDocumentBuilder()
                                .parse(
                                        new InputSource(
                                                new StringReader(
                                                        "<snippet>" + block.code() + "</snippet>")))
                                .getDocumentElement();
                NodeList dependencies = snippet.getElementsByTagName("dependency");
                for (int i = 0; i < dependencies.getLength(); i++) {
                    checkDependency(block, (Element) dependencies.item(i));
                }
                break;
            default:
                throw new AssertionError(block.location() + ": no parser for " + block.language());
        }
    }
}
