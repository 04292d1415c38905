package io.switchboard.ingress.quality;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import io.switchboard.ingress.UpstreamStub;

/**
 * An HTTP server standing in for the evaluator's internal quality API: it answers every GET with the path and the
 * query it received (so a test sees what the ingress asked, and for which tenant), refuses {@code cursor=refuse} with
 * the evaluator's 400 body, answers a rubric named {@code unknown} 404, and fails {@code model=explode} with a 500.
 */
public class EvaluatorStub extends UpstreamStub {

    public EvaluatorStub() {
        super("evaluator", "/internal/");
    }

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.contains("cursor=refuse")) {
            replyJson(exchange, 400, """
                    {"error":{"message":"Invalid 'cursor': it is not a cursor this API gave out.",\
                    "type":"invalid_request_error","param":"cursor","code":"invalid_request"}}""");
            return;
        }
        if (exchange.getRequestURI().getRawPath().contains("/rubrics/unknown")) {
            replyJson(exchange, 404, """
                    {"error":{"message":"No rubric in use for criterion 'unknown'.",\
                    "type":"invalid_request_error","param":null,"code":"not_found"}}""");
            return;
        }
        if (query != null && query.contains("model=explode")) {
            replyJson(exchange, 500, "{\"details\":\"boom\"}");
            return;
        }
        ObjectNode echo = echo(exchange, body(exchange)).put("object", "list");
        echo.putArray("data");
        replyJson(exchange, 200, JSON.writeValueAsString(echo));
    }
}
