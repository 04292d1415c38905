package io.switchboard.evaluator;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.serde.EventJson;

/** Job results as the workers publish them, built for tests. */
public final class TestResults {

    public static final String TENANT = "acme";
    public static final String MODEL = "gpt-4o-mini";

    private TestResults() {
    }

    public static JobCompleted succeeded(String content) {
        return succeeded(newJobId(), content, "stop", null);
    }

    /** A succeeded job whose chat.completion has one choice with this content (null: no content field). */
    public static JobCompleted succeeded(String jobId, String content, String finishReason, String responseFormatType) {
        ObjectNode completion = EventJson.MAPPER.createObjectNode()
                .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", "sim-small");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content != null) {
            message.put("content", content);
        }
        choice.put("finish_reason", finishReason);
        completion.putObject("usage").put("prompt_tokens", 9).put("completion_tokens", 3).put("total_tokens", 12);
        return new JobCompleted(EventType.SCHEMA_VERSION, jobId, TENANT, null, JobStatus.SUCCEEDED, MODEL,
                "simulator", "sim-small", completion, null, 50, responseFormatType, 42, Instant.now());
    }

    /** A succeeded job of a tenant that asked {@code prompt} and got {@code content}. */
    public static JobCompleted answered(String tenant, String prompt, String content) {
        JobCompleted plain = succeeded(content);
        return new JobCompleted(EventType.SCHEMA_VERSION, plain.jobId(), tenant, null, JobStatus.SUCCEEDED, MODEL,
                "simulator", "sim-small", plain.completion(), null, 50, null, 42, Instant.now(), null, null, prompt,
                null);
    }

    /** The same, served by a variant of a split route. */
    public static JobCompleted answeredOn(String route, String variant, String prompt, String content) {
        JobCompleted plain = succeeded(content);
        Routing routing = new Routing(route, 1, null, variant, new RouteTarget("t", "simulator", "sim-small", null),
                null, null);
        return new JobCompleted(EventType.SCHEMA_VERSION, plain.jobId(), TENANT, null, JobStatus.SUCCEEDED, route,
                "simulator", "sim-small", plain.completion(), null, 50, null, 42, Instant.now(), routing, null, prompt,
                null);
    }

    public static JobCompleted failed(String jobId) {
        return new JobCompleted(EventType.SCHEMA_VERSION, jobId, TENANT, null, JobStatus.FAILED, MODEL, "simulator",
                "sim-small", null, new JobError("provider_error", "upstream failed"), 50, null, 42, Instant.now());
    }

    public static String newJobId() {
        return "job_" + UUID.randomUUID().toString().replace("-", "");
    }
}
