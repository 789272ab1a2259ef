package io.jetliner.flink.e2e.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract other end-to-end tests rely on when they start, stop and restart the store. */
class S3ProxyServerTest {

    @TempDir Path work;

    @Test
    void keepsItsEndpointCredentialsAndObjectsAcrossAStopAndARestart() throws Exception {
        Path object = Files.writeString(work.resolve("object.txt"), "the object's bytes");
        try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"))) {
            URI endpoint = s3.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            s3.createBucket("bucket");
            s3.putObject("bucket", "dir/object.txt", object);

            s3.stop();
            assertThat(s3.isRunning()).isFalse();
            assertThat(accepts(s3.port())).as("accepts connections while stopped").isFalse();

            s3.restart();
            assertThat(s3.isRunning()).isTrue();
            assertThat(s3.endpoint()).isEqualTo(endpoint);
            assertThat(s3.dataDirectory().resolve("bucket/dir/object.txt"))
                    .hasContent("the object's bytes");
            // the same credentials still sign requests it accepts
            s3.deleteObject("bucket", "dir/object.txt");
            assertThat(s3.dataDirectory().resolve("bucket/dir/object.txt")).doesNotExist();
        }
    }

    @Test
    void refusesRequestsThatAreNotSigned() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"))) {
            s3.createBucket("bucket");

            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(s3.endpoint().resolve("/bucket/"))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(s3.flinkConfiguration())
                    .containsEntry("s3.endpoint", s3.endpoint().toString())
                    .containsEntry("s3.path.style.access", "true")
                    .containsEntry("s3.access-key", s3.accessKey())
                    .containsEntry("s3.secret-key", s3.secretKey());
        }
    }

    @Test
    void failsToCreateABucketThatExists() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"))) {
            s3.createBucket("bucket");

            assertThatThrownBy(() -> s3.createBucket("bucket"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("PUT /bucket");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
