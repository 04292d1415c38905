package io.switchboard.ingress.batch;

import java.util.Map;

import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.api.Metadata;

/** Rejects a {@code POST /v1/batches} body the way OpenAI would, before anything is stored. */
final class CreateBatchValidation {

    /** The only endpoint batches run against for now: the one the job pipeline serves. */
    static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    private CreateBatchValidation() {
    }

    static void check(CreateBatchRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        required(request.inputFileId(), "input_file_id");
        required(request.endpoint(), "endpoint");
        required(request.completionWindow(), "completion_window");
        if (!CHAT_COMPLETIONS.equals(request.endpoint())) {
            throw ApiException.invalidRequest("Invalid value for 'endpoint': '" + request.endpoint() + "'. Batches "
                    + "support " + CHAT_COMPLETIONS + " only.", "endpoint", "invalid_value");
        }
        if (!BatchStore.COMPLETION_WINDOW.equals(request.completionWindow())) {
            throw ApiException.invalidRequest("Invalid value for 'completion_window': '" + request.completionWindow()
                    + "'. Supported values are: '24h'.", "completion_window", "invalid_value");
        }
        Metadata.check(request.metadata());
    }

    private static void required(String value, String param) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidRequest("Missing required parameter: '" + param + "'.", param,
                    "missing_required_parameter");
        }
    }
}
