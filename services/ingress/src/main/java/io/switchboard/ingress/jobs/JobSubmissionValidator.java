package io.switchboard.ingress.jobs;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.ingress.IngressConfig;
import io.switchboard.contracts.events.Priority;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.Metadata;
import io.switchboard.ingress.callbacks.CallbackTargets;
import io.switchboard.ingress.tenancy.TenantDirectory;

/** Rejects what the pipeline cannot serve, with the message and param OpenAI would give. */
@ApplicationScoped
public class JobSubmissionValidator {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Set<String> models;
    private final TenantDirectory tenants;
    private final CallbackTargets callbackTargets;

    JobSubmissionValidator(IngressConfig config, TenantDirectory tenants, CallbackTargets callbackTargets) {
        this.callbackTargets = callbackTargets;
        this.models = Set.copyOf(config.models());
        this.tenants = tenants;
    }

    /** Checks the submission of {@code tenantId}, who must have been granted the model it asks for. */
    public void validate(JobSubmission submission, String tenantId) {
        if (submission == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        if (submission.model() == null || submission.model().isBlank()) {
            throw ApiException.invalidRequest("you must provide a model parameter", "model",
                    "missing_required_parameter");
        }
        if (submission.messages() == null || submission.messages().isEmpty()) {
            throw ApiException.invalidRequest("Missing required parameter: 'messages'.", "messages",
                    "missing_required_parameter");
        }
        for (int i = 0; i < submission.messages().size(); i++) {
            MessageRules.check(submission.messages().get(i), "messages[" + i + "]");
        }
        ToolRules.check(submission.tools(), submission.toolChoice());
        StopRules.check(submission.stop());
        Integer maxTokens = submission.effectiveMaxTokens();
        if (maxTokens != null && maxTokens < 1) {
            throw ApiException.invalidRequest("Invalid 'max_tokens': integer below minimum value. Expected a value "
                    + ">= 1, but got " + maxTokens + " instead.", "max_tokens", "integer_below_min_value");
        }
        int ceiling = tenants.limitsOf(tenantId).maxTokens();
        if (maxTokens != null && ceiling >= 0 && maxTokens > ceiling) {
            throw ApiException.invalidRequest("max_tokens is too large: " + maxTokens + ". This model supports at "
                    + "most " + ceiling + " completion tokens for your organization.", "max_tokens",
                    "integer_above_max_value");
        }
        Double temperature = submission.temperature();
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw ApiException.invalidRequest("Invalid 'temperature': expected a value between 0 and 2.",
                    "temperature", "invalid_value");
        }
        Double topP = submission.topP();
        if (topP != null && (topP < 0 || topP > 1)) {
            throw ApiException.invalidRequest("Invalid 'top_p': expected a value between 0 and 1.", "top_p",
                    "invalid_value");
        }
        Metadata.check(submission.metadata());
        if (submission.sessionId() != null && !SESSION_ID.matcher(submission.sessionId()).matches()) {
            throw ApiException.invalidRequest("Invalid 'session_id': use 1 to 128 letters, digits, '.', '_', ':' or '-'.",
                    "session_id", "invalid_value");
        }
        if (submission.priority() != null && Priority.find(submission.priority()).isEmpty()) {
            throw ApiException.invalidRequest("Invalid 'priority': expected 'low', 'normal' or 'high'.", "priority",
                    "invalid_value");
        }
        if (submission.callbackUrl() != null && !callbackTargets.isAllowed(submission.callbackUrl())) {
            throw ApiException.invalidRequest("Invalid 'callback_url': expected an absolute http or https URL of at "
                    + "most 2048 characters, to a public address.", "callback_url", "invalid_value");
        }
        if (!models.contains(submission.model())) {
            throw ApiException.notFound("The model `" + submission.model()
                    + "` does not exist or you do not have access to it.", "model_not_found");
        }
        if (!tenants.isGranted(tenantId, submission.model())) {
            throw new ApiException(403, "invalid_request_error", "Your organization has not been granted access to "
                    + "the model `" + submission.model() + "`. Ask your Switchboard administrator for it.", "model",
                    "model_not_granted", null);
        }
    }
}
