package io.jetliner.flink.table;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The options table of docs/sql.md lists exactly the factory's options, as they are declared. */
class SqlGuideOptionsTest {

    private static final Path SQL_GUIDE = Paths.get("..", "docs", "sql.md");
    private static final String HEADER = "| key | default | type | description |";
    private static final String NO_DEFAULT = "(none)";

    @Test
    void listsEveryOptionOfTheFactoryAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>(documentedOptions().keySet());
        Set<String> declared = new TreeSet<>();
        for (ConfigOption<?> option : factoryOptions()) {
            declared.add(option.key());
        }

        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void documentsEachOptionWithItsDefaultAndType() throws Exception {
        Map<String, List<String>> documented = documentedOptions();
        for (ConfigOption<?> option : factoryOptions()) {
            List<String> row = documented.get(option.key());
            assertThat(row).as(option.key()).isNotNull();
            String defaultCell = row.get(1);
            if (option.hasDefaultValue()) {
                Configuration parsed = new Configuration();
                parsed.setString(option.key(), defaultCell);
                assertThat((Object) parsed.get(option))
                        .as("default of %s", option.key())
                        .isEqualTo(option.defaultValue());
            } else {
                assertThat(defaultCell).as("default of %s", option.key()).isEqualTo(NO_DEFAULT);
            }
            assertThat(row.get(2)).as("type of %s", option.key()).isEqualTo(typeName(option));
            assertThat(row.get(3)).as("description of %s", option.key()).isNotBlank();
        }
    }

    private static Set<ConfigOption<?>> factoryOptions() {
        JetlinerDynamicTableFactory factory = new JetlinerDynamicTableFactory();
        Set<ConfigOption<?>> options = new HashSet<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        return options;
    }

    /** The cells of each row of the options table, by the key in its first cell. */
    private static Map<String, List<String>> documentedOptions() throws IOException {
        List<String> lines = Files.readAllLines(SQL_GUIDE);
        int header = lines.indexOf(HEADER);
        assertThat(header).as("the options table of " + SQL_GUIDE).isNotNegative();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            List<String> cells =
                    List.of(line.substring(1, line.length() - 1).split(" \\| ", 4)).stream()
                            .map(String::trim)
                            .toList();
            String key = cells.get(0).replace("`", "");
            assertThat(rows.put(key, cells)).as("%s listed twice", key).isNull();
        }
        return rows;
    }

    /** The simple name of the option's value class, as Flink's own option tables show it. */
    private static String typeName(ConfigOption<?> option) throws ReflectiveOperationException {
        Method clazz = ConfigOption.class.getDeclaredMethod("getClazz");
        clazz.setAccessible(true);
        return ((Class<?>) clazz.invoke(option)).getSimpleName();
    }
}
