package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The right token counts of a usage event booked with wrong ones: the usage is to be billed as if it had carried
 * these counts, at its own time, model and price. Everything else of the usage (model, provider, key, batch lane,
 * time) stays as booked; usage that belongs elsewhere is a void and a new usage event, not an amend. Counts follow
 * {@link TokensUsed}'s convention (the cache and reasoning counts are parts of the prompt and completion counts).
 * Topic {@code switchboard.usage.v1}, keyed by tenant id, CloudEvents type {@code io.switchboard.usage.amended.v1},
 * its own {@code ce_id}. (contracts 0.15)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageAmended(
        int schemaVersion,
        String tenantId,
        String correctsEventId,
        String reason,
        int promptTokens,
        int completionTokens,
        int totalTokens,
        Integer cachedTokens,
        Integer cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") Integer cacheWrite1hTokens,
        Integer reasoningTokens,
        Instant issuedAt) implements UsageCorrection {

    public UsageAmended {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(correctsEventId, "corrects_event_id");
        EventContract.required(reason, "reason");
        EventContract.required(issuedAt, "issued_at");
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        TokenParts.check(promptTokens, completionTokens, cachedTokens, cacheWriteTokens, cacheWrite1hTokens,
                reasoningTokens);
    }
}
