package io.switchboard.evaluator.judge;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The evaluator with its judges on, asked through the simulated gateway, pauses short enough to watch, and its
 * alerts pushed to a webhook receiver.
 */
public class JudgeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.evaluator.judge.enabled", "true",
                // every result of these tests is judged: the stratified sampler is tested on its own
                "switchboard.evaluator.judge.sampling.base-rate", "1.0",
                "switchboard.evaluator.judge.poll-every", "1s",
                "switchboard.evaluator.judge.timeout", "5s",
                "switchboard.evaluator.judge.pause-for", "2s",
                "switchboard.evaluator.judge.pause-after.unavailable", "2",
                "switchboard.evaluator.judge.max-attempts", "2");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedGateway.class), new TestResourceEntry(WebhookReceiver.class));
    }
}
