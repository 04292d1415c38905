package io.switchboard.evaluator.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures become HTTP answers with OpenAI's error body, as the ingress answers them. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(e.getMessage(), "invalid_request_error", null, "not_found"))
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequest e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(e.getMessage(), "invalid_request_error", e.param(), "invalid_request"))
                .build();
    }
}
