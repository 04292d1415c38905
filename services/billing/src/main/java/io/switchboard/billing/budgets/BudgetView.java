package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;

import io.switchboard.billing.money.Money;

/**
 * A budget as the API shows it. {@code limit_amount}, {@code spent} and {@code reserved} are whole numbers in the
 * unit (picodollars or tokens); {@code limit} repeats the limit as written: dollars (exact) or tokens.
 */
public record BudgetView(String id, String object, String scope, String tenantId, String apiKeyId, String model,
        String period, String timeZone, String unit, String limit, long limitAmount, String enforcement,
        Instant createdAt, Instant updatedAt, CurrentPeriod currentPeriod) {

    /** The period in force now: its start, its end (null for lifetime), spent and reserved so far. */
    public record CurrentPeriod(Instant start, Instant end, BigDecimal spent, BigDecimal reserved) {
    }

    static BudgetView of(Budget budget, BudgetStore.PeriodState state) {
        String limit = budget.unit() == BudgetUnit.USD
                ? new Money(budget.limit()).dollars().stripTrailingZeros().toPlainString()
                : Long.toString(budget.limit());
        CurrentPeriod current = state == null ? null
                : new CurrentPeriod(state.periodStart(), budget.period().nextStart(state.periodStart(), budget.timeZone()),
                        state.spent(), state.reserved());
        return new BudgetView(budget.id(), "budget", budget.scope().wire(), budget.tenantId(), budget.apiKeyId(),
                budget.model(), budget.period().wire(), budget.timeZone().getId(), budget.unit().wire(), limit,
                budget.limit(), budget.enforcement().wire(), budget.createdAt(), budget.updatedAt(), current);
    }
}
