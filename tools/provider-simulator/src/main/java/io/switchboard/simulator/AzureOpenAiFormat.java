package io.switchboard.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;

/**
 * Azure OpenAI ({@code POST /openai/deployments/{deployment}/chat/completions?api-version=...}, key in
 * {@code api-key}): OpenAI's bodies plus Azure's content-filter annotations, a first stream chunk with no
 * choices that carries only the prompt filter's verdict, and Azure's own errors, whose {@code code} is often
 * the HTTP status as a string. See https://learn.microsoft.com/azure/ai-services/openai/reference.
 */
final class AzureOpenAiFormat extends OpenAiFormat {

    static final String PATH = "/openai/deployments/";
    private static final Pattern ROUTE = Pattern.compile("^/openai/deployments/([^/]+)/chat/completions$");
    private static final Pattern API_VERSION = Pattern.compile("(?:^|&)api-version=([^&]+)");

    AzureOpenAiFormat(ObjectMapper json) {
        super(json);
    }

    @Override
    public String apiKey(Headers headers, URI uri) {
        String key = headers.getFirst("api-key");
        return key != null ? key : super.apiKey(headers, uri);
    }

    @Override
    public SimulatedRequest read(URI uri, Headers headers, JsonNode body) throws RefusedRequest {
        Matcher route = ROUTE.matcher(uri.getPath());
        if (!route.matches() || uri.getRawQuery() == null || !API_VERSION.matcher(uri.getRawQuery()).find()) {
            throw new RefusedRequest(Refusal.Kind.NOT_FOUND, "Resource not found");
        }
        return read(route.group(1), body);
    }

    @Override
    public JsonNode completion(SimulatedRequest request, SimulatedAnswer answer) {
        ObjectNode completion = (ObjectNode) super.completion(request, answer);
        completion.set("prompt_filter_results", promptFilterResults());
        ((ObjectNode) completion.path("choices").path(0)).set("content_filter_results", filterVerdict());
        return completion;
    }

    @Override
    public SimulatedStream stream(SimulatedRequest request, SimulatedAnswer answer, URI uri) {
        ObjectNode verdict = json.createObjectNode();
        verdict.putArray("choices");
        verdict.put("created", 0).put("id", "").put("model", "").put("object", "");
        verdict.set("prompt_filter_results", promptFilterResults());
        List<String> frames = new ArrayList<>();
        frames.add(data(verdict));
        frames.addAll(super.stream(request, answer, uri).frames());
        return new SimulatedStream(SimulatedStream.SSE, frames);
    }

    @Override
    public SimulatedError error(Refusal refusal) {
        return switch (refusal.kind()) {
            case UNAUTHENTICATED -> azure(401, "401", "Access denied due to invalid subscription key or wrong API "
                    + "endpoint. Make sure to provide a valid key for an active subscription and use a correct regional "
                    + "API endpoint for your resource.");
            case RATE_LIMITED -> azure(429, "429", ("Requests to the ChatCompletions_Create Operation under Azure "
                    + "OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing "
                    + "tier. Please retry after %d seconds (simulated).").formatted(refusal.retryAfter().toSeconds()));
            case OVERLOADED -> azure(503, "ServiceUnavailable",
                    "The service is temporarily unable to process your request. Please try again later.");
            case NOT_FOUND -> azure(404, "404", "Resource not found");
            case CONTENT_FILTER -> filtered();
            default -> super.error(refusal);
        };
    }

    private SimulatedError azure(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new SimulatedError(status, body);
    }

    /** Azure's answer to a prompt its content filter blocks: code content_filter, the verdict per category. */
    private SimulatedError filtered() {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management "
                + "policy. Please modify your prompt and retry (simulated).");
        error.putNull("type");
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror").put("code", "ResponsibleAIPolicyViolation");
        ObjectNode verdict = filterVerdict();
        ((ObjectNode) verdict.get("violence")).put("filtered", true).put("severity", "high");
        inner.set("content_filter_result", verdict);
        return new SimulatedError(400, body);
    }

    private JsonNode promptFilterResults() {
        ObjectNode result = json.createObjectNode().put("prompt_index", 0);
        result.set("content_filter_results", filterVerdict());
        return json.createArrayNode().add(result);
    }

    private ObjectNode filterVerdict() {
        ObjectNode verdict = json.createObjectNode();
        for (String category : new String[] { "hate", "self_harm", "sexual", "violence" }) {
            verdict.putObject(category).put("filtered", false).put("severity", "safe");
        }
        return verdict;
    }
}
