package io.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

class OtlpReceiverTest {

    private static final String WATCHED = "0af7651916cd43dd8448eb211c80319c";
    private static final String OTHER = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void keepsTheSpansOfWatchedTracesWithTheirServiceAndDropsTheRest() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            receiver.watch(WATCHED);

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(receiver.endpoint() + "/v1/traces")).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(export(WATCHED, OTHER).toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode());
            assertEquals(1, receiver.spansOf(WATCHED).size(), receiver.all().toString());
            OtlpReceiver.ReceivedSpan span = receiver.spansOf(WATCHED).getFirst();
            assertEquals("switchboard-test", span.service());
            assertEquals("b7ad6b7169203331", span.spanId());
            assertEquals("00f067aa0ba902b7", span.parentSpanId());
            assertEquals("CONSUMER", span.kind());
            assertEquals("job-1", span.attributes().get("switchboard.job.id"));
            assertEquals("42", span.attributes().get("gen_ai.usage.input_tokens"));
            assertTrue(receiver.spansOf(OTHER).isEmpty());
        }
    }

    private static ExportTraceServiceRequest export(String... traceIds) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (String traceId : traceIds) {
            scope.addSpans(Span.newBuilder().setTraceId(bytes(traceId)).setSpanId(bytes("b7ad6b7169203331"))
                    .setParentSpanId(bytes("00f067aa0ba902b7")).setName("switchboard.dispatch receive")
                    .setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
                    .addAttributes(KeyValue.newBuilder().setKey("switchboard.job.id")
                            .setValue(AnyValue.newBuilder().setStringValue("job-1")))
                    .addAttributes(KeyValue.newBuilder().setKey("gen_ai.usage.input_tokens")
                            .setValue(AnyValue.newBuilder().setIntValue(42))));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("switchboard-test"))))
                .addScopeSpans(scope)).build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
