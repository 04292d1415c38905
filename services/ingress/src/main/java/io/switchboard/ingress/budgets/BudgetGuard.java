package io.switchboard.ingress.budgets;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.jobs.JobSubmission;
import io.switchboard.ingress.routes.RouteTargets;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * Hard budgets at the door: before a job is accepted, its worst case is reserved with billing, atomically against
 * every hard budget that applies, whichever replica asks. Refused, the caller gets OpenAI's 429
 * {@code insufficient_quota}, without {@code Retry-After} (waiting does not help; a new period or a higher limit
 * does). Billing unreachable: a job a hard budget may apply to is refused with a 503 (fail closed), any other goes on
 * (fail open); see {@link HardBudgetScopes}. Counted in {@code switchboard.budgets.reservations{outcome}}.
 */
@ApplicationScoped
public class BudgetGuard {

    private static final Logger LOG = Logger.getLogger(BudgetGuard.class);
    /** A 503's Retry-After: billing is usually back within seconds (a restart). */
    private static final int RETRY_AFTER_SECONDS = 5;
    /** OpenAI's type and code for a refusal by a budget. */
    public static final String INSUFFICIENT_QUOTA = "insufficient_quota";

    private final BudgetsClient billing;
    private final BudgetsConfig config;
    private final HardBudgetScopes scopes;
    private final RouteTargets routes;
    private final MeterRegistry metrics;
    private final Timer latency;

    BudgetGuard(@RestClient BudgetsClient billing, BudgetsConfig config, HardBudgetScopes scopes, RouteTargets routes,
            MeterRegistry metrics) {
        this.billing = billing;
        this.config = config;
        this.scopes = scopes;
        this.routes = routes;
        this.metrics = metrics;
        this.latency = Timer.builder("switchboard.budgets.reserve.latency")
                .description("Time a job waits for billing's answer to its reservation, whatever the answer")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    /**
     * Reserves the job's worst case, or fails with the caller's answer.
     *
     * @param promptTokens the prompt as the ingress counts it ({@code TokenEstimator})
     * @param lane         where the job queues: a job of the batch lane is priced at the batch price, as its usage is
     */
    public Uni<Void> reserve(KeyOwner owner, String jobId, JobSubmission submission, int promptTokens, Lane lane) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        List<ReservationAsk.Target> targets = targetsOf(submission.model());
        if (targets.isEmpty()) {
            count("no_route"); // the router fails such a job, and nothing is billed
            return Uni.createFrom().voidItem();
        }
        ReservationAsk ask = new ReservationAsk(jobId, owner.tenantId(), owner.keyId(), submission.model(),
                promptTokens + (submission.sessionId() != null ? config.sessionContextTokens() : 0L),
                completionCap(submission), targets, lane == Lane.BATCH,
                Instant.now().plus(config.reservationLifetime()));
        long started = System.nanoTime();
        return billing.reserve(ask).ifNoItem().after(config.reserveTimeout()).fail()
                .onTermination().invoke(() -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .invoke(() -> count("accepted"))
                .onFailure().recoverWithUni(failure -> refuseOrPass(ask, failure))
                .replaceWithVoid();
    }

    /** Gives a job's reservation back (cancelled, or not accepted after all). Never fails: the sweeper is the backstop. */
    public Uni<Void> release(String jobId) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return billing.release(jobId).ifNoItem().after(config.reserveTimeout()).fail()
                .invoke(() -> metrics.counter("switchboard.budgets.releases", "outcome", "released").increment())
                .onFailure().recoverWithItem(failure -> {
                    metrics.counter("switchboard.budgets.releases", "outcome", "failed").increment();
                    LOG.warnf("reservation of job %s not released (%s); billing's sweeper releases it when it expires",
                            jobId, failure.toString());
                    return null;
                })
                .replaceWithVoid();
    }

    /**
     * Gives back the reservation of a job that ended without usage, when a hard budget may apply to it (a job no
     * hard budget applied to reserved nothing: no call to billing for it).
     */
    public Uni<Void> releaseIfReserved(String tenantId, String model, String jobId) {
        return config.enabled() && scopes.mayApply(tenantId, model) ? release(jobId) : Uni.createFrom().voidItem();
    }

    /**
     * The answer to a job a hard budget refused: OpenAI's 429 {@code insufficient_quota}, no {@code Retry-After}. A
     * batch line refused so ends with this answer in its batch's error file.
     */
    public static ApiException quotaExceeded() {
        return new ApiException(429, INSUFFICIENT_QUOTA, "You exceeded your current quota: a hard budget cannot take "
                + "this request's worst-case cost. Check your budgets or wait for the next budget period.", null,
                INSUFFICIENT_QUOTA, null);
    }

    /** Whether a failure of {@link #reserve} is a hard budget's refusal (final), not billing being unreachable. */
    public static boolean isRefusal(Throwable failure) {
        return failure instanceof ApiException answer && answer.status() == 429
                && INSUFFICIENT_QUOTA.equals(answer.code());
    }

    private <T> Uni<T> refuseOrPass(ReservationAsk ask, Throwable failure) {
        if (failure instanceof BudgetRefusal refusal) {
            count("refused");
            LOG.infof("budget refusal: job=%s tenant=%s %s", ask.jobId(), ask.tenantId(), refusal.describe());
            return Uni.createFrom().failure(quotaExceeded());
        }
        // a timeout is billing alive but slow: the reservation may stand, and the scopes this replica knows may predate
        // a budget just created (HardBudgetIT in CI: a $1.00 budget overspent by $1.04 through such fail-opens)
        if (failure instanceof TimeoutException || scopes.mayApply(ask.tenantId(), ask.model())) {
            count("fail_closed");
            LOG.warnf("job %s of tenant %s refused: billing could not reserve its worst case (%s) and a hard budget "
                    + "may apply", ask.jobId(), ask.tenantId(), failure.toString());
            // a reservation that timed out here may still have been made: give it back rather than hold it till expiry
            return release(ask.jobId()).chain(() -> Uni.createFrom().failure(ApiException.unavailable(
                    "Your budget could not be checked right now; the request was not accepted. Please retry.",
                    RETRY_AFTER_SECONDS)));
        }
        count("fail_open");
        LOG.warnf("job %s of tenant %s accepted unreserved: billing could not be reached (%s) and no hard budget "
                + "applies", ask.jobId(), ask.tenantId(), failure.toString());
        return Uni.createFrom().nullItem();
    }

    private List<ReservationAsk.Target> targetsOf(String alias) {
        Set<ReservationAsk.Target> targets = new LinkedHashSet<>();
        for (RouteDefinition.Target target : routes.of(alias)) {
            targets.add(new ReservationAsk.Target(target.provider(), target.model()));
        }
        return List.copyOf(targets);
    }

    private long completionCap(JobSubmission submission) {
        Integer max = submission.effectiveMaxTokens();
        return max != null ? max : config.defaultCompletionCap();
    }

    private void count(String outcome) {
        metrics.counter("switchboard.budgets.reservations", "outcome", outcome).increment();
    }
}
