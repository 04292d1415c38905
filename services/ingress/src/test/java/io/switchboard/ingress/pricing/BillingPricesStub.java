package io.switchboard.ingress.pricing;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

import io.switchboard.ingress.UpstreamStub;

/**
 * An HTTP server standing in for billing's price catalog API: it answers with the method, path, query and body it
 * received (so a test sees exactly what the ingress passed on), refuses a body naming provider {@code refuse} with
 * billing's 400, answers version {@code unknown} 404, and fails {@code model=explode} with a 500.
 */
public class BillingPricesStub extends UpstreamStub {

    public BillingPricesStub() {
        super("billing", "/internal/prices");
    }

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String body = body(exchange);
        if (body.contains("\"provider\":\"refuse\"")) {
            replyJson(exchange, 400, """
                    {"error":{"message":"'prices.input' has more than 6 decimals.",\
                    "type":"invalid_request_error","param":"prices.input","code":"invalid_value"}}""");
            return;
        }
        if (exchange.getRequestURI().getRawPath().endsWith("/unknown")) {
            replyJson(exchange, 404, """
                    {"error":{"message":"No price version 'unknown'.",\
                    "type":"invalid_request_error","param":null,"code":"not_found"}}""");
            return;
        }
        if (query != null && query.contains("model=explode")) {
            replyJson(exchange, 500, "{\"details\":\"boom\"}");
            return;
        }
        replyJson(exchange, "POST".equals(exchange.getRequestMethod()) ? 201 : 200,
                JSON.writeValueAsString(echo(exchange, body)));
    }
}
