package io.switchboard.ingress.budgets;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import io.switchboard.ingress.UpstreamStub;

/**
 * Billing's budgets API, with budget enforcement turned on in the ingress. It keeps every call it received and lists
 * them at {@code GET /internal/budgets/stub-calls} (the test may run in another class loader than the stub, so it
 * asks over HTTP, not through a static field), and answers a reservation by its {@code max_completion_tokens}:
 * {@value #REFUSE} with billing's 429 {@code insufficient_quota} body, {@value #FAIL} with a 500, anything else
 * accepted; {@value #DOWN_WHILE_OUTAGE} with a 500 while an outage is on ({@code POST} {@value #OUTAGE} with body
 * {@code on} or {@code off}), so that a test can bring billing back. Its hard scopes name tenant {@code acme} only,
 * so that a failure fails closed for acme and open for globex.
 */
public class BillingBudgetsStub extends UpstreamStub {

    static final int REFUSE = 7001;
    static final int FAIL = 7002;
    static final int DOWN_WHILE_OUTAGE = 7003;
    static final String CALLS = "/internal/budgets/stub-calls";
    static final String OUTAGE = "/internal/budgets/stub-outage";

    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private volatile boolean outage;

    public BillingBudgetsStub() {
        super("budgets", "/internal/budgets");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("switchboard.ingress.budgets.enabled", "true");
        config.put("switchboard.ingress.budgets.scopes-refresh", "1s");
        return config;
    }

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(CALLS)) {
            replyJson(exchange, 200, JSON.writeValueAsString(calls));
            return;
        }
        String raw = body(exchange);
        if (path.equals(OUTAGE)) {
            outage = "on".equals(raw.strip());
            replyJson(exchange, 200, "{\"outage\":" + outage + "}");
            return;
        }
        JsonNode body = raw.isEmpty() ? null : JSON.readTree(raw);
        calls.add(JSON.createObjectNode().put("method", exchange.getRequestMethod()).put("path", path)
                .set("body", body));
        if (path.endsWith("/hard")) {
            replyJson(exchange, 200, "{\"object\":\"budget.hard_scopes\",\"tenants\":[\"acme\"],\"models\":[]}");
        } else if ("DELETE".equals(exchange.getRequestMethod())) {
            replyJson(exchange, 200, "{\"job_id\":\"" + path.substring(path.lastIndexOf('/') + 1)
                    + "\",\"released\":1}");
        } else if (body.path("max_completion_tokens").asInt() == REFUSE) {
            replyJson(exchange, 429, """
                    {"error":{"message":"You exceeded your current quota: budget bdg_1 (tenant, daily) cannot take \
                    this request's worst case.","type":"insufficient_quota","param":null,"code":"insufficient_quota"},\
                    "budget":{"id":"bdg_1","scope":"tenant","unit":"usd","limit_amount":1000000000000,"spent":0,\
                    "reserved":990000000000,"asked":20000000000,"period_start":"2026-12-05T00:00:00Z"}}""");
        } else if (body.path("max_completion_tokens").asInt() == FAIL
                || (outage && body.path("max_completion_tokens").asInt() == DOWN_WHILE_OUTAGE)) {
            replyJson(exchange, 500, "{\"details\":\"boom\"}");
        } else {
            replyJson(exchange, 200, "{\"object\":\"budget.reservation\",\"job_id\":\"" + body.path("job_id").asText()
                    + "\",\"accepted\":true,\"already_reserved\":false,\"reserved\":[]}");
        }
    }
}
