package io.switchboard.ingress.chat;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Like OpenAI's, our chat completions answer JSON or Server-Sent Events by the body's {@code stream}
 * field, whatever {@code Accept} says (the SDKs send {@code text/event-stream} when streaming, others send
 * {@code application/json} or nothing). Media-type negotiation would refuse some of them with 406, so it
 * is set aside for this one endpoint.
 */
public class ChatAcceptHeader {

    private static final String PATH = "/v1/chat/completions";

    @ServerRequestFilter(preMatching = true)
    public void acceptWhatTheBodyAsksFor(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod()) && PATH.equals(request.getUriInfo().getPath())) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
        }
    }
}
