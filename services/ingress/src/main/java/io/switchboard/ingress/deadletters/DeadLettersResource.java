package io.switchboard.ingress.deadletters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.DeadLetterRedriven;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.KnownParameters;

/**
 * The operators' dead-letter tools (the admin credential, as for tenants and routes): see what each dead-letter topic
 * holds and why, and redrive chosen records to the topic they failed on once the cause is fixed. Every redrive is
 * recorded on {@code switchboard.audit.v1}; docs/operations.md has the runbook.
 */
@Path("/admin/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // plain Kafka clients, reading by offset
public class DeadLettersResource {

    static final int MAX_PAGE = 100;
    static final int MAX_REDRIVE = 100;
    static final int MAX_NOTE = 500;
    private static final Set<String> PAGE_PARAMETERS = Set.of("partition", "from_offset", "limit");

    private final DeadLetterReader reader;
    private final RedriveLog log;
    private final DeadLetterRedriver redriver;

    DeadLettersResource(DeadLetterReader reader, RedriveLog log, DeadLetterRedriver redriver) {
        this.reader = reader;
        this.log = log;
        this.redriver = redriver;
    }

    /** Every dead-letter topic of the catalog, with the topic it serves and how many records it holds now. */
    @GET
    public Map<String, Object> topics() {
        List<Map<String, Object>> data = new ArrayList<>();
        reader.sizes(DeadLetterTopics.all()).forEach((topic, size) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", topic.topicName());
            row.put("origin_topic", DeadLetterTopics.originOf(topic));
            row.put("partitions", topic.partitions());
            row.put("records", size);
            data.add(row);
        });
        return list(data, null);
    }

    /** A page of one partition's records, oldest first; {@code next_offset} continues it, null at the end. */
    @GET
    @Path("/{topic}")
    public Map<String, Object> records(@Context UriInfo uri, @RestPath String topic, @RestQuery String partition,
            @RestQuery("from_offset") String fromOffset, @RestQuery String limit) {
        KnownParameters.require(uri, PAGE_PARAMETERS);
        Topic deadLetters = deadLetterTopic(topic);
        int p = (int) number("partition", partition, 0, 0, deadLetters.partitions() - 1);
        long from = number("from_offset", fromOffset, 0, 0, Long.MAX_VALUE);
        int size = (int) number("limit", limit, 20, 1, MAX_PAGE);
        List<ConsumerRecord<String, byte[]>> page = reader.page(topic, p, from, size + 1);
        Set<String> redriven = log.redrivenFrom(topic);
        List<DeadLetterView> data = page.stream().limit(size)
                .map(record -> DeadLetterView.of(record, redriven.contains(
                        DeadLetterRedriven.redriveIdFor(topic, p, record.offset()))))
                .toList();
        return list(data, page.size() > size ? page.get(size).offset() : null);
    }

    /** Re-publishes the chosen records, each at most once; answers what became of each, in the order asked. */
    @POST
    @Path("/{topic}/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> redrive(@RestPath String topic, RedriveRequest request) {
        Topic deadLetters = deadLetterTopic(topic);
        if (request == null || request.records() == null || request.records().isEmpty()) {
            throw ApiException.invalidRequest("'records' must name at least one record by partition and offset.",
                    "records", "missing_required_parameter");
        }
        if (request.records().size() > MAX_REDRIVE) {
            throw ApiException.invalidRequest("At most " + MAX_REDRIVE + " records per redrive.", "records",
                    "too_many_records");
        }
        if (request.note() == null || request.note().isBlank() || request.note().length() > MAX_NOTE) {
            throw ApiException.invalidRequest("'note' must say why the records are redriven (1 to " + MAX_NOTE
                    + " characters); it is kept in the audit event.", "note", "invalid_note");
        }
        List<DeadLetterRedriver.Chosen> chosen = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            RedriveRequest.Chosen record = request.records().get(i);
            String param = "records[" + i + "]";
            if (record == null || record.partition() == null || record.offset() == null) {
                throw ApiException.invalidRequest(param + " needs a partition and an offset.", param,
                        "missing_required_parameter");
            }
            if (record.partition() < 0 || record.partition() >= deadLetters.partitions() || record.offset() < 0) {
                throw ApiException.invalidRequest(param + " is outside " + topic + " (partitions 0 to "
                        + (deadLetters.partitions() - 1) + ", offsets from 0).", param, "invalid_value");
            }
            chosen.add(new DeadLetterRedriver.Chosen(record.partition(), record.offset()));
        }
        return list(redriver.redrive(deadLetters, chosen, request.note().strip()), null);
    }

    private static Topic deadLetterTopic(String name) {
        return DeadLetterTopics.named(name).orElseThrow(() -> ApiException.notFound("No dead-letter topic '" + name
                + "'. GET /admin/v1/dead-letters lists them.", "dead_letter_topic_not_found"));
    }

    private static long number(String param, String value, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as an out-of-range number is
        }
        throw ApiException.invalidRequest("'" + param + "' must be a whole number from " + min + " to " + max + ".",
                param, "invalid_value");
    }

    private static Map<String, Object> list(List<?> data, Long nextOffset) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        list.put("next_offset", nextOffset);
        return list;
    }
}
