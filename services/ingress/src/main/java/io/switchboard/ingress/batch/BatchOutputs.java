package io.switchboard.ingress.batch;

import java.io.ByteArrayOutputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.budgets.BudgetGuard;
import io.switchboard.ingress.chat.ProviderErrors;

/**
 * Writes a finished batch's output and error files in OpenAI's batch output format, one JSON line per
 * input line, in input order. A line whose job ran has a {@code response} (the chat.completion, or the
 * error answer {@code /v1/chat/completions} would have given, with the job id as {@code request_id});
 * so does a line a hard budget refused before its job was written (the 429 {@code insufficient_quota}
 * {@code /v1/chat/completions} would have answered, under the job id it would have run as). A line that never
 * ran for any other reason (rejected, cancelled, expired) has an {@code error} instead.
 */
@ApplicationScoped
class BatchOutputs {

    /** One line of an output or error file. */
    record OutputLine(String id, String customId, Response response, Error error) {
    }

    /** {@code body} is the chat.completion as stored (raw JSON) or an OpenAI error body. */
    record Response(int statusCode, String requestId, Object body) {
    }

    record Error(String code, String message) {
    }

    /** The two files' contents; either is null when it would have no line. */
    record Files(byte[] output, byte[] errors) {
    }

    private final ObjectMapper json;

    BatchOutputs(ObjectMapper json) {
        this.json = json;
    }

    Files write(List<RequestOutcome> outcomes) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        for (RequestOutcome outcome : outcomes) {
            boolean succeeded = "succeeded".equals(outcome.status()) && outcome.result() != null;
            append(succeeded ? output : errors, line(outcome, succeeded));
        }
        return new Files(output.size() == 0 ? null : output.toByteArray(), errors.size() == 0 ? null : errors.toByteArray());
    }

    private static OutputLine line(RequestOutcome outcome, boolean succeeded) {
        if (succeeded) {
            // The job view holds the completion as compact JSON, so it is embedded as it is, newline-free.
            return new OutputLine(outcome.id(), outcome.customId(),
                    new Response(200, outcome.jobId(), new RawValue(outcome.result())), null);
        }
        if ("failed".equals(outcome.status()) && BudgetGuard.INSUFFICIENT_QUOTA.equals(outcome.errorCode())) {
            ApiException answer = BudgetGuard.quotaExceeded();
            return new OutputLine(outcome.id(), outcome.customId(),
                    new Response(answer.status(), outcome.jobId(), answer.body()), null);
        }
        if (outcome.jobId() != null && ("failed".equals(outcome.status()) || "succeeded".equals(outcome.status()))) {
            ApiException answer = ProviderErrors.toApiException(outcome.jobErrorCode(), outcome.jobErrorMessage());
            return new OutputLine(outcome.id(), outcome.customId(),
                    new Response(answer.status(), outcome.jobId(), answer.body()), null);
        }
        return new OutputLine(outcome.id(), outcome.customId(), null,
                new Error(outcome.errorCode(), outcome.errorMessage()));
    }

    private void append(ByteArrayOutputStream file, OutputLine line) {
        try {
            file.writeBytes(json.writeValueAsBytes(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write batch request " + line.id(), e);
        }
        file.write('\n');
    }
}
