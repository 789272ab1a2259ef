package io.jetliner.flink.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster on 127.0.0.1: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), each its own
 * JVM started the way Flink's {@code jobmanager.sh} and {@code taskmanager.sh} start them.
 *
 * <p>Every process is ended when the cluster is closed, and by a shutdown hook if the test JVM
 * exits first, so that no JVM outlives the build.
 */
final class StandaloneSessionCluster implements AutoCloseable {

    static final int TASK_MANAGERS = 2;
    static final int SLOTS_PER_TASK_MANAGER = 2;

    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    /**
     * A TaskManager's memory, set in full as {@code taskmanager.sh} would derive it from a process
     * size (TaskManagerRunner requires every part set): small heaps, for a 2-core CI host; the
     * framework's off-heap memory stays at its default, which batch shuffles need.
     */
    private static final Map<String, String> TASK_MANAGER_MEMORY =
            Map.ofEntries(
                    Map.entry("taskmanager.memory.framework.heap.size", "64m"),
                    Map.entry("taskmanager.memory.task.heap.size", "192m"),
                    Map.entry("taskmanager.memory.framework.off-heap.size", "128m"),
                    Map.entry("taskmanager.memory.task.off-heap.size", "0m"),
                    Map.entry("taskmanager.memory.network.min", "64m"),
                    Map.entry("taskmanager.memory.network.max", "64m"),
                    Map.entry("taskmanager.memory.managed.size", "64m"),
                    Map.entry("taskmanager.memory.jvm-metaspace.size", "256m"),
                    Map.entry("taskmanager.memory.jvm-overhead.min", "192m"),
                    Map.entry("taskmanager.memory.jvm-overhead.max", "192m"),
                    Map.entry("taskmanager.cpu.cores", String.valueOf(SLOTS_PER_TASK_MANAGER)));

    private static final String[] TASK_MANAGER_JVM = {
        "-Xms256m",
        "-Xmx256m",
        "-XX:MaxDirectMemorySize=192m",
        "-XX:MaxMetaspaceSize=256m",
        "-XX:+UseSerialGC"
    };
    private static final String[] JOB_MANAGER_JVM = {
        "-Xmx384m", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC"
    };

    private final FlinkInstallation flink;
    private final FlinkRestApi rest;
    private final Process[] taskManagers = new Process[TASK_MANAGERS];
    private final Thread shutdownHook = new Thread(this::destroyAll, "flink-cluster-shutdown");
    private Process jobManager;

    private StandaloneSessionCluster(FlinkInstallation flink, FlinkRestApi rest) {
        this.flink = flink;
        this.rest = rest;
    }

    /**
     * Sets up an installation in {@code home} with the cluster's addresses and {@code config},
     * starts the JobManager and the TaskManagers, and returns once every TaskManager has
     * registered.
     */
    static StandaloneSessionCluster start(Path home, String logName, Map<String, String> config)
            throws IOException, InterruptedException {
        int restPort = freePort();
        Map<String, String> clusterConfig = new LinkedHashMap<>();
        clusterConfig.put("jobmanager.rpc.address", "127.0.0.1");
        clusterConfig.put("jobmanager.rpc.port", String.valueOf(freePort()));
        clusterConfig.put("jobmanager.bind-host", "127.0.0.1");
        clusterConfig.put("rest.address", "127.0.0.1");
        clusterConfig.put("rest.bind-address", "127.0.0.1");
        clusterConfig.put("rest.port", String.valueOf(restPort));
        clusterConfig.put("taskmanager.host", "127.0.0.1");
        clusterConfig.put("taskmanager.bind-host", "127.0.0.1");
        clusterConfig.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS_PER_TASK_MANAGER));
        clusterConfig.put("parallelism.default", "2");
        clusterConfig.put("jobmanager.memory.process.size", "640m");
        clusterConfig.putAll(TASK_MANAGER_MEMORY);
        // A killed TaskManager is noticed within seconds rather than the default 50.
        clusterConfig.put("heartbeat.interval", "1000");
        clusterConfig.put("heartbeat.timeout", "8000");
        // The SQL client submits to this session cluster.
        clusterConfig.put("execution.target", "remote");
        clusterConfig.putAll(config);

        FlinkInstallation flink = FlinkInstallation.create(home, logName, clusterConfig);
        StandaloneSessionCluster cluster =
                new StandaloneSessionCluster(flink, new FlinkRestApi("127.0.0.1", restPort));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.jobManager =
                    flink.command(
                                    JOB_MANAGER_MAIN,
                                    flink.libClasspath(),
                                    "jobmanager",
                                    JOB_MANAGER_JVM)
                            .arguments("--configDir", flink.confDirectory().toString())
                            .start(flink.logDirectory().resolve("jobmanager.out"));
            for (int i = 0; i < TASK_MANAGERS; i++) {
                cluster.startTaskManager(i);
            }
            cluster.awaitTaskManagers(TASK_MANAGERS);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    FlinkInstallation installation() {
        return flink;
    }

    FlinkRestApi rest() {
        return rest;
    }

    /** Kills TaskManager {@code index} as {@code kill -9} would: no shutdown of any kind. */
    void killTaskManager(int index) throws InterruptedException {
        Process process = taskManagers[index];
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager " + index + " survived SIGKILL");
        }
    }

    /** Starts TaskManager {@code index} (again); it registers with the JobManager by itself. */
    void startTaskManager(int index) throws IOException {
        String name = taskManagerId(index);
        taskManagers[index] =
                flink.command(TASK_MANAGER_MAIN, flink.libClasspath(), name, TASK_MANAGER_JVM)
                        .arguments(
                                "--configDir",
                                flink.confDirectory().toString(),
                                "-D",
                                "taskmanager.resource-id=" + name)
                        .start(flink.logDirectory().resolve(name + ".out"));
    }

    /** The resource id TaskManager {@code index} registers with, as the REST API shows it. */
    static String taskManagerId(int index) {
        return "taskmanager-" + index;
    }

    /** Waits until {@code count} TaskManagers are registered, failing if a process died. */
    void awaitTaskManagers(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            checkAlive();
            try {
                if (rest.registeredTaskManagers() == count) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the REST endpoint is not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "Fewer than "
                                + count
                                + " TaskManagers registered within "
                                + STARTUP_TIMEOUT
                                + "; logs in "
                                + flink.logDirectory());
            }
            Thread.sleep(500);
        }
    }

    private void checkAlive() {
        if (!jobManager.isAlive()) {
            throw new IllegalStateException(
                    "The JobManager exited with "
                            + jobManager.exitValue()
                            + "; see "
                            + flink.logDirectory().resolve("jobmanager.log"));
        }
        for (int i = 0; i < TASK_MANAGERS; i++) {
            if (taskManagers[i] != null && !taskManagers[i].isAlive()) {
                throw new IllegalStateException(
                        "TaskManager "
                                + i
                                + " exited with "
                                + taskManagers[i].exitValue()
                                + "; see "
                                + flink.logDirectory().resolve(taskManagerId(i) + ".log"));
            }
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** TaskManagers first, so that they do not spend the JobManager's last seconds failing over. */
    private synchronized void destroyAll() {
        for (Process taskManager : taskManagers) {
            stop(taskManager);
        }
        stop(jobManager);
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
