package io.switchboard.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.OpenAiSpec;
import io.switchboard.worker.provider.anthropic.AnthropicAdapter;
import io.switchboard.worker.provider.gemini.GeminiAdapter;
import io.switchboard.worker.provider.openai.AzureOpenAiAdapter;
import io.switchboard.worker.provider.openai.OpenAiAdapter;
import io.switchboard.worker.stream.StreamedCompletion;

/**
 * Golden cases of each provider's usage convention ({@code usage-golden/<provider>.json}: the provider's answer
 * as it sends it, the same answer streamed as it streams it, and the counts expected). Unstreamed and streamed
 * alike, the usage the client is shown and the {@link TokensUsed} billing reads must carry exactly the expected
 * counts in OpenAI's convention: every input token in {@code prompt_tokens}, every output token in
 * {@code completion_tokens}, cache reads, cache writes (and their 1-hour part) and reasoning as parts of them.
 */
class UsageGoldenTest {

    private static final List<String> PROVIDERS = List.of("openai", "azure-openai", "openai-compatible", "anthropic",
            "gemini");
    private static final List<String> TOKEN_FIELDS = List.of("prompt_tokens", "completion_tokens", "total_tokens",
            "cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens");
    private static final Instant AT = Instant.parse("2026-12-05T03:00:00Z");

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String provider : PROVIDERS) {
            for (JsonNode golden : fixture(provider).path("cases")) {
                cases.add(Arguments.of(provider, golden.path("name").asText(), golden));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void anAnswerInOnePieceIsShownAndBilledWithTheExpectedCounts(String provider, String name, JsonNode golden) {
        ProviderOutcome outcome = adapter(provider).answer(golden.path("response"));

        JsonNode completion = assertInstanceOf(ProviderOutcome.Completed.class, outcome).completion();
        OpenAiSpec.assertConforms("CreateChatCompletionResponse", completion);
        assertShownAndBilledAsExpected(completion.path("usage"), golden.path("expected"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aStreamedAnswerIsShownAndBilledWithTheSameCounts(String provider, String name, JsonNode golden) {
        StreamTranslator translator = adapter(provider).streamTranslator();
        StreamedCompletion rebuilt = new StreamedCompletion(TestConfig.JSON);
        List<ObjectNode> relayed = new ArrayList<>();
        for (JsonNode event : golden.path("stream")) {
            relayed.addAll(translator.translate(event));
        }
        relayed.addAll(translator.end());
        relayed.forEach(rebuilt::add);

        assertTrue(rebuilt.finished(), "the stream finished its answer");
        relayed.forEach(chunk -> OpenAiSpec.assertConforms("CreateChatCompletionStreamResponse", chunk));
        List<ObjectNode> withUsage = relayed.stream().filter(chunk -> chunk.path("usage").isObject()).toList();
        assertEquals(1, withUsage.size(), "one usage chunk, as OpenAI sends with include_usage");
        assertEquals(relayed.getLast(), withUsage.getFirst(), "the usage chunk comes last");
        assertShownAndBilledAsExpected(withUsage.getFirst().path("usage"), golden.path("expected"));
        assertEquals(withUsage.getFirst().path("usage"), rebuilt.completion().path("usage"),
                "the recorded completion has the relayed usage");
    }

    @Test
    void everyProviderHasGoldenCasesOfItsConvention() {
        for (String provider : PROVIDERS) {
            JsonNode goldens = fixture(provider);
            assertTrue(goldens.path("cases").size() >= 2, provider);
            assertTrue(goldens.path("convention").asText().length() > 20, provider + " says what its convention is");
        }
    }

    @Test
    void aPartAProviderReportsAboveItsWholeIsBelievedOnlyUpToTheWhole() {
        ProviderUsage usage = new ProviderUsage(100, 150, 30, 40, 10, 12);

        assertEquals(new ProviderUsage(100, 100, 0, 0, 10, 10), usage);
        TokensUsed event = usage.toEvent(job("openai"), 5, AT);
        assertEquals(100, event.cachedTokens());
    }

    /**
     * The usage the client is shown holds the expected counts in OpenAI's fields; read back as billing reads it,
     * it is the same normalized value, and the usage event carries exactly the expected counts.
     */
    private static void assertShownAndBilledAsExpected(JsonNode shown, JsonNode expected) {
        assertEquals(expected.path("prompt_tokens").asInt(), shown.path("prompt_tokens").asInt(), shown::toString);
        assertEquals(expected.path("completion_tokens").asInt(), shown.path("completion_tokens").asInt(),
                shown::toString);
        assertEquals(expected.path("total_tokens").asInt(), shown.path("total_tokens").asInt(), shown::toString);
        assertEquals(expected.path("cached_tokens").asInt(), shown.at("/prompt_tokens_details/cached_tokens").asInt(),
                shown::toString);
        assertEquals(expected.path("cache_write_tokens").asInt(),
                shown.at("/prompt_tokens_details/cache_write_tokens").asInt(), shown::toString);
        assertEquals(expected.path("cache_write_1h_tokens").asInt(),
                shown.at("/prompt_tokens_details/cache_write_1h_tokens").asInt(), shown::toString);
        assertEquals(expected.path("reasoning_tokens").asInt(),
                shown.at("/completion_tokens_details/reasoning_tokens").asInt(), shown::toString);

        ProviderUsage normalized = ProviderUsage.fromOpenAi(shown);
        assertEquals(new ProviderUsage(expected.path("prompt_tokens").asInt(), expected.path("cached_tokens").asInt(),
                expected.path("cache_write_tokens").asInt(), expected.path("cache_write_1h_tokens").asInt(),
                expected.path("completion_tokens").asInt(), expected.path("reasoning_tokens").asInt()), normalized);

        JsonNode event = EventJson.MAPPER.valueToTree(normalized.toEvent(job("golden"), 812, AT));
        for (String field : TOKEN_FIELDS) {
            assertEquals(expected.path(field), event.path(field), () -> field + " of " + event);
        }
        assertTrue(event.path("batch").asBoolean(), "a batch line's usage says batch");
        assertEquals("key_golden", event.path("api_key_id").asText());
    }

    private static ProviderAdapter adapter(String provider) {
        return switch (provider) {
            case "openai" -> OpenAiAdapter.openAi(new TestConfig(ProviderConfig.Adapter.OPENAI, "https://api.openai.com"),
                    TestConfig.JSON);
            case "azure-openai" -> new AzureOpenAiAdapter(new TestConfig(ProviderConfig.Adapter.AZURE_OPENAI,
                    "https://example.openai.azure.com"), TestConfig.JSON);
            case "openai-compatible" -> OpenAiAdapter.compatible(new TestConfig(ProviderConfig.Adapter.OPENAI_COMPATIBLE,
                    "http://localhost:8000"), TestConfig.JSON);
            case "anthropic" -> new AnthropicAdapter(new TestConfig(ProviderConfig.Adapter.ANTHROPIC,
                    "https://api.anthropic.com"), TestConfig.JSON);
            case "gemini" -> new GeminiAdapter(new TestConfig(ProviderConfig.Adapter.GEMINI,
                    "https://generativelanguage.googleapis.com"), TestConfig.JSON);
            default -> throw new IllegalArgumentException(provider);
        };
    }

    /** A batch line submitted with the key {@code key_golden}. */
    private static JobDispatched job(String provider) {
        return new JobDispatched(1, "job_golden", "acme", null, provider, "model",
                TestConfig.request(64, null, null, ChatMessage.of("user", "What is the capital of France?")), AT, null,
                Priority.LOW, Lane.BATCH, null, null, "key_golden");
    }

    private static JsonNode fixture(String provider) {
        try (InputStream in = UsageGoldenTest.class.getResourceAsStream("/usage-golden/" + provider + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no golden cases for " + provider);
            }
            return TestConfig.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
