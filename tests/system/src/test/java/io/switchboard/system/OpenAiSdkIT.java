package io.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;

/**
 * The official OpenAI Java SDK, unchanged but for its base URL and key, against the running system:
 * what our users' existing code does when they point it at Switchboard.
 */
class OpenAiSdkIT {

    private static Stack stack;
    private static OpenAIClient openai;

    @BeforeAll
    static void pointTheSdkAtSwitchboard() throws Exception {
        stack = Stack.shared();
        openai = client(stack.keyC);
    }

    @Test
    void sdkCreatesAChatCompletion() {
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("Answer briefly.")
                .addUserMessage("What is Kafka?")
                .maxCompletionTokens(64)
                .build());

        assertEquals("chat.completion", completion._object_().asString().orElseThrow());
        Optional<String> content = completion.choices().get(0).message().content();
        assertTrue(content.orElseThrow().contains("What is Kafka?"), content.toString());
        assertTrue(completion.usage().orElseThrow().totalTokens() > 0);
        assertEquals("fp_switchboard_simulator", completion.systemFingerprint().orElseThrow());
    }

    @Test
    void sdkCallsAToolAndSendsItsResultBack() {
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("lookup_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(java.util.Map.of("query",
                                java.util.Map.of("type", "string"))))
                        .build())
                .build()).build();
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addTool(weather)
                .addUserMessage("[simulate:tool-call] Weather in Paris?");

        ChatCompletion first = openai.chat().completions().create(conversation.build());
        assertEquals("tool_calls", first.choices().get(0).finishReason().asString());
        ChatCompletionMessageFunctionToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0)
                .asFunction();
        assertEquals("lookup_weather", call.function().name());
        assertTrue(call.function().arguments().contains("Weather in Paris?"), call.function().arguments());

        ChatCompletion second = openai.chat().completions().create(conversation
                .addMessage(first.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("21 C, sunny").build())
                .addUserMessage("Thanks, so shall I take an umbrella?")
                .build());
        assertEquals("stop", second.choices().get(0).finishReason().asString(),
                "the simulator checked that the tool result answers the call before it");
        assertTrue(second.choices().get(0).message().content().orElseThrow().contains("umbrella"));
    }

    @Test
    void sdkStreamsAChatCompletionWithUsageLast() {
        StringBuilder content = new StringBuilder();
        long totalTokens = 0;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage("Stream me a reply")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(content::append));
                if (chunk.usage().isPresent()) {
                    totalTokens = chunk.usage().get().totalTokens();
                }
            }
        }
        assertTrue(content.toString().contains("Stream me a reply"), content.toString());
        assertTrue(totalTokens > 0, "the usage chunk came last");
    }

    /**
     * The simulator writes this answer's chunks 250 ms apart. Relayed live, they reach the SDK spread over
     * seconds; held back until the answer was complete, they would all arrive within a moment.
     */
    @Test
    void sdkReceivesTheChunksWhileTheProviderIsStillWriting() {
        List<Long> arrivals = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage("one two three four five six seven eight [simulate:slow-stream]")
                        .build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunk.choices().forEach(choice -> choice.delta().content().filter(text -> !text.isEmpty())
                        .ifPresent(text -> {
                            content.append(text);
                            arrivals.add(System.nanoTime());
                        }));
            }
        }
        assertTrue(content.toString().contains("one two three"), content.toString());
        assertTrue(arrivals.size() >= 10, arrivals.size() + " content chunks");
        long spreadMs = (arrivals.getLast() - arrivals.getFirst()) / 1_000_000;
        assertTrue(spreadMs >= (arrivals.size() - 1) * 250L / 2, "chunks arrived within " + spreadMs + " ms of each "
                + "other: not relayed as the provider wrote them");
    }

    @Test
    void aProviderStreamThatBreaksOffReachesTheSdkAsAnError() {
        StringBuilder content = new StringBuilder();
        SseException error = assertThrows(SseException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder()
                            .model("gpt-4o-mini")
                            .addUserMessage("one two three four five six seven eight [simulate:cut-stream]")
                            .build())) {
                for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                    chunk.choices().forEach(choice -> choice.delta().content().ifPresent(content::append));
                }
            }
        });
        assertTrue(content.length() > 0, "the first half of the answer was relayed before the break");
        assertEquals("provider_stream_interrupted", error.code().orElse(null), error.toString());
    }

    @Test
    void sdkListsTheModels() {
        List<String> ids = openai.models().list().data().stream().map(Model::id).toList();
        assertTrue(ids.containsAll(List.of("gpt-4o-mini", "gpt-4o")), ids.toString());
    }

    @Test
    void sdkSeesAWrongKeyAsUnauthorized() {
        UnauthorizedException error = assertThrows(UnauthorizedException.class,
                () -> client("sb-not-a-key").models().list());
        assertEquals(401, error.statusCode());
    }

    @Test
    void sdkSeesAnUnknownModelAsNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class,
                () -> openai.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gpt-unknown").addUserMessage("hi").build()));
        assertEquals(404, error.statusCode());
    }

    @Test
    void sdkSeesAnUngrantedModelAsPermissionDenied() throws Exception {
        String key = tenantKey("{}", false);
        PermissionDeniedException error = assertThrows(PermissionDeniedException.class,
                () -> client(key).chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini").addUserMessage("hi").build()));
        assertEquals(403, error.statusCode());
    }

    @Test
    void sdkSeesARateLimitAsRateLimited() throws Exception {
        OpenAIClient limited = client(tenantKey("{\"requests_per_minute\":1}", true));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("hi").build();
        limited.chat().completions().create(params);

        RateLimitException error = assertThrows(RateLimitException.class,
                () -> limited.chat().completions().create(params));
        assertEquals(429, error.statusCode());
        assertTrue(error.headers().values("x-ratelimit-remaining-requests").contains("0"));
    }

    /** A new tenant, with or without gpt-4o-mini, and its key, created through the admin API. */
    private static String tenantKey(String limits, boolean granted) throws Exception {
        String tenant = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        String base = stack.ingress.baseUrl() + "/admin/v1/tenants";
        Api.send("POST", base, stack.adminKey, "{\"id\":\"" + tenant + "\"}");
        if (granted) {
            Api.send("PUT", base + "/" + tenant + "/models/gpt-4o-mini", stack.adminKey, null);
        }
        Api.send("PUT", base + "/" + tenant + "/limits", stack.adminKey, limits);
        return Api.send("POST", base + "/" + tenant + "/keys", stack.adminKey, null).body().path("key").asText();
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(stack.ingress.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }
}
