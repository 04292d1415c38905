package io.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/check in the build: promtool checks the configuration and the rules, runs the rules' unit
 * tests (each alert firing and staying quiet), and the scrape targets are bin/switchboard's ports.
 */
class PrometheusRulesTest {

    @Test
    void theRulesAreValidEveryAlertIsTestedAndTheTestsPass() throws Exception {
        Process check = new ProcessBuilder(MonitoringNamesTest.root().resolve("deploy/prometheus/check").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(5, TimeUnit.MINUTES)) {
            check.destroyForcibly();
        }
        System.out.println(output);
        assertEquals(0, check.exitValue(), output);
    }
}
