package io.switchboard.system;

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
 * Async jobs ({@code POST /v1/jobs}) at a constant rate, the tenants in turn, spread over the ingress
 * replicas. Each submission runs on its own virtual thread, so a slow answer (the broker is down) does not
 * slow the rate: what a fault does to the callers shows in the answers, not in the load.
 */
final class SteadyLoad implements AutoCloseable {

    /** A job the ingress acknowledged with 202: it must reach a terminal state. */
    record Accepted(String tenant, String key, String jobId) {
    }

    private final List<ServiceProcess> ingresses;
    private final List<Map.Entry<String, String>> tenantKeys;
    private final IntFunction<String> content;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService submissions = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    /**
     * @param tenantKeys tenant id to API key
     * @param content    the user message of the n-th job; where a scenario puts its simulator directives
     */
    SteadyLoad(List<ServiceProcess> ingresses, Map<String, String> tenantKeys, IntFunction<String> content) {
        this.ingresses = ingresses;
        this.tenantKeys = List.copyOf(tenantKeys.entrySet());
        this.content = content;
    }

    void start(int jobsPerSecond) {
        clock.scheduleAtFixedRate(() -> submissions.submit(this::submitOne), 0, 1_000_000 / jobsPerSecond,
                TimeUnit.MICROSECONDS);
    }

    private void submitOne() {
        int n = sent.getAndIncrement();
        Map.Entry<String, String> tenant = tenantKeys.get(n % tenantKeys.size());
        ServiceProcess ingress = ingresses.get(n % ingresses.size());
        // a quarter of the jobs are turns of a few sessions, so the router asks the context-store for their history
        String session = n % 4 == 1 ? ",\"session_id\":\"load-" + (n / 4) % 3 + "\"" : "";
        String body = """
                {"model":"gpt-4o-mini","max_tokens":24%s,"messages":[{"role":"user","content":"%s"}]}"""
                .formatted(session, content.apply(n));
        try {
            Api.Reply reply = Api.post(ingress.baseUrl() + "/v1/jobs", tenant.getValue(), body);
            if (reply.status() == 202) {
                accepted.add(new Accepted(tenant.getKey(), tenant.getValue(), reply.body().path("id").asText()));
            } else {
                refused.merge("HTTP " + reply.status(), 1, Integer::sum);
            }
        } catch (Exception e) {
            // the ingress was down or did not answer in time: not acknowledged, so not owed a result
            refused.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    /** Stops submitting and waits for the answers of the submissions still out. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        submissions.shutdown();
        submissions.awaitTermination(90, TimeUnit.SECONDS);
    }

    int sent() {
        return sent.get();
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    Map<String, Integer> refused() {
        return Map.copyOf(refused);
    }
}
