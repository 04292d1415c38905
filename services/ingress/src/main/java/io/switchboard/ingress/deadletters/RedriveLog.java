package io.switchboard.ingress.deadletters;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.switchboard.contracts.Topic;

/**
 * What was redriven already, as the audit topic records it (read committed, so a redrive whose transaction aborted
 * does not count). The audit topic is the one record of redrives: no other store can disagree with it.
 */
@ApplicationScoped
class RedriveLog {

    private final DeadLetterReader reader;

    RedriveLog(DeadLetterReader reader) {
        this.reader = reader;
    }

    /** The redrive ids (dead-letter coordinates) recorded for records of {@code deadLetterTopic}. */
    Set<String> redrivenFrom(String deadLetterTopic) {
        Set<String> ids = new HashSet<>();
        // every partition there is: a broker that created the topic on first use gave it its default count
        for (int partition : reader.partitions(Topic.AUDIT.topicName())) {
            for (ConsumerRecord<String, byte[]> record : reader.whole(Topic.AUDIT.topicName(), partition)) {
                String id = DeadLetterView.text(record.headers(), "ce_id");
                if (deadLetterTopic.equals(record.key()) && id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
