package io.switchboard.ingress.organization;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

import io.switchboard.ingress.UpstreamStub;

/**
 * An HTTP server standing in for billing's organization reports. It remembers the last request it was sent (path,
 * decoded query, Accept), so that a test sees what the ingress asked and for which tenant; it answers a page written
 * as billing writes it (JSON, or CSV with the next page in {@code X-Next-Page}), refuses a request without
 * {@code start_time} with billing's 400 body, and fails {@code group_by=explode} with a 500.
 */
public class BillingReportsStub extends UpstreamStub {

    /** What the ingress last asked billing. */
    public record Asked(String path, String query, String accept) {
    }

    private static volatile Asked last;

    public BillingReportsStub() {
        super("billing", "/internal/organization/");
    }

    public static Asked last() {
        return last;
    }

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        String query = raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8);
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String path = exchange.getRequestURI().getRawPath();
        last = new Asked(path, query, accept);
        if (!query.contains("start_time=")) {
            replyJson(exchange, 400, """
                    {"error":{"message":"Missing required parameter: 'start_time'.","type":"invalid_request_error",\
                    "param":"start_time","code":"missing_required_parameter"}}""");
            return;
        }
        if (query.contains("group_by=explode")) {
            replyJson(exchange, 500, "{\"details\":\"boom\"}");
            return;
        }
        if (query.contains("format=csv") || (accept != null && accept.startsWith("text/csv"))) {
            exchange.getResponseHeaders().add("X-Next-Page", "page_MTczMDUwNTYwMC5hYmM");
            reply(exchange, 200, "text/csv; charset=utf-8",
                    "start_time,end_time,input_tokens,output_tokens\r\n1730419200,1730505600,1000,500\r\n");
            return;
        }
        replyJson(exchange, 200, path.endsWith("/costs") ? COSTS_PAGE : USAGE_PAGE);
    }

    private static final String USAGE_PAGE = """
            {"object":"page","data":[{"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[
            {"object":"organization.usage.completions.result","input_tokens":1000,"output_tokens":500,
            "input_cached_tokens":400,"input_cache_write_tokens":100,"input_uncached_tokens":500,
            "input_audio_tokens":0,"output_audio_tokens":0,"num_model_requests":5,"project_id":null,"user_id":null,
            "api_key_id":null,"model":"gpt-4o-mini","batch":null,"service_tier":null,"provider":"openai",
            "route":null,"variant":null,"output_reasoning_tokens":0,"num_response_cache_hits":1,
            "response_cache_saved_tokens":300}]},
            {"object":"bucket","start_time":1730505600,"end_time":1730592000,"results":[]}],
            "has_more":true,"next_page":"page_MTczMDU5MjAwMC5hYmM"}""";

    private static final String COSTS_PAGE = """
            {"object":"page","data":[{"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[
            {"object":"organization.costs.result","amount":{"value":0.060000,"currency":"usd"},"line_item":null,
            "project_id":null,"api_key_id":null,"model":null,"provider":null,"route":null,"variant":null,
            "quantity":null,"quantity_unit":null,"saved_by_cache":{"value":0.010000,"currency":"usd"},
            "saved_by_batch":{"value":0.000000,"currency":"usd"},"num_unpriced_requests":0}]}],
            "has_more":false,"next_page":null}""";
}
