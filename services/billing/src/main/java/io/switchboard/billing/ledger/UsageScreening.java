package io.switchboard.billing.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.billing.pricing.Pricer;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsageCorrection;
import io.switchboard.contracts.events.UsageRecord;
import io.switchboard.contracts.serde.EventJson;

/**
 * Turns the records one poll brought from one partition into a batch to flush: each readable event with an
 * id becomes a priced ledger entry; the rest become dead letters with their reason. The same (tenant, id)
 * twice in one batch is kept once, or, with another payload, dead-lettered, since the statement that books
 * the batch can only compare with entries booked before it.
 */
@ApplicationScoped
public class UsageScreening {

    static final String EVENT_ID = "ce_id";
    /** Where SmallRye's deserializer wrapper leaves what it could not read ({@code DeserializationFailureHandler}). */
    private static final List<String> FAILED_DATA = List.of("deserialization-failure-value-data",
            "deserialization-failure-data");
    private static final String FAILURE_REASON = "deserialization-failure-reason";

    private final Pricer pricer;
    private final LedgerConfig config;
    private final Clock clock;

    @Inject
    UsageScreening(Pricer pricer, LedgerConfig config) {
        this(pricer, config, Clock.systemUTC());
    }

    UsageScreening(Pricer pricer, LedgerConfig config, Clock clock) {
        this.pricer = pricer;
        this.config = config;
        this.clock = clock;
    }

    public PartitionBatch screen(String group, TopicPartition partition, long epoch,
            List<? extends ConsumerRecord<String, ? extends UsageRecord>> records) {
        Instant latestPlausible = clock.instant().plus(config.futureSkew());
        List<LedgerEntry> entries = new ArrayList<>(records.size());
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<CorrectionRequest> corrections = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        long nextOffset = -1;
        for (ConsumerRecord<String, ? extends UsageRecord> record : records) {
            nextOffset = Math.max(nextOffset, record.offset() + 1);
            UsageRecord read = record.value();
            if (read == null) {
                deadLetters.add(unreadable(record));
                continue;
            }
            String eventId = header(record.headers(), EVENT_ID);
            if (eventId == null || eventId.isBlank()) {
                deadLetters.add(letter(record, DeadLetter.NO_EVENT_ID, "usage record without a CloudEvents id (ce_id "
                        + "header): it cannot be booked exactly once"));
                continue;
            }
            if (read instanceof UsageCorrection correction) {
                // booked after this batch's usage, in its transaction, against the entry it corrects (Corrections)
                CorrectionRequest.screen(eventId, correction, record).ifPresentOrElse(corrections::add,
                        () -> deadLetters.add(letter(record, DeadLetter.UNREADABLE, "correction " + eventId
                                + " names its tenant or event with a NUL character")));
                continue;
            }
            TokensUsed usage = (TokensUsed) read;
            if (usage.occurredAt().isAfter(latestPlausible)) {
                deadLetters.add(letter(record, DeadLetter.FUTURE_DATED, "usage event " + eventId + " is dated "
                        + usage.occurredAt() + ", more than " + config.futureSkew() + " in the future"));
                continue;
            }
            long fingerprint = Fingerprint.of(usage);
            Long earlier = seen.putIfAbsent(usage.tenantId() + '\u0000' + eventId, fingerprint);
            if (earlier != null) {
                if (earlier != fingerprint) {
                    deadLetters.add(letter(record, DeadLetter.CONFLICTING_PAYLOAD, "usage event " + eventId
                            + " of tenant " + usage.tenantId() + " came twice in one batch with different payloads"));
                }
                continue;
            }
            PricedUsage price;
            try {
                price = pricer.price(usage);
            } catch (ArithmeticException | IllegalArgumentException unpriceable) {
                // this event cannot be priced however often it is tried (a catalog not loaded yet is an
                // IllegalStateException, which fails the flush, to be tried again)
                deadLetters.add(letter(record, DeadLetter.UNPRICEABLE, "usage event " + eventId + " cannot be priced: "
                        + unpriceable.getMessage()));
                continue;
            }
            entries.add(new LedgerEntry(eventId, usage, fingerprint, BookedTokens.of(usage), price, record.offset(),
                    record.key(), record.headers()));
        }
        return new PartitionBatch(group, partition, epoch, nextOffset, entries, deadLetters, corrections);
    }

    private static DeadLetter unreadable(ConsumerRecord<String, ?> record) {
        String why = header(record.headers(), FAILURE_REASON);
        byte[] raw = null;
        for (String name : FAILED_DATA) {
            Header data = record.headers().lastHeader(name);
            if (data != null && data.value() != null) {
                raw = data.value();
                break;
            }
        }
        return new DeadLetter(DeadLetter.UNREADABLE, why == null ? "usage record without a readable TokensUsed payload"
                : why, record.topic(), record.partition(), record.offset(), record.key(), raw, record.headers());
    }

    static DeadLetter letter(ConsumerRecord<String, ?> record, String reason, String detail) {
        try {
            return new DeadLetter(reason, detail, record.topic(), record.partition(), record.offset(), record.key(),
                    EventJson.MAPPER.writeValueAsBytes(record.value()), record.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a usage record that was read can be written", e);
        }
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
