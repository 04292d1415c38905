package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * The outcome of a job: on success the provider's OpenAI {@code chat.completion} object, on failure the
 * error. Topic {@code switchboard.results.v1}, keyed by job id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobCompleted(
        int schemaVersion,
        String jobId,
        String tenantId,
        String sessionId,
        JobStatus status,
        String model,
        String provider,
        String providerModel,
        JsonNode completion,
        JobError error,
        Integer maxTokens,
        String responseFormatType,
        long latencyMs,
        Instant completedAt,
        Routing routing,
        Boolean cacheHit,
        String prompt,
        JsonNode responseSchema) {

    /** Longest prompt a result carries, in characters: enough for a judge, bounded for the topic. */
    public static final int PROMPT_LIMIT = 8_000;

    public JobCompleted {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(status, "status");
        EventContract.required(completedAt, "completed_at");
        if (status != JobStatus.SUCCEEDED && status != JobStatus.FAILED) {
            throw new IllegalArgumentException("status of a completed job must be succeeded or failed, was " + status);
        }
        if (status == JobStatus.SUCCEEDED) {
            EventContract.required(completion, "completion");
        } else {
            EventContract.required(error, "error");
        }
    }

    /** A result without the prompt and the response schema, as events before contracts 0.11 were. */
    public JobCompleted(int schemaVersion, String jobId, String tenantId, String sessionId, JobStatus status,
            String model, String provider, String providerModel, JsonNode completion, JobError error,
            Integer maxTokens, String responseFormatType, long latencyMs, Instant completedAt, Routing routing,
            Boolean cacheHit) {
        this(schemaVersion, jobId, tenantId, sessionId, status, model, provider, providerModel, completion, error,
                maxTokens, responseFormatType, latencyMs, completedAt, routing, cacheHit, null, null);
    }

    /** A result without a routing record, as events before contracts 0.4 were. */
    public JobCompleted(int schemaVersion, String jobId, String tenantId, String sessionId, JobStatus status,
            String model, String provider, String providerModel, JsonNode completion, JobError error,
            Integer maxTokens, String responseFormatType, long latencyMs, Instant completedAt) {
        this(schemaVersion, jobId, tenantId, sessionId, status, model, provider, providerModel, completion, error,
                maxTokens, responseFormatType, latencyMs, completedAt, null, null);
    }

    public static JobCompleted succeeded(JobDispatched job, JsonNode completion, long latencyMs, Instant at) {
        return new JobCompleted(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.sessionId(),
                JobStatus.SUCCEEDED, job.request().model(), job.provider(), job.providerModel(), completion, null,
                job.request().maxTokens(), job.request().responseFormatType(), latencyMs, at,
                job.routing() == null ? null
                        : job.routing().withAttempt(RoutingAttempt.succeeded(job.routing().target().name(), latencyMs)),
                null, promptOf(job.request()), job.request().responseSchema());
    }

    /** A job answered from the response cache: the completion an earlier identical request got. */
    public static JobCompleted fromCache(JobDispatched job, JsonNode completion, long latencyMs, Instant at) {
        JobCompleted answered = succeeded(job, completion, latencyMs, at);
        return new JobCompleted(answered.schemaVersion, answered.jobId, answered.tenantId, answered.sessionId,
                answered.status, answered.model, answered.provider, answered.providerModel, completion, null,
                answered.maxTokens, answered.responseFormatType, latencyMs, at, answered.routing, true,
                answered.prompt, answered.responseSchema);
    }

    public static JobCompleted failed(String jobId, String tenantId, String sessionId, ChatRequest request,
            String provider, String providerModel, JobError error, long latencyMs, Instant at) {
        return new JobCompleted(EventType.SCHEMA_VERSION, jobId, tenantId, sessionId, JobStatus.FAILED,
                request.model(), provider, providerModel, null, error, request.maxTokens(),
                request.responseFormatType(), latencyMs, at, null, null);
    }

    /** A dispatched job that failed where it was sent, with nowhere left to fall back. */
    public static JobCompleted failed(JobDispatched job, JobError error, RoutingAttempt lastAttempt, long latencyMs,
            Instant at) {
        return new JobCompleted(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.sessionId(),
                JobStatus.FAILED, job.request().model(), job.provider(), job.providerModel(), null, error,
                job.request().maxTokens(), job.request().responseFormatType(), latencyMs, at,
                job.routing() == null ? null : job.routing().withAttempt(lastAttempt), null);
    }

    /**
     * What the answer answers, for those who judge it: the text of the request's last user message, cut to
     * {@link #PROMPT_LIMIT} characters; null when there is none.
     */
    static String promptOf(ChatRequest request) {
        if (request.messages() == null) {
            return null;
        }
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage message = request.messages().get(i);
            if ("user".equals(message.role()) && message.content() != null) {
                String text = message.content();
                return text.length() <= PROMPT_LIMIT ? text : text.substring(0, PROMPT_LIMIT);
            }
        }
        return null;
    }

    /**
     * The answer as a message of the conversation: its text and its tool calls, so a session's next turn can
     * carry the tool results that answer them. Null when the job has no answer, or an empty one.
     */
    public ChatMessage assistantMessage() {
        JsonNode toolCalls = completion == null ? null : completion.path("choices").path(0).path("message")
                .path("tool_calls");
        boolean calls = toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty();
        String content = assistantContent();
        if (content == null && !calls) {
            return null;
        }
        return new ChatMessage("assistant", content, null, null, calls ? toolCalls : null, null);
    }

    /** The text of the first choice's assistant message, or null when there is none. */
    public String assistantContent() {
        if (completion == null) {
            return null;
        }
        JsonNode content = completion.path("choices").path(0).path("message").path("content");
        return content.isTextual() ? content.asText() : null;
    }
}
