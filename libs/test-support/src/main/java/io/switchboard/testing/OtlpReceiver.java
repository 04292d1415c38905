package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A small OTLP/HTTP receiver (protocol {@code http/protobuf}, OTLP's {@code POST /v1/traces}) for the spans that
 * services running as processes export. A test watches the trace ids it starts; the spans of other traces are
 * decoded and dropped, so that a long test run keeps only what a test asked for.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as exported, with the {@code service.name} of the process that exported it. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, Map<String, String> attributes) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Map<String, List<ReceivedSpan>> spansByTrace = new ConcurrentHashMap<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of the loopback address. */
    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::receive);
        server.start();
        return receiver;
    }

    /** The base URL to give an exporter ({@code quarkus.otel.exporter.otlp.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Keeps the spans of this trace (32 hex digits) from now on. */
    public void watch(String traceId) {
        watched.add(traceId);
    }

    /** The spans of a watched trace received so far. */
    public List<ReceivedSpan> spansOf(String traceId) {
        return List.copyOf(spansByTrace.getOrDefault(traceId, List.of()));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException unreadable) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            keepWatched(request);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private void keepWatched(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    String traceId = hex(span.getTraceId());
                    if (watched.contains(traceId)) {
                        spansByTrace.computeIfAbsent(traceId, t -> new CopyOnWriteArrayList<>())
                                .add(new ReceivedSpan(service, traceId, hex(span.getSpanId()),
                                        hex(span.getParentSpanId()), span.getName(),
                                        span.getKind().name().replace("SPAN_KIND_", ""),
                                        attributes(span.getAttributesList())));
                    }
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> pairs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue pair : pairs) {
            attributes.put(pair.getKey(), text(pair.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    /** The spans kept so far, all traces together (for a failure's message). */
    public List<ReceivedSpan> all() {
        List<ReceivedSpan> all = new ArrayList<>();
        spansByTrace.values().forEach(all::addAll);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
