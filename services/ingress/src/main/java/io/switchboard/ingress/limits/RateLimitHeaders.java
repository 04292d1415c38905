package io.switchboard.ingress.limits;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.auth.AuthenticatedTenant;
import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * OpenAI's {@code x-ratelimit-*} headers on every answer to a tenant, as OpenAI sends them on every
 * response. Submissions set their own, from their admission, and those stand; any other answer (a read,
 * a list, an error) gets the limits' current state, read without consuming anything.
 */
public class RateLimitHeaders {

    private static final Logger LOG = Logger.getLogger(RateLimitHeaders.class);

    private final AuthenticatedTenant tenant;
    private final RateLimiter limiter;

    RateLimitHeaders(AuthenticatedTenant tenant, RateLimiter limiter) {
        this.tenant = tenant;
        this.limiter = limiter;
    }

    @ServerResponseFilter
    public Uni<Void> addCurrentLimits(ContainerResponseContext response) {
        Optional<KeyOwner> owner = tenant.current();
        if (owner.isEmpty() || hasRateLimitHeaders(response)) {
            return Uni.createFrom().voidItem();
        }
        return limiter.current(owner.get())
                .invoke(state -> state.headers().forEach(response.getHeaders()::putSingle))
                .replaceWithVoid()
                // the headers are information: an answer goes out without them rather than fail for them
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("rate-limit headers left out: %s", failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private static boolean hasRateLimitHeaders(ContainerResponseContext response) {
        return response.getHeaders().keySet().stream()
                .anyMatch(name -> name.regionMatches(true, 0, Admission.HEADER_PREFIX, 0, Admission.HEADER_PREFIX.length()));
    }
}
