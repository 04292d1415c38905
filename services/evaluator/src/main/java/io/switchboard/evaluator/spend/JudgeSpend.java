package io.switchboard.evaluator.spend;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The judge's spend against its caps ({@link SpendConfig}). The judge path records each reply's tokens and cost;
 * the sampler asks whether a tenant's judging is {@linkplain #exhausted(String) exhausted}, which is answered from
 * memory: set at once when this replica's own record reaches a cap, and refreshed from PostgreSQL every few
 * seconds for what other replicas recorded. A reached cap holds until its window (the hour, the day) ends.
 */
@ApplicationScoped
public class JudgeSpend {

    /** The scope of the caps over all tenants. */
    public static final String OVERALL = "*";

    private static final Logger LOG = Logger.getLogger(JudgeSpend.class);

    private final SpendLedger ledger;
    private final BudgetAlarms alarms;
    private final SpendCaps caps;
    private final Clock clock;
    /** Scope → end of the latest window in which one of its caps is reached. */
    private volatile Map<String, Instant> exhaustedUntil = new ConcurrentHashMap<>();
    /** Alarms known to be raised (here or elsewhere), so a refresh does not claim them again every few seconds. */
    private final Set<AlarmKey> raised = ConcurrentHashMap.newKeySet();

    private record AlarmKey(String scope, Cap cap, Instant windowStart) {
    }

    @Inject
    JudgeSpend(SpendLedger ledger, BudgetAlarms alarms, SpendConfig config) {
        this(ledger, alarms, SpendCaps.of(config), Clock.systemUTC());
    }

    /** A replica built by hand (tests), with its own caps and clock. */
    public JudgeSpend(SpendLedger ledger, BudgetAlarms alarms, SpendCaps caps, Clock clock) {
        this.ledger = ledger;
        this.alarms = alarms;
        this.caps = caps;
        this.clock = clock;
    }

    /** Records what judging one of {@code judgedTenant}'s results cost, at {@code at} (the judge's reply). */
    public Uni<Void> record(String judgedTenant, long tokens, BigDecimal cost, Instant at) {
        Uni<Void> added = ledger.add(judgedTenant, tokens, cost == null ? BigDecimal.ZERO : cost, at);
        if (caps.none()) {
            return added;
        }
        return added.chain(() -> ledger.totals(List.of(judgedTenant, OVERALL), at))
                .chain(totals -> react(totals, exhaustedUntil));
    }

    /** Whether judging the tenant's results is capped now: its own caps or the overall ones are reached. */
    public boolean exhausted(String tenant) {
        Instant now = clock.instant();
        Map<String, Instant> until = exhaustedUntil;
        return now.isBefore(until.getOrDefault(tenant, Instant.MIN)) || now.isBefore(until.getOrDefault(OVERALL,
                Instant.MIN));
    }

    /** Re-reads every scope's spend in the current hour and day, learning of caps reached on other replicas. */
    @Scheduled(every = "${switchboard.evaluator.judge.spend.refresh-every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        if (caps.none()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Instant> fresh = new ConcurrentHashMap<>();
        Instant now = clock.instant();
        raised.removeIf(key -> key.windowStart().isBefore(now.minus(Duration.ofDays(2))));
        return ledger.totals(null, now)
                .chain(totals -> react(totals, fresh))
                .invoke(() -> exhaustedUntil = fresh)
                .onFailure().invoke(failure -> LOG.warnf("judge spend not refreshed: %s", failure.toString()));
    }

    private Uni<Void> react(List<SpendTotals> totals, Map<String, Instant> until) {
        List<ReachedCap> reached = totals.stream().flatMap(total -> caps.reached(total).stream()).toList();
        Map<String, Instant> ends = new HashMap<>();
        reached.forEach(cap -> ends.merge(cap.scope(), cap.windowEnd(), (a, b) -> a.isAfter(b) ? a : b));
        ends.forEach((scope, end) -> until.merge(scope, end, (a, b) -> a.isAfter(b) ? a : b));
        return Multi.createFrom().iterable(reached)
                .filter(cap -> !raised.contains(keyOf(cap)))
                .onItem().transformToUniAndConcatenate(cap -> alarms.raiseOnce(cap)
                        .invoke(() -> raised.add(keyOf(cap)))
                        // the spend is recorded already: a caller retrying on this failure would count it twice;
                        // the next refresh raises the alarm instead
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("judge budget alarm for %s not raised yet: %s", cap.scope(), failure.toString());
                            return false;
                        }))
                .collect().asList()
                .replaceWithVoid();
    }

    private static AlarmKey keyOf(ReachedCap cap) {
        return new AlarmKey(cap.scope(), cap.cap(), cap.windowStart());
    }
}
