package io.jetliner.flink.e2e.cluster;

import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import org.apache.avro.Schema;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.io.IOUtils;
import org.apache.commons.lang3.StringUtils;
import org.tukaani.xz.XZInputStream;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A user's job jar, as a build would package it: the job's classes, with its dependencies as jars
 * under {@code lib/}, which Flink adds to the job's class path when it runs the jar.
 */
final class JobJar {

    static final String CONNECTOR_JAR_PROPERTY = "jetliner.e2e.connectorJar";

    private JobJar() {}

    /** Writes {@code jar} with {@code mainClass} as its entry point. */
    static Path build(Path jar, Class<?> mainClass, List<Class<?>> classes, List<Path> libraries)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        List<Class<?>> all = new ArrayList<>(classes);
        all.add(0, mainClass);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : all) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
            for (Path library : libraries) {
                out.putNextEntry(new JarEntry("lib/" + library.getFileName()));
                Files.copy(library, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * The plain connector jar of this build ({@code flink-connector-jetliner/target/}) and the jars
     * of its runtime dependencies, which a job jar bundles, with {@code flink-avro} for {@code
     * GenericRecord} output (the connector declares it optional). The cluster provides the rest of
     * Flink.
     */
    static List<Path> connectorWithDependencies() {
        String connector = System.getProperty(CONNECTOR_JAR_PROPERTY);
        if (connector == null || !Files.isRegularFile(Path.of(connector))) {
            throw new IllegalStateException(
                    "Missing "
                            + CONNECTOR_JAR_PROPERTY
                            + " ("
                            + connector
                            + "): build with mvn -pl e2e-tests -am verify");
        }
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of(connector));
        for (Class<?> dependency :
                List.of(
                        GenericRecordAvroTypeInfo.class,
                        Schema.class,
                        JsonFactory.class,
                        ObjectMapper.class,
                        JsonProperty.class,
                        BZip2CompressorInputStream.class,
                        IOUtils.class,
                        StringUtils.class,
                        XZInputStream.class,
                        Zstd.class,
                        Snappy.class)) {
            jars.add(jarOf(dependency));
        }
        return jars;
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
