package io.switchboard.contracts.events;

import java.time.Instant;

/**
 * A correction of a usage event booked before, never an edit of it: billing books it as an entry of its own (keyed
 * by the tenant and the correction's own CloudEvents id), with signed lines, in the corrected usage's hour
 * (contracts 0.15).
 */
public sealed interface UsageCorrection extends UsageRecord permits UsageVoided, UsageAmended {

    /** The {@code ce_id} of the {@code tokens-used} event corrected, of the same tenant. */
    String correctsEventId();

    /** Why, in words, for people reading the ledger: never a secret. */
    String reason();

    /** When the correction was issued. */
    Instant issuedAt();
}
