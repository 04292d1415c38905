package io.switchboard.ingress.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The trace context crosses Kafka in the record's headers: the consumer's span is a child of the producer's. */
@QuarkusTest
@TestProfile(TracingOn.class)
class TraceChainTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theHttpCallItsKafkaPublicationAndTheConsumerThatReadsItAreOneParentChain() {
        CancellationTrace trace = CancellationTrace.ofANewCancellation(spans);

        assertTrue(trace.isOneParentChain(), trace.toString());
        assertEquals("ingress-job-view-status",
                trace.consumer().getAttributes().get(AttributeKey.stringKey("messaging.consumer.group.name")),
                trace.toString());
    }
}
