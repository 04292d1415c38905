package io.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OpenAiSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWellFormedErrorBodyConforms() throws Exception {
        JsonNode error = JSON.readTree("""
                {"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");
        assertTrue(OpenAiSpec.violations("ErrorResponse", error).isEmpty(), OpenAiSpec.violations("ErrorResponse", error).toString());
    }

    @Test
    void anErrorBodyWithoutMessageDoesNotConform() throws Exception {
        JsonNode error = JSON.readTree("""
                {"error":{"type":"invalid_request_error","param":null,"code":null}}""");
        assertFalse(OpenAiSpec.violations("ErrorResponse", error).isEmpty());
    }

    @Test
    void aChatCompletionWithoutChoicesDoesNotConform() throws Exception {
        JsonNode completion = JSON.readTree("""
                {"id":"x","object":"chat.completion","created":1,"model":"m"}""");
        assertFalse(OpenAiSpec.violations("CreateChatCompletionResponse", completion).isEmpty());
    }

    @Test
    void fieldsTheSpecMarksNullableAcceptNull() throws Exception {
        JsonNode chunk = JSON.readTree("""
                {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}""");
        assertTrue(OpenAiSpec.violations("CreateChatCompletionStreamResponse", chunk).isEmpty(),
                OpenAiSpec.violations("CreateChatCompletionStreamResponse", chunk).toString());
    }

    @Test
    void aFinishReasonOutsideTheSpecDoesNotConform() throws Exception {
        JsonNode chunk = JSON.readTree("""
                {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":"bored"}]}""");
        assertFalse(OpenAiSpec.violations("CreateChatCompletionStreamResponse", chunk).isEmpty());
    }
}
