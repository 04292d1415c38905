package io.switchboard.worker.provider.openai;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.provider.PathSegment;
import io.switchboard.worker.provider.ProviderConfig;

/**
 * Azure OpenAI: OpenAI's format, addressed to a deployment rather than a model, with the key in an
 * {@code api-key} header. The job's provider model names the deployment. See
 * https://learn.microsoft.com/azure/ai-services/openai/reference.
 */
public final class AzureOpenAiAdapter extends OpenAiAdapter {

    private final ProviderConfig config;

    public AzureOpenAiAdapter(ProviderConfig config, ObjectMapper json) {
        super(config, json, "max_tokens");
        this.config = config;
    }

    @Override
    protected String uri(JobDispatched job) {
        return baseUrl() + "/openai/deployments/" + PathSegment.encode(job.providerModel())
                + "/chat/completions?api-version=" + URLEncoder.encode(config.azureApiVersion(), StandardCharsets.UTF_8);
    }

    @Override
    protected Map<String, String> authentication(Optional<String> apiKey) {
        Map<String, String> headers = new HashMap<>();
        apiKey.ifPresent(key -> headers.put("api-key", key));
        return headers;
    }

    @Override
    protected ObjectNode body(JobDispatched job) {
        ObjectNode body = super.body(job);
        body.remove("model"); // the deployment decides the model
        return body;
    }
}
