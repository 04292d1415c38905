package io.switchboard.ingress.tracing;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.switchboard.contracts.Topic;
import io.switchboard.testing.KafkaProbe;

/**
 * One cancellation, followed through the ingress's spans: the HTTP call that asks for it (SERVER), the
 * publication of its status event (PRODUCER) and the job view's consumer that reads that very record back
 * (CONSUMER, found by the record's partition and offset, so that it is found whether or not it joined the trace).
 * The ingress both serves the call and consumes what it published, so the whole chain is real in one module test.
 */
record CancellationTrace(SpanData server, Optional<SpanData> producer, SpanData consumer) {

    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final String STATUS_TOPIC = Topic.JOB_STATUS.topicName();

    /** Submits a job, cancels it, and waits until the job view's consumer has read the cancellation back. */
    static CancellationTrace ofANewCancellation(InMemorySpanExporter spans) {
        String jobId = given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"trace me\"}]}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        given().header("Authorization", bearer(ACME_KEY)).post("/v1/jobs/" + jobId + "/cancel").then().statusCode(200);
        ConsumerRecord<String, String> published = KafkaProbe.shared().await(STATUS_TOPIC,
                r -> r.value().contains(jobId) && r.value().toLowerCase().contains("cancel"), Duration.ofSeconds(30));

        return await().atMost(Duration.ofSeconds(30)).until(() -> find(spans.getFinishedSpanItems(), jobId, published),
                Optional::isPresent).orElseThrow();
    }

    private static Optional<CancellationTrace> find(List<SpanData> spans, String jobId,
            ConsumerRecord<String, String> published) {
        Optional<SpanData> server = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER)
                .filter(s -> ("/v1/jobs/" + jobId + "/cancel").equals(s.getAttributes().get(URL_PATH))).findFirst();
        Optional<SpanData> consumer = spans.stream().filter(s -> s.getKind() == SpanKind.CONSUMER)
                .filter(s -> STATUS_TOPIC.equals(s.getAttributes().get(DESTINATION)))
                .filter(s -> Integer.toString(published.partition()).equals(s.getAttributes().get(PARTITION)))
                .filter(s -> Long.valueOf(published.offset()).equals(s.getAttributes().get(OFFSET))).findFirst();
        if (server.isEmpty() || consumer.isEmpty()) {
            return Optional.empty();
        }
        Optional<SpanData> producer = spans.stream().filter(s -> s.getKind() == SpanKind.PRODUCER)
                .filter(s -> s.getTraceId().equals(server.get().getTraceId()))
                .filter(s -> STATUS_TOPIC.equals(s.getAttributes().get(DESTINATION))).findFirst();
        return Optional.of(new CancellationTrace(server.get(), producer, consumer.get()));
    }

    /** SERVER → PRODUCER → CONSUMER, each the parent of the next, in one trace. */
    boolean isOneParentChain() {
        return producer.isPresent()
                && producer.get().getTraceId().equals(server.getTraceId())
                && producer.get().getParentSpanId().equals(server.getSpanId())
                && consumer.getTraceId().equals(server.getTraceId())
                && consumer.getParentSpanId().equals(producer.get().getSpanId());
    }

    @Override
    public String toString() {
        return "server " + describe(server) + ", producer " + producer.map(CancellationTrace::describe).orElse("none")
                + ", consumer " + describe(consumer);
    }

    private static String describe(SpanData span) {
        return "'" + span.getName() + "' (trace " + span.getTraceId() + ", span " + span.getSpanId() + ", parent "
                + span.getParentSpanId() + ")";
    }
}
