package io.switchboard.worker.provider;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

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
 * Calls an OpenAI-compatible {@code POST /chat/completions} endpoint, non-blocking, and classifies
 * the answer. It never throws for a provider failure: every answer becomes a {@link ProviderOutcome}.
 */
@ApplicationScoped
public class OpenAiChatClient {

    private final WebClient client;
    private final HttpClient streamingClient;
    private final ProviderConfig config;
    private final ObjectMapper json;
    private final String endpoint;

    OpenAiChatClient(Vertx vertx, ProviderConfig config, ObjectMapper json) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(64));
        this.streamingClient = vertx.getDelegate().createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setMaxPoolSize(64));
        this.config = config;
        this.json = json;
        this.endpoint = config.baseUrl().replaceAll("/+$", "") + "/chat/completions";
    }

    public Uni<ProviderOutcome> complete(JobDispatched job) {
        var request = client.postAbs(endpoint)
                .timeout(config.timeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                // lets the provider (and our simulator) correlate the call with the job
                .putHeader("X-Client-Request-Id", job.jobId());
        config.apiKey().ifPresent(key -> request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + key));
        return request.sendBuffer(Buffer.buffer(body(job).toString()))
                .map(response -> classify(response.statusCode(), response.bodyAsString(),
                        response.getHeader("Retry-After")))
                .onFailure().recoverWithItem(OpenAiChatClient::transportFailure);
    }

    /**
     * Asks the provider to stream its answer and hands each chunk to {@code relay} as it arrives. The
     * outcome is the completion rebuilt from the chunks. Once a chunk has been relayed the caller may have
     * seen part of the answer, so a failure after that is final rather than retried.
     */
    public Uni<ProviderOutcome> stream(JobDispatched job, ChunkRelay relay) {
        ObjectNode body = body(job);
        body.put("stream", true);
        // usage is needed for billing whether or not the tenant asked to see it
        body.putObject("stream_options").put("include_usage", true);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint)
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader(HttpHeaders.ACCEPT.toString(), "text/event-stream")
                .putHeader("X-Client-Request-Id", job.jobId());
        config.apiKey().ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + key));
        StreamedCompletion completion = new StreamedCompletion(json);
        Uni<ProviderOutcome> call = Uni.createFrom().emitter(outcome -> streamingClient.request(options)
                .compose(request -> request.send(io.vertx.core.buffer.Buffer.buffer(body.toString())))
                .onFailure(failure -> outcome.complete(transportFailure(failure)))
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        response.body().onComplete(read -> outcome.complete(classify(response.statusCode(),
                                read.succeeded() ? read.result().toString() : null, response.getHeader("Retry-After"))));
                        return;
                    }
                    new ServerSentEvents(response, data -> {
                        JsonNode chunk = parse(data);
                        if (chunk != null && chunk.isObject()) {
                            completion.add(chunk);
                            relay.publish(chunk);
                        }
                    }, ended -> outcome.complete(ended == null && completion.finished()
                            ? new ProviderOutcome.Completed(completion.completion())
                            : interrupted(ended, relay)));
                }));
        return call.call(outcome -> relay.started() ? relay.end(errorOf(outcome)) : Uni.createFrom().voidItem());
    }

    private static ProviderOutcome interrupted(Throwable failure, ChunkRelay relay) {
        if (!relay.started()) {
            return failure != null ? transportFailure(failure)
                    : new ProviderOutcome.Failed("provider_stream_interrupted",
                            "The provider's stream ended before the answer was complete.", 0, true, null);
        }
        return new ProviderOutcome.Failed("provider_stream_interrupted",
                "The provider's stream broke off before the answer was complete.", 0, false, null);
    }

    private static JobError errorOf(ProviderOutcome outcome) {
        return outcome instanceof ProviderOutcome.Failed failed ? new JobError(failed.code(), failed.message()) : null;
    }

    private ObjectNode body(JobDispatched job) {
        ObjectNode body = json.createObjectNode();
        body.put("model", job.providerModel());
        body.set("messages", json.valueToTree(job.request().messages()));
        if (job.request().maxTokens() != null) {
            body.put("max_tokens", job.request().maxTokens());
        }
        if (job.request().temperature() != null) {
            body.put("temperature", job.request().temperature());
        }
        if (job.request().responseFormat() != null) {
            body.set("response_format", job.request().responseFormat());
        }
        return body;
    }

    private ProviderOutcome classify(int status, String text, String retryAfter) {
        JsonNode body = parse(text);
        if (status == 200 && body != null && body.path("choices").isArray()) {
            return new ProviderOutcome.Completed(body);
        }
        String code = body == null ? null : body.path("error").path("code").asText(null);
        boolean retryable = status == 429 || status == 408 || status >= 500;
        return new ProviderOutcome.Failed(code != null ? code : "provider_http_" + status,
                tenantFacingMessage(status, body), status, retryable, retryAfter(retryAfter));
    }

    /**
     * Only errors about the request itself (400, 404, 413, 422) keep the provider's words. Others describe
     * the gateway's own account with the provider (its organisation, limits, a masked key) and must not
     * reach tenants, who get a plain description instead.
     */
    private static String tenantFacingMessage(int status, JsonNode body) {
        String message = body == null ? null : body.path("error").path("message").asText(null);
        boolean aboutTheRequest = status == 400 || status == 404 || status == 413 || status == 422;
        if (aboutTheRequest && message != null) {
            return message;
        }
        return switch (status) {
            case 429 -> "The provider is rate limiting requests; the job was retried and then given up.";
            case 401, 403 -> "The gateway could not authenticate with the provider.";
            default -> "The provider answered HTTP " + status + ".";
        };
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: fall back to our own backoff
        }
    }

    private static ProviderOutcome transportFailure(Throwable failure) {
        boolean timeout = failure instanceof TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout");
        return new ProviderOutcome.Failed(timeout ? "provider_timeout" : "provider_unreachable",
                timeout ? "The provider did not answer in time." : "The provider could not be reached.", 0, true, null);
    }
}
