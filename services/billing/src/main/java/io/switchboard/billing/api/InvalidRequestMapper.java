package io.switchboard.billing.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where an {@link InvalidRequest}, thrown by any of billing's APIs, becomes its 400. */
public class InvalidRequestMapper {

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequest invalid) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(ApiError.of(invalid)).build();
    }
}
