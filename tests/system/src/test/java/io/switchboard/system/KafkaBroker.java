package io.switchboard.system;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The broker of the infrastructure the tests run against, stopped and started again through
 * {@code bin/infra}, which knows how it runs: {@code stop-kafka} stops it alone (SIGTERM, a clean shutdown),
 * {@code up} starts what is not running, on the same port and with the same data.
 */
final class KafkaBroker {

    private final Path root;
    private final String state;

    private KafkaBroker(Path root, String state) {
        this.root = root;
        this.state = state;
    }

    /** The broker {@code bin/infra} started for this run, or null when the environment does not say where. */
    static KafkaBroker ofThisRun(Path root) {
        String state = System.getenv("SWITCHBOARD_INFRA_STATE");
        return state == null || state.isBlank() ? null : new KafkaBroker(root, state);
    }

    void stop() throws Exception {
        infra("stop-kafka");
    }

    void start() throws Exception {
        infra("up");
    }

    private void infra(String command) throws Exception {
        Process process = new ProcessBuilder(root.resolve("bin/infra").toString(), command, state)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/infra " + command + " " + state + " failed");
        }
    }
}
