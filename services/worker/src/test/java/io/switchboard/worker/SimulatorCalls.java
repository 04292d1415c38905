package io.switchboard.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.serde.EventJson;

/** What the simulator under test received: calls per key, 429s per key, and whether a job's call reached it. */
public final class SimulatorCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimulatorCalls() {
    }

    /** Calls received with the key ending in {@code lastFour}. */
    public static long received(String lastFour) {
        return counts().path("received").path("…" + lastFour).asLong();
    }

    /** Calls refused 429 by the per-key limit, all keys together. */
    public static long rateLimited() {
        long total = 0;
        for (JsonNode count : counts().path("rate_limited")) {
            total += count.asLong();
        }
        return total;
    }

    /** Whether a call for this job reached the simulator. */
    public static boolean saw(String jobId) {
        return get("/_simulator/requests/" + jobId).statusCode() == 200;
    }

    private static JsonNode counts() {
        try {
            return EventJson.MAPPER.readTree(get("/_simulator/calls").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path) {
        String root = ConfigProvider.getConfig().getValue("switchboard.test.simulator-url", String.class);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
