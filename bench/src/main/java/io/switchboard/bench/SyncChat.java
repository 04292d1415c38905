package io.switchboard.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Scenario 3 and the Portkey reference: synchronous chat completions against one target. */
public final class SyncChat implements Ramp.Step {

    private final Http http;
    private final OpenLoop loop;
    private final Failures failures;
    private final Target target;

    public SyncChat(Http http, OpenLoop loop, Failures failures, Target target) {
        this.http = http;
        this.loop = loop;
        this.failures = failures;
        this.target = target;
    }

    @Override
    public Latency at(double perSecond, Duration length) throws InterruptedException {
        return loop.run(new RateSchedule(perSecond, length), this::call);
    }

    private CompletableFuture<Boolean> call(long i) {
        return http.post(target.chatUrl(), target.headers(), Target.chatBody(i))
                .thenApply(answer -> answer.statusCode() == 200 || failures.count("HTTP " + answer.statusCode()))
                .exceptionally(failures::exception);
    }
}
