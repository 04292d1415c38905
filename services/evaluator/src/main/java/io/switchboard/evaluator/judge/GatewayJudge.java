package io.switchboard.evaluator.judge;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.EvaluatorConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Asks a judge through our own gateway, as the internal evaluator tenant: the call is routed, limited and billed
 * like any tenant's job; and asks a route's other variant the prompt a pairwise judge compares. Never throws for a
 * failed call: every outcome is a {@link JudgeCall}.
 */
@ApplicationScoped
public class GatewayJudge {

    private final WebClient client;
    private final URI chatCompletions;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json;

    @Inject
    GatewayJudge(Vertx vertx, EvaluatorConfig config, ObjectMapper json) {
        this(vertx, URI.create(config.judge().gatewayUrl()), config.judge().apiKey().orElse(""),
                config.judge().timeout(), json);
    }

    GatewayJudge(Vertx vertx, URI gateway, String apiKey, Duration timeout, ObjectMapper json) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
        this.chatCompletions = gateway.resolve("/v1/chat/completions");
        this.authorization = "Bearer " + apiKey;
        this.timeout = timeout;
        this.json = json;
    }

    public Uni<JudgeCall> ask(String judgeModel, String instructions) {
        return call(JudgePrompt.request(json, judgeModel, instructions));
    }

    /** Asks a pairwise judge to compare two answers. */
    public Uni<JudgeCall> compare(String judgeModel, String instructions) {
        return call(JudgePrompt.request(json, judgeModel, JudgePrompt.PAIRWISE_SYSTEM, instructions));
    }

    /**
     * Asks a route the prompt again, pinned to one of its variants (the router honours the pin for the evaluator
     * tenant only): the other side of a pairwise comparison.
     */
    public Uni<JudgeCall> answerAs(String route, String variant, String prompt) {
        ObjectNode body = json.createObjectNode().put("model", route);
        body.putObject("metadata").put(PINNED_VARIANT, variant);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return call(body);
    }

    /** The router's metadata key that pins a job to a variant of its route. */
    static final String PINNED_VARIANT = "switchboard_variant";

    private Uni<JudgeCall> call(ObjectNode request) {
        JsonObject body = new JsonObject(request.toString());
        return client.postAbs(chatCompletions.toString())
                .putHeader("Authorization", authorization)
                .putHeader("Content-Type", "application/json")
                .timeout(timeout.toMillis())
                .sendJsonObject(body)
                .map(this::outcome)
                .onFailure().recoverWithItem(failure -> new JudgeCall.Failed(JudgeFailure.UNAVAILABLE,
                        "the gateway did not answer: " + failure.getClass().getSimpleName()));
    }

    private JudgeCall outcome(HttpResponse<Buffer> response) {
        JsonNode body = parse(response.bodyAsString());
        if (response.statusCode() != 200) {
            String code = body.path("error").path("code").asText(null);
            return new JudgeCall.Failed(JudgeFailure.ofAnswer(response.statusCode(), code),
                    "HTTP " + response.statusCode() + (code == null ? "" : " " + code));
        }
        JsonNode content = body.path("choices").path(0).path("message").path("content");
        return new JudgeCall.Answered(content.isTextual() ? content.asText() : null,
                body.path("usage").path("total_tokens").asLong(0));
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
