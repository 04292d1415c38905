package io.switchboard.evaluator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.traffic.Stratum;

/** Succeeded results of a given stratum, completed at a given moment, built for tests. */
public final class StratumResults {

    private StratumResults() {
    }

    /** A tenant no other test run uses, so that strata, counts and rates start empty. */
    public static String freshTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Stratum stratum(String tenant, String variant) {
        return new Stratum(tenant, "support-bot", "sim-small", variant);
    }

    public static JobCompleted succeeded(Stratum stratum, String jobId, Instant completedAt) {
        ObjectNode completion = EventJson.MAPPER.createObjectNode()
                .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", "sim-small");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", "Here you are.");
        choice.put("finish_reason", "stop");
        Routing routing = stratum.route() == null ? null
                : new Routing(stratum.route(), 1, null, stratum.variant(),
                        new RouteTarget(stratum.variant() == null ? "primary" : stratum.variant(), "simulator",
                                "sim-small", null),
                        Map.of(), List.of());
        return new JobCompleted(EventType.SCHEMA_VERSION, jobId, stratum.tenantId(), null, JobStatus.SUCCEEDED,
                stratum.model(), "simulator", "sim-small", completion, null, 50, null, 42, completedAt, routing, null);
    }

    public static String json(Object event) {
        try {
            return EventJson.MAPPER.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
