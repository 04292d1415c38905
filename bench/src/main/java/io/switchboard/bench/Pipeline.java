package io.switchboard.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.contracts.events.JobStatus;

/**
 * Scenario 2: jobs submitted to the ingress and measured until their outcome lands on
 * switchboard.results.v1: ingress, router (with its context-store call), worker, provider call, result.
 */
public final class Pipeline implements Ramp.Step {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final OpenLoop loop;
    private final Failures failures;
    private final ResultWatcher results;
    private final String url;
    private final Map<String, String> auth;
    private final Duration patience;

    public Pipeline(Http http, OpenLoop loop, Failures failures, ResultWatcher results, String ingressUrl,
            String apiKey, Duration patience) {
        this.http = http;
        this.loop = loop;
        this.failures = failures;
        this.results = results;
        this.url = ingressUrl + "/v1/jobs";
        this.auth = Map.of("Authorization", "Bearer " + apiKey);
        this.patience = patience;
    }

    @Override
    public Latency at(double perSecond, Duration length) throws InterruptedException {
        return loop.run(new RateSchedule(perSecond, length), this::submitAndAwait);
    }

    private CompletableFuture<Boolean> submitAndAwait(long i) {
        return http.post(url, auth, Target.chatBody(i)).thenCompose(answer -> {
            if (answer.statusCode() != 202) {
                return CompletableFuture.completedFuture(failures.count("HTTP " + answer.statusCode()));
            }
            String jobId = jobId(answer.body());
            return results.outcome(jobId).orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((outcome, failure) -> results.forget(jobId))
                    .thenApply(outcome -> outcome.status() == JobStatus.SUCCEEDED
                            || failures.count("job " + outcome.status().wireName()));
        }).exceptionally(failures::exception);
    }

    private static String jobId(String body) {
        try {
            return JSON.readTree(body).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException("202 without a job id: " + body, e);
        }
    }
}
