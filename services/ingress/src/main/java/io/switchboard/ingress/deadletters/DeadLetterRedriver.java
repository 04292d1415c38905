package io.switchboard.ingress.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.DeadLetterRedriven;
import io.switchboard.contracts.serde.EventJson;

/**
 * Re-publishes chosen dead-letter records to the topic they failed on, each at most once. A record's copy and its
 * {@link DeadLetterRedriven} audit event go out in one Kafka transaction, so the audit topic never lacks a redrive
 * that happened nor holds one that did not; a record the audit topic names already is not published again. Redrives
 * in this process run one at a time; two replicas redriving the same record at the same moment could both publish
 * it (docs/operations.md says to redrive from one place), which the topics' consumers, idempotent by event id,
 * absorb. Blocking: called on a worker thread.
 */
@ApplicationScoped
class DeadLetterRedriver {

    private static final Logger LOG = Logger.getLogger(DeadLetterRedriver.class);
    static final String SOURCE = "/switchboard/ingress";
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaClients clients;
    private final DeadLetterReader reader;
    private final RedriveLog log;
    private KafkaProducer<String, byte[]> producer;

    DeadLetterRedriver(KafkaClients clients, DeadLetterReader reader, RedriveLog log) {
        this.clients = clients;
        this.reader = reader;
        this.log = log;
    }

    /** A record chosen by its coordinates on the dead-letter topic. */
    record Chosen(int partition, long offset) {
    }

    synchronized List<RedriveOutcome> redrive(Topic deadLetters, List<Chosen> chosen, String note) {
        String target = DeadLetterTopics.originOf(deadLetters);
        Set<String> done = log.redrivenFrom(deadLetters.topicName());
        List<RedriveOutcome> outcomes = new ArrayList<>(chosen.size());
        try (DeadLetterReader.Lookup lookup = reader.lookup(deadLetters.topicName())) {
            for (Chosen record : chosen) {
                String id = DeadLetterRedriven.redriveIdFor(deadLetters.topicName(), record.partition(),
                        record.offset());
                if (done.contains(id)) {
                    outcomes.add(RedriveOutcome.alreadyRedriven(record.partition(), record.offset()));
                    continue;
                }
                Optional<ConsumerRecord<String, byte[]>> found = lookup.at(record.partition(), record.offset());
                if (found.isEmpty()) {
                    outcomes.add(RedriveOutcome.notFound(record.partition(), record.offset()));
                    continue;
                }
                RecordMetadata copy = publish(found.get(), target, id, note);
                done.add(id);
                LOG.infof("dead-letter record %s redriven to %s-%d@%d", id, target, copy.partition(), copy.offset());
                outcomes.add(RedriveOutcome.redriven(record.partition(), record.offset(), target, copy.partition(),
                        copy.offset()));
            }
        }
        return outcomes;
    }

    private RecordMetadata publish(ConsumerRecord<String, byte[]> deadLetter, String target, String id, String note) {
        KafkaProducer<String, byte[]> writer = producer();
        writer.beginTransaction();
        try {
            RecordMetadata copy = writer.send(DeadLetterCopy.of(deadLetter, target, id))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            DeadLetterRedriven audit = new DeadLetterRedriven(EventType.SCHEMA_VERSION, id, deadLetter.topic(),
                    deadLetter.partition(), deadLetter.offset(), target, copy.partition(), copy.offset(),
                    DeadLetterView.text(deadLetter.headers(), "dead-letter-reason"), note, Instant.now());
            writer.send(CloudEvents.record(EventType.DEAD_LETTER_REDRIVEN, SOURCE, id, Topic.AUDIT.topicName(),
                    deadLetter.topic(), id, json(audit))).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            writer.commitTransaction();
            return copy;
        } catch (Exception e) {
            abandon(writer);
            throw new IllegalStateException("redriving " + id + " failed; nothing of it was published", e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.transactionalWriter();
            producer.initTransactions();
        }
        return producer;
    }

    /** Aborts the open transaction; a producer that cannot abort (fenced, or broken) is replaced on the next use. */
    private void abandon(KafkaProducer<String, byte[]> writer) {
        try {
            writer.abortTransaction();
        } catch (KafkaException e) {
            writer.close();
            producer = null;
        }
    }

    private static byte[] json(DeadLetterRedriven audit) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(audit);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event can always be written", e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
