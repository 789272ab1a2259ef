package io.jetliner.flink.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The few calls of a JobManager's REST API the tests make, as a user's tools would. */
final class FlinkRestApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRestApi(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
    }

    /** How many TaskManagers are registered with the ResourceManager. */
    int registeredTaskManagers() throws IOException {
        return get("/overview").path("taskmanagers").asInt();
    }

    /** How many jobs the cluster has run to the end. */
    int finishedJobs() throws IOException {
        int finished = 0;
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if ("FINISHED".equals(job.path("state").asText())) {
                finished++;
            }
        }
        return finished;
    }

    /** The address the jetliner command's {@code --cluster} takes. */
    String address() {
        return base.getHost() + ":" + base.getPort();
    }

    String jobState(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The resource ids of the TaskManagers that run some subtask of the job. */
    Set<String> taskManagersRunning(String jobId) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            for (JsonNode taskManager : get(path + "/taskmanagers").path("taskmanagers")) {
                ids.add(taskManager.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    long completedCheckpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** How many failures of the job its exception history holds. */
    int recordedFailures(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    void cancel(String jobId) throws IOException {
        send(
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode get(String path) throws IOException {
        return JSON.readTree(send(HttpRequest.newBuilder(base.resolve(path)).GET()));
    }

    private String send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response =
                    http.send(
                            request.timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(
                        request.build().uri()
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling " + base, e);
        }
    }
}
