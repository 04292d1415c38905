package io.switchboard.ingress.limits;

/** The limits that apply to one tenant: its own where set, the defaults otherwise. */
public record TenantLimits(int requestsPerMinute, int tokensPerMinute, int maxConcurrentJobs, int maxTokens) {

    public static TenantLimits of(Integer requestsPerMinute, Integer tokensPerMinute, Integer maxConcurrentJobs,
            Integer maxTokens, LimitsConfig defaults) {
        return new TenantLimits(
                requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute(),
                tokensPerMinute != null ? tokensPerMinute : defaults.tokensPerMinute(),
                maxConcurrentJobs != null ? maxConcurrentJobs : defaults.maxConcurrentJobs(),
                maxTokens != null ? maxTokens : defaults.maxTokens());
    }
}
