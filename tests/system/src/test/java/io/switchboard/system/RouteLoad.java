package io.switchboard.system;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Async jobs of one API key on one model alias at a constant rate, each with a user message of its own, as a
 * tenant's application calling one route. Each submission runs on its own virtual thread, so a slow answer
 * does not slow the rate; the accepted jobs are kept in the order they were numbered.
 */
final class RouteLoad implements AutoCloseable {

    /** A job the ingress acknowledged with 202: {@code n} numbers the jobs of this load from 0. */
    record Job(int n, String id, String content, Instant acceptedAt) {
    }

    private final ServiceProcess ingress;
    private final String key;
    private final String model;
    private final IntFunction<String> content;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService submissions = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final ConcurrentLinkedQueue<Job> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    /** @param content the user message of the n-th job */
    RouteLoad(ServiceProcess ingress, String key, String model, IntFunction<String> content) {
        this.ingress = ingress;
        this.key = key;
        this.model = model;
        this.content = content;
    }

    void start(int jobsPerSecond) {
        clock.scheduleAtFixedRate(() -> submissions.submit(this::submitOne), 0, 1_000_000 / jobsPerSecond,
                TimeUnit.MICROSECONDS);
    }

    private void submitOne() {
        int n = sent.getAndIncrement();
        String message = content.apply(n);
        String body = """
                {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"%s"}]}""".formatted(model, message);
        try {
            Api.Reply reply = Api.post(ingress.baseUrl() + "/v1/jobs", key, body);
            if (reply.status() == 202) {
                accepted.add(new Job(n, reply.body().path("id").asText(), message, Instant.now()));
            } else {
                refused.merge("HTTP " + reply.status(), 1, Integer::sum);
            }
        } catch (Exception e) {
            refused.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    /** Stops submitting and waits for the answers of the submissions still out. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        submissions.shutdown();
        submissions.awaitTermination(60, TimeUnit.SECONDS);
    }

    /** The accepted jobs so far, by number. */
    List<Job> accepted() {
        return accepted.stream().sorted(Comparator.comparingInt(Job::n)).toList();
    }

    Map<String, Integer> refused() {
        return Map.copyOf(refused);
    }
}
