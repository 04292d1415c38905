package io.switchboard.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Switchboard service (or the simulator) running as its own JVM process, as in production. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final String healthPath;
    private final Path log;
    private final ProcessBuilder builder;
    /** The command as first started: {@link #restartWith} adds to it, never to what an earlier call added. */
    private final List<String> firstCommand;
    private volatile Process process;

    private ServiceProcess(String name, int port, String healthPath, Path log, ProcessBuilder builder)
            throws IOException {
        this.name = name;
        this.port = port;
        this.healthPath = healthPath;
        this.log = log;
        this.builder = builder;
        this.firstCommand = List.copyOf(builder.command());
        this.process = builder.start();
    }

    static ServiceProcess start(String name, Path jar, int port, String healthPath, Map<String, String> properties,
            Map<String, String> environment, Path logDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, port, healthPath, log, builder);
    }

    /** SIGKILL, as a crashed or OOM-killed process: no shutdown hook, no offset commit, no goodbye to the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts the same command again on the same port, its output appended to the same log. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
    }

    /**
     * Stops the process gracefully and starts it again on the same port with these system properties added to
     * those it was first started with (none: as it was first started), its output appended to the same log.
     * For a test that needs a service configured otherwise, and gives it back as it was afterwards.
     */
    void restartWith(Map<String, String> properties) throws Exception {
        close();
        List<String> command = new ArrayList<>(firstCommand);
        List<String> added = new ArrayList<>();
        properties.forEach((key, value) -> added.add("-D" + key + "=" + value));
        command.addAll(command.indexOf("-jar"), added);
        builder.command(command);
        restart();
    }

    /** Where the process's stdout and stderr go, all of its starts appended. */
    Path log() {
        return log;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void awaitHealthy(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, so the service shuts down gracefully and commits its offsets; {@link #close} waits for it. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            // a restart right after must not find the old process still holding its port
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
