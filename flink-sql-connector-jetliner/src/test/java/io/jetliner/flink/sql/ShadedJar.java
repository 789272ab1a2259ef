package io.jetliner.flink.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

/**
 * The shaded jar this module builds, as the packaging tests see it: its entries, and a class loader
 * that holds it beside Flink the way a cluster's {@code lib/} does.
 */
final class ShadedJar implements AutoCloseable {

    /** The packages the jar may hold classes of: its own and the unrelocated native codecs. */
    static final List<String> OWN_PACKAGES =
            List.of("io/jetliner/", "com/github/luben/zstd/", "org/xerial/snappy/");

    /** The original packages of the relocated dependencies, which the jar must not hold. */
    static final List<String> RELOCATED_PACKAGES =
            List.of(
                    "org/apache/avro/",
                    "com/fasterxml/jackson/",
                    "org/apache/commons/compress/",
                    "org/apache/commons/lang3/",
                    "org/apache/commons/io/",
                    "org/apache/commons/codec/",
                    "org/tukaani/xz/");

    static final String SHADED_PREFIX = "io/jetliner/flink/shaded/";

    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.*)");

    private final Path path;
    private final JarFile jar;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    private ShadedJar(Path path) throws IOException {
        this.path = path;
        this.jar = new JarFile(path.toFile());
        for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            entries.put(entry.getName(), entry);
        }
    }

    /** Opens the jar that the build passed in the system property {@code jetliner.shadedJar}. */
    static ShadedJar open() throws IOException {
        String location = System.getProperty("jetliner.shadedJar");
        if (location == null) {
            throw new IllegalStateException(
                    "system property jetliner.shadedJar is not set: run these tests with"
                            + " `mvn verify`, which builds the jar first");
        }
        Path path = Paths.get(location);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no shaded jar at " + path);
        }
        return new ShadedJar(path);
    }

    Path path() {
        return path;
    }

    /** The names of the files in the jar (no directories). */
    List<String> files() {
        return entries.values().stream()
                .filter(entry -> !entry.isDirectory())
                .map(ZipEntry::getName)
                .collect(Collectors.toList());
    }

    /** The class files, with the {@code META-INF/versions/N/} prefix of a variant removed. */
    List<String> classes() {
        return files().stream()
                .filter(name -> name.endsWith(".class"))
                .map(ShadedJar::withoutVersionPrefix)
                .collect(Collectors.toList());
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    byte[] read(String name) {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new AssertionError("the jar has no " + name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readString(String name) {
        return new String(read(name), StandardCharsets.UTF_8);
    }

    /** The lines of a {@code META-INF/services/} file that name providers. */
    List<String> serviceProviders(String serviceFile) {
        return readString(serviceFile)
                .lines()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.toList());
    }

    Manifest manifest() throws IOException {
        return jar.getManifest();
    }

    /**
     * A class loader over the jar whose parent is the test class path with the jar's own packages
     * and the original packages of what it relocates hidden, as on a cluster where Flink's jars sit
     * beside this one in {@code lib/}. The test class path holds the unshaded connector and its
     * dependencies; hiding them makes every class and native library the jar is asked for come from
     * the jar itself, or fail to load.
     */
    URLClassLoader isolatedClassLoader() throws IOException {
        ClassLoader flinkOnly = new HidingClassLoader(ShadedJar.class.getClassLoader());
        return new URLClassLoader(new URL[] {path.toUri().toURL()}, flinkOnly);
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }

    static String withoutVersionPrefix(String name) {
        Matcher versioned = VERSIONED.matcher(name);
        return versioned.matches() ? versioned.group(1) : name;
    }

    /** Whether the jar holds this resource name itself, so its parent must not answer for it. */
    private boolean isHidden(String resourceName) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        return entries.containsKey(name)
                || OWN_PACKAGES.stream().anyMatch(name::startsWith)
                || RELOCATED_PACKAGES.stream().anyMatch(name::startsWith);
    }

    private final class HidingClassLoader extends ClassLoader {

        HidingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (isHidden(name.replace('.', '/') + ".class")) {
                throw new ClassNotFoundException(name + " is hidden from the shaded jar's parent");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return isHidden(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return isHidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
