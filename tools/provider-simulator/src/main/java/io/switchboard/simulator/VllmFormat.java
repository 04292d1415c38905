package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible server as vLLM serves one, under {@code /vllm/v1/chat/completions}: no key needed,
 * usage without OpenAI's details, and errors as {@code {"object":"error","message","type","param","code"}}
 * with the HTTP status as a number in {@code code}; a too-long prompt is told only in words.
 */
final class VllmFormat extends OpenAiFormat {

    static final String PATH = "/vllm/v1/chat/completions";

    VllmFormat(ObjectMapper json) {
        super(json);
    }

    @Override
    public boolean requiresKey() {
        return false;
    }

    /** vLLM reports usage without OpenAI's details and has no service tiers. */
    @Override
    protected ObjectNode served(ObjectNode body) {
        body.remove("service_tier");
        JsonNode usage = body.get("usage");
        if (usage != null) {
            ObjectNode plain = json.createObjectNode();
            plain.put("prompt_tokens", usage.path("prompt_tokens").asInt());
            plain.put("total_tokens", usage.path("total_tokens").asInt());
            plain.put("completion_tokens", usage.path("completion_tokens").asInt());
            plain.putNull("prompt_tokens_details");
            body.set("usage", plain);
        }
        return body;
    }

    @Override
    public SimulatedError error(Refusal refusal) {
        return switch (refusal.kind()) {
            case CONTEXT_LENGTH -> vllm(400, "BadRequestError", ("This model's maximum context length is %d tokens. "
                    + "However, you requested %d tokens. Please reduce the length of the messages or completion.")
                    .formatted(Refusal.CONTEXT_WINDOW, Math.max(refusal.promptTokens(), Refusal.CONTEXT_WINDOW + 1)));
            case INVALID_REQUEST -> vllm(400, "BadRequestError", refusal.message());
            case RATE_LIMITED -> vllm(429, "RateLimitError", refusal.message());
            case NOT_FOUND -> vllm(404, "NotFoundError", refusal.message());
            // vLLM filters nothing itself; a guardrail in front of it refuses with a plain 400
            case CONTENT_FILTER -> vllm(400, "BadRequestError", "The prompt was refused by the content filter (simulated).");
            default -> {
                SimulatedError openAi = super.error(refusal);
                yield vllm(openAi.status(), "InternalServerError", openAi.body().path("error").path("message").asText());
            }
        };
    }

    private SimulatedError vllm(int status, String type, String message) {
        ObjectNode body = json.createObjectNode().put("object", "error").put("message", message).put("type", type);
        body.putNull("param");
        body.put("code", status);
        return new SimulatedError(status, body);
    }
}
