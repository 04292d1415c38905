package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The answer to a reservation: every applicable hard budget took the job's worst case, or one refused it. */
public sealed interface ReservationOutcome {

    /**
     * Reserved against each of {@code budgets} (none when no hard budget applies). {@code alreadyReserved}: the
     * job had reserved before (a retried request), and nothing was reserved twice.
     */
    record Accepted(String jobId, List<Reserved> budgets, boolean alreadyReserved) implements ReservationOutcome {
    }

    /** One budget's share of an accepted reservation. */
    record Reserved(String budgetId, Instant periodStart, long amount) {
    }

    /** The first budget, in id order, that could not take the job; nothing was reserved anywhere. */
    record Refused(String jobId, Budget budget, Instant periodStart, BigDecimal spent, BigDecimal reserved,
            long asked) implements ReservationOutcome {
    }

    /**
     * A hard budget in money applies, and a target the job may go to has no price in force: its cost has no bound,
     * so the budget cannot hold it and refuses it (fail closed). Nothing was reserved.
     */
    record Unpriced(String jobId, Budget budget, List<String> targets) implements ReservationOutcome {
    }
}
