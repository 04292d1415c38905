package io.switchboard.evaluator.spend;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The configured caps, and which of them a scope's totals reach. A cap of 0 (or less) is no cap. */
public record SpendCaps(long tokensPerHourPerTenant, long tokensPerHourOverall, BigDecimal costPerDayPerTenant,
        BigDecimal costPerDayOverall) {

    public static final SpendCaps NONE = new SpendCaps(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

    static SpendCaps of(SpendConfig config) {
        return new SpendCaps(config.tokensPerHourPerTenant(), config.tokensPerHourOverall(),
                config.costPerDayPerTenant(), config.costPerDayOverall());
    }

    public boolean none() {
        return tokensPerHourPerTenant <= 0 && tokensPerHourOverall <= 0 && costPerDayPerTenant.signum() <= 0
                && costPerDayOverall.signum() <= 0;
    }

    /** The caps the totals have reached: spend at or above a limit. */
    public List<ReachedCap> reached(SpendTotals totals) {
        boolean overall = JudgeSpend.OVERALL.equals(totals.scope());
        long tokenLimit = overall ? tokensPerHourOverall : tokensPerHourPerTenant;
        BigDecimal costLimit = overall ? costPerDayOverall : costPerDayPerTenant;
        List<ReachedCap> reached = new ArrayList<>(2);
        if (tokenLimit > 0 && totals.hourTokens() >= tokenLimit) {
            reached.add(new ReachedCap(totals.scope(), Cap.TOKENS_PER_HOUR, totals.hour(),
                    totals.hour().plus(1, ChronoUnit.HOURS), BigDecimal.valueOf(tokenLimit),
                    BigDecimal.valueOf(totals.hourTokens())));
        }
        if (costLimit.signum() > 0 && totals.dayCost().compareTo(costLimit) >= 0) {
            reached.add(new ReachedCap(totals.scope(), Cap.COST_PER_DAY, totals.day(),
                    totals.day().plus(1, ChronoUnit.DAYS), costLimit, totals.dayCost()));
        }
        return reached;
    }
}
