package io.switchboard.worker.provider;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.worker.stream.ChunkRelay;
import io.switchboard.worker.stream.ServerSentEvents;
import io.switchboard.worker.stream.StreamedCompletion;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Calls the provider, non-blocking, in whatever wire format its {@link ProviderAdapter} speaks, and
 * classifies the answer. It never throws for a provider failure: every answer becomes a
 * {@link ProviderOutcome}.
 */
@ApplicationScoped
public class ProviderClient {

    private final WebClient client;
    private final HttpClient streamingClient;
    private final ProviderAdapter adapter;
    private final ProviderConfig config;
    private final ObjectMapper json;

    ProviderClient(Vertx vertx, ProviderAdapter adapter, ProviderConfig config, ObjectMapper json) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(64));
        this.streamingClient = vertx.getDelegate().createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setMaxPoolSize(64));
        this.adapter = adapter;
        this.config = config;
        this.json = json;
    }

    /** Asks for the job's answer in one piece, authenticated with {@code apiKey}. */
    public Uni<ProviderOutcome> complete(JobDispatched job, Optional<String> apiKey) {
        ProviderRequest call;
        try {
            call = adapter.request(job, false, apiKey);
        } catch (UnsupportedContent unsupported) {
            return Uni.createFrom().item(ProviderFailures.unsupported(unsupported));
        }
        var request = client.postAbs(call.uri())
                .timeout(config.timeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                // lets the provider (and our simulator) correlate the call with the job
                .putHeader("X-Client-Request-Id", job.jobId());
        call.headers().forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(call.body().toString()))
                .map(response -> answerOrFailure(response.statusCode(), parse(response.bodyAsString()),
                        response.getHeader("Retry-After")))
                .onFailure().recoverWithItem(ProviderFailures::transportFailure);
    }

    /**
     * Asks the provider to stream its answer and hands each chunk, translated to OpenAI's format, to
     * {@code relay} as it arrives. The outcome is the completion rebuilt from the chunks. Once a chunk has
     * been relayed the caller may have seen part of the answer, so a failure after that is final rather
     * than retried.
     */
    public Uni<ProviderOutcome> stream(JobDispatched job, ChunkRelay relay, Optional<String> apiKey) {
        ProviderRequest call;
        try {
            call = adapter.request(job, true, apiKey);
        } catch (UnsupportedContent unsupported) {
            return Uni.createFrom().item(ProviderFailures.unsupported(unsupported));
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(call.uri())
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader(HttpHeaders.ACCEPT.toString(), "text/event-stream")
                .putHeader("X-Client-Request-Id", job.jobId());
        call.headers().forEach(options::putHeader);
        StreamTranslator translator = adapter.streamTranslator();
        StreamedCompletion completion = new StreamedCompletion(json);
        Uni<ProviderOutcome> outcome = Uni.createFrom().emitter(emitter -> streamingClient.request(options)
                .compose(request -> request.send(io.vertx.core.buffer.Buffer.buffer(call.body().toString())))
                .onFailure(failure -> emitter.complete(ProviderFailures.transportFailure(failure)))
                .onSuccess(response -> {
                    if (response.statusCode() / 100 != 2) {
                        response.body().onComplete(read -> emitter.complete(adapter.failure(response.statusCode(),
                                read.succeeded() ? parse(read.result().toString()) : null,
                                ProviderFailures.retryAfter(response.getHeader("Retry-After")))));
                        return;
                    }
                    new ServerSentEvents(response, data -> {
                        JsonNode event = parse(data);
                        if (event == null || !event.isObject() || translator.failure() != null) {
                            return;
                        }
                        for (ObjectNode chunk : translator.translate(event)) {
                            completion.add(chunk);
                            relay.publish(chunk);
                        }
                    }, ended -> {
                        if (ended == null && translator.failure() == null) {
                            for (ObjectNode chunk : translator.end()) {
                                completion.add(chunk);
                                relay.publish(chunk);
                            }
                        }
                        emitter.complete(ended == null && completion.finished()
                                ? new ProviderOutcome.Completed(completion.completion())
                                : unfinished(ended, translator.failure(), relay));
                    });
                }));
        return outcome.call(result -> relay.started() ? relay.end(errorOf(result)) : Uni.createFrom().voidItem());
    }

    private ProviderOutcome answerOrFailure(int status, JsonNode body, String retryAfter) {
        return status / 100 == 2 ? adapter.answer(body)
                : adapter.failure(status, body, ProviderFailures.retryAfter(retryAfter));
    }

    /** A stream that ended without the provider finishing its answer: its own error, a break, or silence. */
    private static ProviderOutcome unfinished(Throwable failure, ProviderOutcome.Failed reported, ChunkRelay relay) {
        if (!relay.started()) {
            if (reported != null) {
                return reported;
            }
            return failure != null ? ProviderFailures.transportFailure(failure)
                    : new ProviderOutcome.Failed("provider_stream_interrupted",
                            "The provider's stream ended before the answer was complete.", 0, true, null);
        }
        if (reported != null) {
            return new ProviderOutcome.Failed(reported.code(), reported.message(), reported.httpStatus(), false, null);
        }
        return new ProviderOutcome.Failed("provider_stream_interrupted",
                "The provider's stream broke off before the answer was complete.", 0, false, null);
    }

    private static JobError errorOf(ProviderOutcome outcome) {
        return outcome instanceof ProviderOutcome.Failed failed ? new JobError(failed.code(), failed.message()) : null;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
