package io.switchboard.worker.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.worker.provider.anthropic.AnthropicAdapter;
import io.switchboard.worker.provider.gemini.GeminiAdapter;
import io.switchboard.worker.provider.openai.AzureOpenAiAdapter;
import io.switchboard.worker.provider.openai.OpenAiAdapter;

/** Picks the adapter for the wire format configured in {@code switchboard.worker.adapter}. */
@ApplicationScoped
class Adapters {

    @Produces
    @ApplicationScoped
    ProviderAdapter adapter(ProviderConfig config, ObjectMapper json) {
        return switch (config.adapter()) {
            case OPENAI -> OpenAiAdapter.openAi(config, json);
            case OPENAI_COMPATIBLE -> OpenAiAdapter.compatible(config, json);
            case AZURE_OPENAI -> new AzureOpenAiAdapter(config, json);
            case ANTHROPIC -> new AnthropicAdapter(config, json);
            case GEMINI -> new GeminiAdapter(config, json);
        };
    }
}
