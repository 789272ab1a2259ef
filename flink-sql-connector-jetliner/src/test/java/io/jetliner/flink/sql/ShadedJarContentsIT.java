package io.jetliner.flink.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code flink-sql-connector-jetliner}'s jar holds, and what it must not. */
class ShadedJarContentsIT {

    private static final String FACTORY_SERVICE =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    /** Native libraries: zstd-jni keeps them at {@code <os>/<arch>/} of the jar's root. */
    private static final Pattern NATIVE_LIBRARY =
            Pattern.compile("[^/]+/[^/]+/[^/]+\\.(so|dylib|dll|jnilib|a)");

    /** A whole string that is a class name in a relocated package, as Class.forName takes. */
    private static final Pattern UNRELOCATED_CLASS_NAME =
            Pattern.compile(
                    "("
                            + ShadedJar.RELOCATED_PACKAGES.stream()
                                    .map(pkg -> Pattern.quote(pkg.replace('/', '.')))
                                    .collect(Collectors.joining("|"))
                            + ")[\\w$.]*");

    private static ShadedJar jar;

    @BeforeAll
    static void openJar() throws Exception {
        jar = ShadedJar.open();
    }

    @AfterAll
    static void closeJar() throws Exception {
        jar.close();
    }

    @Test
    void holdsClassesOnlyOfTheProjectNamespaceAndTheNativeCodecs() {
        List<String> foreign =
                jar.classes().stream()
                        .filter(name -> ShadedJar.OWN_PACKAGES.stream().noneMatch(name::startsWith))
                        .collect(Collectors.toList());

        assertThat(jar.classes()).isNotEmpty();
        assertThat(foreign).isEmpty();
    }

    @Test
    void holdsNothingElseAtTopLevelButMetaInfAndNativeLibraries() {
        List<String> unexpected = new ArrayList<>();
        for (String name : jar.files()) {
            boolean allowed =
                    name.startsWith("META-INF/")
                            || ShadedJar.OWN_PACKAGES.stream().anyMatch(name::startsWith)
                            || NATIVE_LIBRARY.matcher(name).matches();
            if (!allowed) {
                unexpected.add(name);
            }
        }

        assertThat(unexpected).isEmpty();
    }

    @Test
    void relocatesAvroJacksonCommonsAndXzUnderTheProjectNamespace() {
        List<String> left =
                jar.files().stream()
                        .map(ShadedJar::withoutVersionPrefix)
                        .filter(
                                name ->
                                        ShadedJar.RELOCATED_PACKAGES.stream()
                                                .anyMatch(name::startsWith))
                        .collect(Collectors.toList());

        assertThat(left).isEmpty();
        assertThat(jar.classes())
                .contains(
                        ShadedJar.SHADED_PREFIX + "org/apache/avro/Schema.class",
                        ShadedJar.SHADED_PREFIX
                                + "com/fasterxml/jackson/databind/ObjectMapper.class",
                        ShadedJar.SHADED_PREFIX
                                + "org/apache/commons/compress/compressors/bzip2/"
                                + "BZip2CompressorInputStream.class",
                        ShadedJar.SHADED_PREFIX + "org/tukaani/xz/XZInputStream.class");
    }

    @Test
    void noClassRefersToARelocatedPackageByItsOriginalName() {
        List<String> offenders = new ArrayList<>();
        for (String name : jar.files()) {
            if (!name.endsWith(".class")) {
                continue;
            }
            ClassReferences references = ClassReferences.of(jar.read(name));
            for (String internalName : references.internalNames()) {
                if (isInRelocatedPackage(internalName)) {
                    offenders.add(name + " -> " + internalName);
                }
            }
            for (String string : references.stringConstants()) {
                if (UNRELOCATED_CLASS_NAME.matcher(string).matches()) {
                    offenders.add(name + " -> \"" + string + '"');
                }
            }
        }

        assertThat(offenders).isEmpty();
    }

    @Test
    void keepsTheNativeCodecsWithTheirLibraries() {
        assertThat(jar.classes())
                .contains("com/github/luben/zstd/Zstd.class", "org/xerial/snappy/Snappy.class");
        assertThat(jar.files())
                .anyMatch(name -> name.matches("linux/amd64/libzstd-jni-.*\\.so"))
                .contains("org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so");
    }

    @Test
    void registersTheTableAndCatalogFactoriesAsServices() {
        assertThat(jar.contains(FACTORY_SERVICE)).as(FACTORY_SERVICE).isTrue();
        assertThat(jar.serviceProviders(FACTORY_SERVICE))
                .contains(
                        "io.jetliner.flink.table.JetlinerDynamicTableFactory",
                        "io.jetliner.flink.table.catalog.JetlinerCatalogFactory");
    }

    @Test
    void namesInEveryServiceFileOnlyClassesThatAreThere() {
        List<String> missing = new ArrayList<>();
        for (String name : jar.files()) {
            if (!name.startsWith("META-INF/services/")) {
                continue;
            }
            String service = name.substring("META-INF/services/".length());
            if (!service.startsWith("org.apache.flink.") && !holdsClass(service)) {
                missing.add(name + ": the service interface itself");
            }
            for (String provider : jar.serviceProviders(name)) {
                if (!holdsClass(provider)) {
                    missing.add(name + ": " + provider);
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void keepsTheJava9AndLaterVariantsOfMultiReleaseDependenciesActive() throws Exception {
        assertThat(jar.files()).anyMatch(name -> name.startsWith("META-INF/versions/"));
        assertThat(jar.manifest().getMainAttributes().get(Attributes.Name.MULTI_RELEASE))
                .isEqualTo("true");
    }

    @Test
    void listsEveryBundledArtifactInItsNoticeAndNothingElse() {
        Set<String> bundled = new TreeSet<>(artifactsWithMavenMetadata());
        bundled.addAll(
                Arrays.asList(System.getProperty("jetliner.bundledWithoutMetadata").split(",")));
        Set<String> listed = new TreeSet<>();
        Matcher item =
                Pattern.compile("(?m)^- ([\\w.-]+:[\\w.-]+:[\\w.-]+)$")
                        .matcher(jar.readString("META-INF/NOTICE"));
        while (item.find()) {
            listed.add(item.group(1));
        }

        assertThat(listed).isEqualTo(bundled);
    }

    @Test
    void carriesItsLicenseAndEveryLicenseItsNoticeRefersTo() {
        String notice = jar.readString("META-INF/NOTICE");
        assertThat(jar.readString("META-INF/LICENSE")).contains("Apache License");
        Matcher reference = Pattern.compile("META-INF/[\\w./-]+[\\w-]").matcher(notice);
        List<String> referenced = new ArrayList<>();
        while (reference.find()) {
            referenced.add(reference.group());
        }

        assertThat(referenced).contains("META-INF/licenses/LICENSE.zstd-jni");
        assertThat(referenced).allMatch(jar::contains, "is in the jar");
    }

    private static boolean isInRelocatedPackage(String internalName) {
        return ShadedJar.RELOCATED_PACKAGES.stream().anyMatch(internalName::startsWith);
    }

    private boolean holdsClass(String className) {
        return jar.contains(className.replace('.', '/') + ".class");
    }

    /** {@code group:artifact:version} of every bundled jar that carries its Maven metadata. */
    private static Set<String> artifactsWithMavenMetadata() {
        Set<String> artifacts = new TreeSet<>();
        for (String name : jar.files()) {
            if (!name.startsWith("META-INF/maven/") || !name.endsWith("/pom.properties")) {
                continue;
            }
            Properties pom = new Properties();
            try {
                pom.load(new StringReader(jar.readString(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!"io.jetliner".equals(pom.getProperty("groupId"))) {
                artifacts.add(
                        pom.getProperty("groupId")
                                + ':'
                                + pom.getProperty("artifactId")
                                + ':'
                                + pom.getProperty("version"));
            }
        }
        return artifacts;
    }
}
