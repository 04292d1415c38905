package io.switchboard.bench;

import java.util.Map;

/**
 * An OpenAI-style chat completions endpoint to load: the simulator itself, Switchboard, or Portkey in front
 * of the simulator. Each gets the same body; only the URL and headers differ.
 */
public record Target(String name, String chatUrl, Map<String, String> headers) {

    public static Target simulator(String simulatorUrl) {
        return new Target("provider simulator (direct)", simulatorUrl + "/v1/chat/completions",
                Map.of("Authorization", "Bearer sk-simulator-local"));
    }

    public static Target switchboard(String ingressUrl, String apiKey) {
        return new Target("Switchboard", ingressUrl + "/v1/chat/completions", Map.of("Authorization", "Bearer " + apiKey));
    }

    /** Portkey's OpenAI provider with a custom host: it forwards to the simulator in OpenAI's format. */
    public static Target portkey(String portkeyUrl, String simulatorUrl) {
        return new Target("Portkey", portkeyUrl + "/v1/chat/completions",
                Map.of("Authorization", "Bearer sk-simulator-local", "x-portkey-provider", "openai",
                        "x-portkey-custom-host", simulatorUrl + "/v1"));
    }

    /** A short chat request, numbered so that no cache along the way can answer it. */
    public static String chatBody(long i) {
        return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Benchmark request " + i + ": say hello.\"}]}";
    }
}
