package io.switchboard.ingress.tracing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The negative control of {@link TraceChainTest}: the same cancellation with tracing off on the publishing
 * channel. Its check must fail here, or it would pass whatever the headers carried.
 */
@QuarkusTest
@TestProfile(TracingOffOnTheStatusChannel.class)
class TraceChainBrokenTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void withoutTracingOnThePublishingChannelTheConsumerStartsATraceOfItsOwn() {
        CancellationTrace trace = CancellationTrace.ofANewCancellation(spans);

        assertFalse(trace.isOneParentChain(), trace.toString());
        assertTrue(trace.producer().isEmpty(), trace.toString());
        assertNotEquals(trace.server().getTraceId(), trace.consumer().getTraceId(), trace.toString());
    }
}
