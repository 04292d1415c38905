package io.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;

/**
 * OpenAI's Batch API through the official OpenAI Java SDK, against the running system: the file is
 * uploaded and the batch created on one ingress replica, followed and downloaded on the other, while
 * the requests run through the whole pipeline (router, worker, simulated provider).
 */
class OpenAiSdkBatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> CUSTOM_IDS = List.of("sdk-1", "sdk-2", "sdk-3");

    private static OpenAIClient openai;
    private static OpenAIClient otherReplica;

    @BeforeAll
    static void pointTheSdkAtSwitchboard() throws Exception {
        Stack stack = Stack.shared();
        openai = client(stack.ingress, stack.keyC);
        otherReplica = client(stack.ingress2, stack.keyC);
    }

    @Test
    void sdkRunsABatchOfChatCompletionsAndDownloadsItsOutput() throws Exception {
        String jsonl = CUSTOM_IDS.stream().map(customId -> """
                {"custom_id":"%s","method":"POST","url":"/v1/chat/completions",\
                "body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Batch question %s"}],\
                "max_completion_tokens":32}}""".formatted(customId, customId))
                .collect(Collectors.joining("\n", "", "\n"));
        byte[] content = jsonl.getBytes(StandardCharsets.UTF_8);

        // given as bytes, the SDK sends the file without a filename
        FileObject file = openai.files().create(FileCreateParams.builder().file(content).purpose(FilePurpose.BATCH)
                .build());
        assertEquals(content.length, file.bytes());
        assertEquals(FileObject.Purpose.BATCH, file.purpose());

        Batch created = openai.batches().create(BatchCreateParams.builder()
                .inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .build());
        assertEquals(file.id(), created.inputFileId());
        assertEquals("/v1/chat/completions", created.endpoint());

        Batch done = awaitFinished(created.id());
        assertEquals(Batch.Status.COMPLETED, done.status(), done.toString());
        assertEquals(List.of(3L, 3L, 0L), List.of(done.requestCounts().orElseThrow().total(),
                done.requestCounts().orElseThrow().completed(), done.requestCounts().orElseThrow().failed()));
        assertTrue(done.errorFileId().isEmpty(), "no request failed: " + done);
        assertTrue(otherReplica.batches().list().data().stream().anyMatch(batch -> batch.id().equals(created.id())));

        List<JsonNode> output = new ArrayList<>();
        try (HttpResponse response = otherReplica.files().content(done.outputFileId().orElseThrow());
                InputStream body = response.body()) {
            for (String line : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                output.add(JSON.readTree(line));
            }
        }
        assertEquals(Set.copyOf(CUSTOM_IDS), output.stream().map(line -> line.path("custom_id").asText())
                .collect(Collectors.toSet()), "one output line per input line");
        for (JsonNode line : output) {
            assertEquals(200, line.at("/response/status_code").asInt(), line.toString());
            assertTrue(line.path("error").isNull(), line.toString());
            JsonNode completion = line.at("/response/body");
            assertEquals("chat.completion", completion.path("object").asText(), line.toString());
            String answer = completion.at("/choices/0/message/content").asText();
            assertTrue(answer.contains("Batch question " + line.path("custom_id").asText()), answer);
        }
    }

    private static Batch awaitFinished(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Batch batch = otherReplica.batches().retrieve(id);
        while (Set.of(Batch.Status.VALIDATING, Batch.Status.IN_PROGRESS, Batch.Status.FINALIZING).contains(batch.status())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            batch = otherReplica.batches().retrieve(id);
        }
        return batch;
    }

    private static OpenAIClient client(ServiceProcess ingress, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(ingress.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }
}
