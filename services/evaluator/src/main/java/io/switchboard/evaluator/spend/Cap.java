package io.switchboard.evaluator.spend;

/** The kinds of judge spend cap, named as the {@code metric} of their {@code BUDGET_EXHAUSTED} alert. */
public enum Cap {
    TOKENS_PER_HOUR("judge_tokens_per_hour"),
    COST_PER_DAY("judge_cost_per_day");

    private final String metric;

    Cap(String metric) {
        this.metric = metric;
    }

    public String metric() {
        return metric;
    }
}
