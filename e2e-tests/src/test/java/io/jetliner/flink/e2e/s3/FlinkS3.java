package io.jetliner.flink.e2e.s3;

import io.jetliner.flink.e2e.testing.S3ProxyServer;

import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Flink's {@code flink-s3-fs-hadoop} file system, loaded as Flink loads it: as a plugin, from the
 * plugins directory that {@value ConfigConstants#ENV_FLINK_PLUGINS_DIR} names, configured with the
 * {@code s3.*} keys of Flink's configuration. The file systems are global to the JVM, so every job
 * of a MiniCluster in it reads {@code s3://} through them.
 */
final class FlinkS3 {

    private FlinkS3() {}

    /** The Flink configuration a user would write to read from {@code server}. */
    static Configuration configuration(S3ProxyServer server) {
        return configuration(server.flinkConfiguration());
    }

    static Configuration configuration(Map<String, String> s3Settings) {
        return Configuration.fromMap(s3Settings);
    }

    /** Makes {@code s3://} paths resolve through the plugin, configured by {@code conf}. */
    static void initialize(Configuration conf) {
        String pluginsDir = System.getenv(ConfigConstants.ENV_FLINK_PLUGINS_DIR);
        if (pluginsDir == null || !Files.isDirectory(Paths.get(pluginsDir, "s3-fs-hadoop"))) {
            throw new IllegalStateException(
                    ConfigConstants.ENV_FLINK_PLUGINS_DIR
                            + " must name a directory holding s3-fs-hadoop/, but is "
                            + pluginsDir
                            + "; run the tests with Maven, which sets it up in target/plugins");
        }
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
    }

    /** Back to the file systems of a JVM without plugins or settings. */
    static void reset() {
        FileSystem.initialize(new Configuration(), null);
    }
}
