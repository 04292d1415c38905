package io.switchboard.ingress;

import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.serde.EventJson;

/**
 * A streamed chat completion read line by line as the ingress writes it, so that a test can see which
 * events have arrived before it publishes the next chunk.
 */
final class LiveCall {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private Iterator<String> lines;

    private LiveCall(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    static LiveCall start(URI url, String body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(WAIT)
                .header("Authorization", bearer(ACME_KEY)).header("Content-Type", "application/json")
                // as the OpenAI SDKs send it when streaming
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return new LiveCall(HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()));
    }

    int status() throws Exception {
        return answered().statusCode();
    }

    String contentType() throws Exception {
        return header("Content-Type");
    }

    String header(String name) throws Exception {
        return answered().headers().firstValue(name).orElse(null);
    }

    /** The payload of the next {@code data:} event, waiting for it to arrive. */
    String nextData() throws Exception {
        if (lines == null) {
            lines = answered().body().iterator();
        }
        // read off the test thread, so that a stream that never sends fails the test instead of hanging it
        return CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    return line.substring("data: ".length());
                }
            }
            throw new AssertionError("the stream ended before another event");
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    JsonNode nextEvent() throws Exception {
        return EventJson.MAPPER.readTree(nextData());
    }

    /** Whether the body ended after what was read. */
    boolean ended() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                if (!lines.next().isBlank()) {
                    return false;
                }
            }
            return true;
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private HttpResponse<Stream<String>> answered() throws Exception {
        return response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

}
