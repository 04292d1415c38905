package io.switchboard.contextstore.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatMessage;

/**
 * Internal API, called by the router: never exposed to tenants, who reach their sessions only through
 * their jobs. Every path names the tenant, so one tenant's session id can never reach another's.
 */
@Path("/internal/sessions/{tenantId}/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private final SessionStore sessions;

    SessionsResource(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The job's context window; 409 while an earlier job of the session is still open. */
    @POST
    @Path("/context")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ContextWindow> assemble(@RestPath String tenantId, @RestPath String sessionId, ContextRequest request) {
        if (request == null || request.jobId() == null || request.messages() == null) {
            throw new jakarta.ws.rs.BadRequestException("job_id and messages are required");
        }
        return sessions.openTurn(tenantId, sessionId, request.jobId(), request.messages(), request.force())
                .map(history -> {
                    List<ChatMessage> window = new ArrayList<>(history);
                    // a history cut to its last messages may begin with tool results whose call was cut off:
                    // providers refuse those, so they go too
                    while (!window.isEmpty() && "tool".equals(window.getFirst().role())) {
                        window.removeFirst();
                    }
                    window.addAll(request.messages());
                    return new ContextWindow(window);
                });
    }

    @GET
    public Uni<SessionView> view(@RestPath String tenantId, @RestPath String sessionId) {
        return sessions.view(tenantId, sessionId);
    }

    @ServerExceptionMapper
    public Response busy(SessionBusyException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Map.of("message", e.getMessage(), "type", "session_busy"))).build();
    }
}
