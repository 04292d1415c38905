package io.switchboard.worker.provider.openai;

import static io.switchboard.worker.provider.TestConfig.job;
import static io.switchboard.worker.provider.TestConfig.json;
import static io.switchboard.worker.provider.TestConfig.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.ProviderOutcome;
import io.switchboard.worker.provider.ProviderRequest;
import io.switchboard.worker.provider.TestConfig;

/** OpenAI, Azure OpenAI and compatible servers: their error bodies and the gaps in their usage. */
class OpenAiAdapterTest {

    private final OpenAiAdapter openAi = OpenAiAdapter.openAi(
            new TestConfig(ProviderConfig.Adapter.OPENAI, "https://api.openai.com/v1"), TestConfig.JSON);
    private final AzureOpenAiAdapter azure = new AzureOpenAiAdapter(
            new TestConfig(ProviderConfig.Adapter.AZURE_OPENAI, "https://contoso.openai.azure.com/"), TestConfig.JSON);

    @Test
    void azureAddressesTheDeploymentWithItsApiVersionAndKeyHeader() {
        ProviderRequest call = azure.request(job("gpt-4o prod", request(10, null, null, ChatMessage.of("user", "hi"))),
                false, TestConfig.KEY);

        assertEquals("https://contoso.openai.azure.com/openai/deployments/gpt-4o%20prod/chat/completions"
                + "?api-version=2024-10-21", call.uri());
        assertEquals("test-key", call.headers().get("api-key"));
        assertFalse(call.headers().containsKey("Authorization"));
    }

    @Test
    void openAisOwnRateLimitMessageNamesTheGatewaysOrganisationAndIsNotPassedOn() {
        ProviderOutcome.Failed failed = openAi.failure(429, json("""
                {"error":{"message":"Rate limit reached for gpt-4o in organization org-AbC123 on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.",
                 "type":"tokens","param":null,"code":"rate_limit_exceeded"}}"""), null);

        assertEquals("rate_limit_exceeded", failed.code());
        assertTrue(failed.retryable());
        assertFalse(failed.message().contains("org-"));
    }

    @Test
    void theGatewaysOwnKeyBeingRefusedIsNotReportedAsTheTenantsInvalidKey() {
        ProviderOutcome.Failed failed = openAi.failure(401, json("""
                {"error":{"message":"Incorrect API key provided: sk-proj-****abcd.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""),
                null);

        assertEquals("provider_authentication_failed", failed.code());
        assertFalse(failed.message().contains("sk-"));
    }

    @Test
    void azuresContentFilterAndDeploymentErrorsAreOpenAiCodes() {
        ProviderOutcome.Failed filtered = azure.failure(400, json("""
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                 "type":null,"param":"prompt","code":"content_filter","status":400,
                 "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}"""),
                null);
        assertEquals("content_filter", filtered.code());
        assertFalse(filtered.retryable());

        assertEquals("rate_limit_exceeded", azure.failure(429, json("""
                {"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds."}}"""),
                null).code(), "Azure's numeric code says only the status");
        assertEquals("model_not_found", azure.failure(404, json("""
                {"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}"""),
                null).code());
    }

    @Test
    void compatibleServersErrorsAreReadToo() {
        OpenAiAdapter compatible = OpenAiAdapter.compatible(
                new TestConfig(ProviderConfig.Adapter.OPENAI_COMPATIBLE, "http://localhost:11434/v1"), TestConfig.JSON);

        ProviderOutcome.Failed ollama = compatible.failure(404, json("""
                {"error":"model \\"llama3.2\\" not found, try pulling it first"}"""), null);
        assertEquals("model \"llama3.2\" not found, try pulling it first", ollama.message());

        ProviderOutcome.Failed vllm = compatible.failure(400, json("""
                {"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.","type":"BadRequestError","param":null,"code":400}"""),
                null);
        assertEquals("context_length_exceeded", vllm.code());
    }

    @Test
    void usageWithoutDetailsIsCompletedAndAzuresPromptFilterChunkIsDropped() {
        JsonNode completion = ((ProviderOutcome.Completed) openAi.answer(json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                 "message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":2}}"""))).completion();
        assertEquals(7, completion.at("/usage/total_tokens").asInt());
        assertEquals(0, completion.at("/usage/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(0, completion.at("/usage/completion_tokens_details/reasoning_tokens").asInt());

        var stream = azure.streamTranslator();
        assertTrue(stream.translate(json("""
                {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}"""))
                .isEmpty());
        assertEquals(1, stream.translate(json("""
                {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}"""))
                .size());
    }
}
