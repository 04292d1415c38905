package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An operator re-published a dead-lettered record to the topic it had failed on, after a fix. Topic
 * {@code switchboard.audit.v1}, keyed by the dead-letter topic. A record is redriven at most once: its
 * {@code redrive_id} (also the CloudEvents id) is made of the dead-letter record's coordinates, and the redrive
 * looks for it on the audit topic before it publishes.
 *
 * <p>{@code target_partition} and {@code target_offset} say where the copy landed; {@code dead_letter_reason} is the
 * failure the record was dead-lettered for, {@code note} what the operator gave as the reason for the redrive.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetterRedriven(
        int schemaVersion,
        String redriveId,
        String deadLetterTopic,
        Integer deadLetterPartition,
        Long deadLetterOffset,
        String targetTopic,
        Integer targetPartition,
        Long targetOffset,
        String deadLetterReason,
        String note,
        Instant redrivenAt) {

    public DeadLetterRedriven {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(redriveId, "redrive_id");
        EventContract.required(deadLetterTopic, "dead_letter_topic");
        EventContract.required(deadLetterPartition, "dead_letter_partition");
        EventContract.required(deadLetterOffset, "dead_letter_offset");
        EventContract.required(targetTopic, "target_topic");
        EventContract.required(targetPartition, "target_partition");
        EventContract.required(targetOffset, "target_offset");
        EventContract.required(note, "note");
        EventContract.required(redrivenAt, "redriven_at");
        if (!redriveId.equals(redriveIdFor(deadLetterTopic, deadLetterPartition, deadLetterOffset))) {
            throw new IllegalArgumentException("redrive_id must be <dead_letter_topic>/<partition>/<offset>");
        }
    }

    /** The one id a dead-letter record's redrive can have: redriving it again is recognisably the same. */
    public static String redriveIdFor(String deadLetterTopic, int partition, long offset) {
        return deadLetterTopic + "/" + partition + "/" + offset;
    }
}
