package io.jetliner.flink.e2e.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An S3-compatible object store for tests: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> in
 * a JVM of its own, listening on a free port of 127.0.0.1 only, keeping its buckets as directories
 * on local disk and requiring AWS signatures made with this server's credentials.
 *
 * <p>S3Proxy runs as a separate process so that its Jetty, jclouds and Guava never meet the test's
 * Flink classes, and so that {@link #stop()} can kill it the way a server dies: at once, with its
 * connections reset. Objects survive {@link #stop()} and {@link #restart()} (they are files), and
 * the server keeps its port and credentials across restarts, so clients configured once go on
 * working once it is back.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(tempDir)) {
 *     s3.createBucket("data");
 *     s3.putObject("data", "events/part-0.avro", localFile);
 *     Configuration conf = Configuration.fromMap(s3.flinkConfiguration());
 *     // ... s3://data/events/ through Flink's S3 file system
 * }
 * }</pre>
 *
 * <p>The S3Proxy jar is the {@code org.gaul:s3proxy:jar-with-dependencies} artifact that the build
 * copies to the path in the system property {@value #JAR_PROPERTY}. The server's output goes to
 * {@link #logFile()}.
 *
 * <p>Thread-safe: {@link #stop()} and {@link #restart()} may be called from any thread while
 * clients use the server.
 */
public final class S3ProxyServer implements AutoCloseable {

    /** The system property holding the path of S3Proxy's self-contained jar. */
    public static final String JAR_PROPERTY = "jetliner.e2e.s3proxy.jar";

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._~/=-]+");

    private final Path jar;
    private final Path dataDirectory;
    private final Path propertiesFile;
    private final Path logFile;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread killOnExit = new Thread(this::kill, "s3proxy-kill-on-exit");

    private Process process;

    private S3ProxyServer(Path jar, Path dataDirectory, String accessKey, String secretKey)
            throws IOException {
        this.jar = jar;
        this.dataDirectory = Files.createDirectories(dataDirectory.resolve("buckets"));
        this.propertiesFile = dataDirectory.resolve("s3proxy.properties");
        this.logFile = dataDirectory.resolve("s3proxy.log");
        this.port = freeLoopbackPort();
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        writeProperties();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a server keeping its state under {@code workDirectory}, with an access key and a
     * secret key of its own (random, so that a test can look for the secret in logs), and waits
     * until it answers requests.
     */
    public static S3ProxyServer start(Path workDirectory) throws IOException {
        return start(workDirectory, "jetliner-e2e-access", "e2e-secret-" + randomHex(16));
    }

    /** Starts a server with the given credentials; see {@link #start(Path)}. */
    public static S3ProxyServer start(Path workDirectory, String accessKey, String secretKey)
            throws IOException {
        // the free port found may be taken by another process before S3Proxy binds it: try another
        for (int attempt = 1; ; attempt++) {
            S3ProxyServer server =
                    new S3ProxyServer(
                            jarFromSystemProperty(),
                            workDirectory.toAbsolutePath(),
                            Objects.requireNonNull(accessKey),
                            Objects.requireNonNull(secretKey));
            try {
                server.launch();
                return server;
            } catch (IOException | RuntimeException e) {
                server.close();
                if (attempt == 3 || !server.logTail().contains("Failed to bind")) {
                    throw e;
                }
            }
        }
    }

    /** The URL clients use: {@code http://127.0.0.1:<port>}. Stays the same across restarts. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where the buckets live: bucket {@code b}'s object {@code k} is the file {@code b/k}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** S3Proxy's own output, across restarts. */
    public Path logFile() {
        return logFile;
    }

    /**
     * What a Flink user writes into the Flink configuration to read from this server through {@code
     * flink-s3-fs-hadoop}: endpoint, path-style access and credentials, as {@code s3.*} keys, in a
     * new mutable map.
     */
    public Map<String, String> flinkConfiguration() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("s3.endpoint", endpoint().toString());
        conf.put("s3.path.style.access", "true");
        conf.put("s3.access-key", accessKey);
        conf.put("s3.secret-key", secretKey);
        return conf;
    }

    /** Whether the server's process is alive (it may still be starting). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would: open connections are reset and new ones
     * refused until {@link #restart()}. Objects stay. Does nothing if it is not running.
     */
    public synchronized void stop() {
        kill();
    }

    /**
     * Starts the server again on the same port, with the same credentials and objects, and waits
     * until it answers requests. Stops it first if it is running.
     */
    public synchronized void restart() throws IOException {
        kill();
        launch();
    }

    /** Creates a bucket; fails if it cannot (for instance if it exists). */
    public void createBucket(String bucket) throws IOException {
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not a valid bucket name: " + bucket);
        }
        send("PUT", "/" + bucket, HttpRequest.BodyPublishers.noBody());
    }

    /** Uploads a local file as {@code s3://bucket/key}, replacing any object of that key. */
    public void putObject(String bucket, String key, Path file) throws IOException {
        requireSafeKey(key);
        send("PUT", "/" + bucket + "/" + key, HttpRequest.BodyPublishers.ofFile(file));
    }

    /** Deletes {@code s3://bucket/key}; deleting an object that is not there succeeds too. */
    public void deleteObject(String bucket, String key) throws IOException {
        requireSafeKey(key);
        send("DELETE", "/" + bucket + "/" + key, HttpRequest.BodyPublishers.noBody());
    }

    /** Stops the server; objects stay on disk. */
    @Override
    public synchronized void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return "S3Proxy at " + endpoint() + " (data " + dataDirectory + ", log " + logFile + ")";
    }

    // ---------------------------------------------------------------------------------------

    private void launch() throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(
                                java,
                                // a small server for small tests: start fast, stay small
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-jar",
                                jar.toString(),
                                "--properties",
                                propertiesFile.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("LOG_LEVEL", "info");
        synchronized (this) {
            process = builder.start();
        }
        awaitReady();
    }

    /** Waits until the server answers HTTP on its port, or fails if its process ends first. */
    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                throw new IOException(
                        "S3Proxy exited while starting, see its log "
                                + logFile
                                + ":\n"
                                + logTail());
            }
            if (answersHttp()) {
                return;
            }
            sleep(100);
        }
        kill();
        throw new IOException(
                "S3Proxy did not answer on "
                        + endpoint()
                        + " within "
                        + STARTUP_TIMEOUT
                        + ", see its log "
                        + logFile
                        + ":\n"
                        + logTail());
    }

    private boolean answersHttp() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HOST, port), 500);
        } catch (IOException e) {
            return false;
        }
        try {
            // any HTTP answer will do: without a signature it is 403
            http.send(
                    HttpRequest.newBuilder(endpoint().resolve("/"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while S3Proxy starts", e);
        }
    }

    private void kill() {
        Process current;
        synchronized (this) {
            current = process;
            process = null;
        }
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("S3Proxy (pid " + current.pid() + ") did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeProperties() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint().toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.toString());
        try (var out = Files.newBufferedWriter(propertiesFile)) {
            properties.store(out, "S3Proxy for the end-to-end tests");
        }
    }

    /**
     * Sends a request signed with AWS signature version 2, which S3Proxy accepts alongside version
     * 4 and which takes a few lines instead of a client library.
     */
    private void send(String method, String resource, HttpRequest.BodyPublisher body)
            throws IOException {
        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String contentType = "application/octet-stream";
        String stringToSign =
                method + "\n\n" + contentType + "\n\nx-amz-date:" + date + "\n" + resource;
        HttpRequest request =
                HttpRequest.newBuilder(endpoint().resolve(resource))
                        .timeout(Duration.ofMinutes(2))
                        .method(method, body)
                        .header("Content-Type", contentType)
                        .header("x-amz-date", date)
                        .header("Authorization", "AWS " + accessKey + ":" + sign(stringToSign))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + resource, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    method
                            + " "
                            + resource
                            + " failed with HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
    }

    private static void requireSafeKey(String key) {
        if (!SAFE_KEY.matcher(key).matches() || key.startsWith("/")) {
            throw new IllegalArgumentException(
                    "use keys of letters, digits and ._~/=- only, not starting with '/': " + key);
        }
    }

    private String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    private String logTail() {
        try {
            String log = Files.readString(logFile);
            return log.substring(Math.max(0, log.length() - 4000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static Path jarFromSystemProperty() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException(
                    "S3Proxy's jar not found: the system property "
                            + JAR_PROPERTY
                            + " is "
                            + jar
                            + "; run the tests with Maven, which copies it into target/s3proxy");
        }
        return Paths.get(jar);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        StringBuilder hex = new StringBuilder();
        for (byte b : random) {
            hex.append(String.format(Locale.ROOT, "%02x", b));
        }
        return hex.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while S3Proxy starts", e);
        }
    }
}
