package io.jetliner.flink.sql;

import org.apache.flink.table.catalog.CommonCatalogOptions;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded jar loaded beside Flink in its own class loader, as in a cluster's {@code lib/}: its
 * relocated Avro parses schemas, its unrelocated zstd-jni and snappy-java load their native
 * libraries, and Flink finds its factories.
 */
// A reader whose prefetch thread dies of a LinkageError (a native library that fails to load)
// waits for it forever: fail instead.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShadedJarLoadingIT {

    private static final int ROWS = 5_000;

    private static final Schema SCHEMA =
            SchemaBuilder.record("Event")
                    .fields()
                    .requiredLong("id")
                    .requiredString("name")
                    .endRecord();

    private static ShadedJar jar;
    private static URLClassLoader loader;

    @TempDir static Path directory;

    @BeforeAll
    static void loadJar() throws Exception {
        jar = ShadedJar.open();
        loader = jar.isolatedClassLoader();
    }

    @AfterAll
    static void closeJar() throws Exception {
        loader.close();
        jar.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "deflate", "snappy", "zstandard", "bzip2", "xz"})
    void readsAFileOfEveryCodecThroughTheRelocatedClasses(String codec) throws Exception {
        Path file = writeFile(codec);
        Class<?> optionsClass = loader.loadClass("io.jetliner.flink.reader.ReaderOptions");
        Class<?> readerClass = loader.loadClass("io.jetliner.flink.reader.JetlinerReader");
        Object options = optionsClass.getMethod("defaults").invoke(null);
        Object reader =
                readerClass
                        .getMethod("open", org.apache.flink.core.fs.Path.class, optionsClass)
                        .invoke(null, new org.apache.flink.core.fs.Path(file.toUri()), options);

        long rows = 0;
        try (Closeable closeable = (Closeable) reader) {
            Method nextBatch = readerClass.getMethod("nextBatch");
            for (Object batch = nextBatch.invoke(reader);
                    batch != null;
                    batch = nextBatch.invoke(reader)) {
                Method row = batch.getClass().getMethod("row", int.class);
                int size = (int) batch.getClass().getMethod("size").invoke(batch);
                for (int i = 0; i < size; i++, rows++) {
                    RowData data = (RowData) row.invoke(batch, i);
                    assertThat(data.getLong(0)).isEqualTo(rows);
                    assertThat(data.getString(1).toString()).isEqualTo("event-" + rows);
                }
            }
        }

        assertThat(rows).isEqualTo(ROWS);
        assertThat(readerClass.getClassLoader()).isSameAs(loader);
        assertThat(readerClass.getMethod("schema").getReturnType().getName())
                .isEqualTo("io.jetliner.flink.shaded.org.apache.avro.Schema");
    }

    @Test
    void loadsTheNativeCodecsFromTheJarItself() throws Exception {
        Class<?> zstd = Class.forName("com.github.luben.zstd.Zstd", true, loader);
        Class<?> snappy = Class.forName("org.xerial.snappy.Snappy", true, loader);
        byte[] text = "a block of text, a block of text, a block of text".getBytes();

        byte[] zstdFrame = (byte[]) zstd.getMethod("compress", byte[].class).invoke(null, text);
        byte[] snappyBlock = (byte[]) snappy.getMethod("compress", byte[].class).invoke(null, text);

        assertThat(zstd.getClassLoader()).isSameAs(loader);
        assertThat(snappy.getClassLoader()).isSameAs(loader);
        assertThat(
                        (byte[])
                                zstd.getMethod("decompress", byte[].class, int.class)
                                        .invoke(null, zstdFrame, text.length))
                .isEqualTo(text);
        assertThat((byte[]) snappy.getMethod("uncompress", byte[].class).invoke(null, snappyBlock))
                .isEqualTo(text);
    }

    @Test
    void letsFlinkDiscoverTheTableFactoryByItsIdentifier() {
        DynamicTableSourceFactory factory =
                FactoryUtil.discoverFactory(loader, DynamicTableSourceFactory.class, "jetliner");

        assertThat(factory.getClass().getName())
                .isEqualTo("io.jetliner.flink.table.JetlinerDynamicTableFactory");
        assertThat(factory.getClass().getClassLoader()).isSameAs(loader);
    }

    @Test
    void letsFlinkDiscoverTheCatalogFactoryByItsIdentifier() {
        CatalogFactory factory =
                FactoryUtil.discoverFactory(loader, CatalogFactory.class, "jetliner");

        assertThat(factory.getClass().getName())
                .isEqualTo("io.jetliner.flink.table.catalog.JetlinerCatalogFactory");
        assertThat(factory.requiredOptions()).extracting(option -> option.key()).contains("path");
        assertThat(factory.optionalOptions())
                .extracting(option -> option.key())
                .contains(CommonCatalogOptions.DEFAULT_DATABASE_KEY);
    }

    /** Writes {@code ROWS} records in several blocks with Avro's own (unshaded) writer. */
    private static Path writeFile(String codec) throws IOException {
        Path file = directory.resolve(codec + ".avro");
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            writer.setCodec(CodecFactory.fromString(codec));
            writer.setSyncInterval(4096);
            writer.create(SCHEMA, file.toFile());
            for (long id = 0; id < ROWS; id++) {
                GenericRecord record = new GenericData.Record(SCHEMA);
                record.put("id", id);
                record.put("name", "event-" + id);
                writer.append(record);
            }
        }
        return file;
    }
}
