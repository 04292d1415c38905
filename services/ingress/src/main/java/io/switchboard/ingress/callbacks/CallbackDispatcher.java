package io.switchboard.ingress.callbacks;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.WebhookSignature;
import io.switchboard.ingress.jobs.JobStore;
import io.switchboard.ingress.jobs.JobView;
import io.switchboard.ingress.tenancy.TenantStore;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * Delivers due callbacks: POSTs the finished job, signed with the tenant's webhook secret, and retries
 * with a doubling backoff until the receiver answers 2xx or the attempts run out.
 */
@ApplicationScoped
public class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final CallbackStore callbacks;
    private final JobStore jobs;
    private final TenantStore tenants;
    private final CallbackConfig config;
    private final ObjectMapper json;
    private final WebClient client;
    private final CallbackTargets targets;

    CallbackDispatcher(CallbackStore callbacks, JobStore jobs, TenantStore tenants, CallbackConfig config,
            ObjectMapper json, Vertx vertx, CallbackTargets targets) {
        this.targets = targets;
        this.callbacks = callbacks;
        this.jobs = jobs;
        this.tenants = tenants;
        this.config = config;
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    @Scheduled(every = "${switchboard.ingress.callbacks.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverDue() {
        return callbacks.claimDue(BATCH, Instant.now().plus(LEASE))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndMerge(this::deliver)
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("callback delivery round failed: %s", failure.toString());
                    return null;
                });
    }

    private Uni<Void> deliver(String jobId) {
        return callbacks.find(jobId).flatMap(callback -> jobs.findForTenant(jobId, callback.tenantId)
                .flatMap(job -> tenants.tenant(callback.tenantId).flatMap(tenant -> {
                    if (tenant == null || tenant.webhookSecret == null) {
                        return callbacks.recordAttempt(jobId, 0, "the tenant has no webhook secret", false, null);
                    }
                    if (!targets.isAllowed(callback.url)) {
                        return callbacks.recordAttempt(jobId, 0, "the callback URL is not a public address", false, null);
                    }
                    String body = body(JobView.of(job));
                    long timestamp = Instant.now().getEpochSecond();
                    return client.postAbs(callback.url)
                            .timeout(config.timeout().toMillis())
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Switchboard-Event", "job." + job.status)
                            .putHeader("Switchboard-Delivery", jobId + "/" + (callback.attempts + 1))
                            .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(tenant.webhookSecret, timestamp, body))
                            // the receiver's answer is not read: a body without end must not fill our memory
                            .as(BodyCodec.none())
                            .sendBuffer(Buffer.buffer(body))
                            .flatMap(response -> response.statusCode() / 100 == 2
                                    ? callbacks.recordAttempt(jobId, response.statusCode(), null, true, null)
                                    : failed(callback, response.statusCode(), "HTTP " + response.statusCode()))
                            .onFailure().recoverWithUni(failure -> failed(callback, 0, failure.getClass().getSimpleName()));
                })));
    }

    private Uni<Void> failed(CallbackRecord callback, int status, String error) {
        int attempt = callback.attempts + 1;
        Instant retryAt = attempt >= config.maxAttempts() ? null : Instant.now().plus(backoff(attempt));
        return callbacks.recordAttempt(callback.jobId, status, error, false, retryAt);
    }

    private Duration backoff(int attempt) {
        Duration wait = config.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private String body(JobView job) {
        try {
            return json.writeValueAsString(job);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("job cannot be written as JSON", e);
        }
    }
}
