package io.switchboard.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Scenario 1: jobs the ingress acknowledges with 202, i.e. written to Kafka with acks=all. */
public final class IngressAccept implements Ramp.Step {

    private final Http http;
    private final OpenLoop loop;
    private final Failures failures;
    private final String url;
    private final Map<String, String> auth;

    public IngressAccept(Http http, OpenLoop loop, Failures failures, String ingressUrl, String apiKey) {
        this.http = http;
        this.loop = loop;
        this.failures = failures;
        this.url = ingressUrl + "/v1/jobs";
        this.auth = Map.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    public Latency at(double perSecond, Duration length) throws InterruptedException {
        return loop.run(new RateSchedule(perSecond, length), this::submit);
    }

    private CompletableFuture<Boolean> submit(long i) {
        return http.post(url, auth, Target.chatBody(i))
                .thenApply(answer -> answer.statusCode() == 202 || failures.count("HTTP " + answer.statusCode()))
                .exceptionally(failures::exception);
    }
}
