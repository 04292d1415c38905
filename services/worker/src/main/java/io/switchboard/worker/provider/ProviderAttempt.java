package io.switchboard.worker.provider;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.tokens.PromptTokens;
import io.switchboard.worker.provider.budget.BudgetWait;
import io.switchboard.worker.provider.budget.KeyBudget;
import io.switchboard.worker.provider.budget.Reservation;
import io.switchboard.worker.provider.budget.TokenEstimate;
import io.switchboard.worker.provider.circuit.TargetCircuits;
import io.switchboard.worker.provider.keys.KeyChoice;
import io.switchboard.worker.provider.keys.ProviderKey;
import io.switchboard.worker.provider.keys.ProviderKeys;
import io.switchboard.worker.stream.ChunkRelays;

/**
 * One call of a job to the provider, made only when it can succeed: the job's target's circuit must be
 * closed (else {@code provider_circuit_open} at once), a key with budget must be reserved (waiting for one
 * if need be), and afterwards the key's budget is settled with what the call used, given back if it failed,
 * or the key paused for every replica if the provider said 429.
 */
@ApplicationScoped
public class ProviderAttempt {

    public static final String CREDENTIALS_UNKNOWN = "provider_credentials_unknown";
    private static final Logger LOG = Logger.getLogger(ProviderAttempt.class);

    private final ProviderClient client;
    private final ChunkRelays relays;
    private final ProviderKeys keys;
    private final BudgetWait budgetWait;
    private final KeyBudget budget;
    private final TargetCircuits circuits;
    private final ProviderConfig config;

    ProviderAttempt(ProviderClient client, ChunkRelays relays, ProviderKeys keys, BudgetWait budgetWait,
            KeyBudget budget, TargetCircuits circuits, ProviderConfig config) {
        this.client = client;
        this.relays = relays;
        this.keys = keys;
        this.budgetWait = budgetWait;
        this.budget = budget;
        this.circuits = circuits;
        this.config = config;
    }

    void loadTheTokenizer(@Observes StartupEvent start) {
        PromptTokens.load();
    }

    public Uni<ProviderOutcome> call(JobDispatched job) {
        return switch (keys.choiceFor(job)) {
            case KeyChoice.Unknown unknown -> {
                // the name is configuration, not a secret; the job says which route asked for it
                LOG.warnf("job %s: its route names credentials '%s' that worker %s does not hold", job.jobId(),
                        unknown.name(), config.provider());
                yield Uni.createFrom().item(new ProviderOutcome.Failed(CREDENTIALS_UNKNOWN,
                        "The route names provider credentials this worker does not hold.", 0, false, null));
            }
            case KeyChoice.Among among -> job.attempt() > 1
                    ? circuits.callAgain(TargetCircuits.targetOf(job.provider(), job.providerModel()),
                            () -> reserveAndCall(job, among.keys()))
                    : circuits.call(TargetCircuits.targetOf(job.provider(), job.providerModel()),
                            () -> reserveAndCall(job, among.keys()));
        };
    }

    private Uni<ProviderOutcome> reserveAndCall(JobDispatched job, List<ProviderKey> candidates) {
        return budgetWait.reserve(candidates, TokenEstimate.of(job.request(), config.defaultMaxTokens()))
                .chain(reservation -> send(job, reservation.key())
                        .call(outcome -> account(reservation, outcome)))
                .onFailure(BudgetWait.NoBudget.class).recoverWithItem(() -> new ProviderOutcome.Failed(
                        ProviderFailures.RATE_LIMITED,
                        "No provider key had capacity for this job within the gateway's longest wait.", 0, false,
                        null));
    }

    private Uni<ProviderOutcome> send(JobDispatched job, ProviderKey key) {
        // each attempt streams under its own id: a caller can tell a retry's chunks from an earlier attempt's
        return job.request().streamed() ? client.stream(job, relays.open(job), key.secret())
                : client.complete(job, key.secret());
    }

    /** Budget bookkeeping never fails the call it follows: at worst a key's count is off for a minute. */
    private Uni<Void> account(Reservation reservation, ProviderOutcome outcome) {
        Uni<Void> bookkeeping = switch (outcome) {
            case ProviderOutcome.Completed completed -> budget.settle(reservation, usedTokens(completed.completion(),
                    reservation.tokens()));
            case ProviderOutcome.Failed failed when failed.httpStatus() == 429 && failed.retryAfter() != null ->
                    budget.pause(reservation.key(), failed.retryAfter()).chain(() -> budget.release(reservation));
            case ProviderOutcome.Failed failed -> budget.release(reservation);
        };
        return bookkeeping.onFailure().recoverWithItem(failure -> {
            LOG.warnf("budget of key %s not updated (%s)", reservation.key().name(), failure.toString());
            return null;
        });
    }

    private static int usedTokens(JsonNode completion, int estimate) {
        JsonNode total = completion.path("usage").path("total_tokens");
        return total.isNumber() ? total.asInt() : estimate;
    }
}
