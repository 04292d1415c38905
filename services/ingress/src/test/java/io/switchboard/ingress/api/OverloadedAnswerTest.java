package io.switchboard.ingress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.ConnectionPoolTooBusyException;

class OverloadedAnswerTest {

    @Test
    void exhaustedRedisPoolIs503WithRetryAfterAndOpenAiErrorBodyNot500() {
        Response answer = new ApiExceptionMapper()
                .overloaded(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24"));

        assertEquals(503, answer.getStatus());
        assertEquals("1", answer.getHeaderString("Retry-After"));
        ErrorBody body = (ErrorBody) answer.getEntity();
        assertEquals("server_error", body.error().type());
        assertEquals("service_unavailable", body.error().code());
    }
}
