package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A usage event taken back whole: the call is not to be billed (e.g. a provider's refund of a failed call). Topic
 * {@code switchboard.usage.v1}, keyed by tenant id, CloudEvents type {@code io.switchboard.usage.voided.v1}; its
 * {@code ce_id} is its own (a fresh id per correction), so billing books it once whatever its deliveries.
 * (contracts 0.15)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageVoided(int schemaVersion, String tenantId, String correctsEventId, String reason,
        Instant issuedAt) implements UsageCorrection {

    public UsageVoided {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(correctsEventId, "corrects_event_id");
        EventContract.required(reason, "reason");
        EventContract.required(issuedAt, "issued_at");
    }
}
