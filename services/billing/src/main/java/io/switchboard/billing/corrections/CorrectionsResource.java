package io.switchboard.billing.corrections;

import java.time.Clock;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.api.ApiError;
import io.switchboard.contracts.events.UsageCorrection;

/**
 * Internal API for issuing corrections, like the price catalog's: reached only by operators, through the ingress's
 * admin API or the cluster network, never by tenants. A correction is never applied here: it is checked against the
 * ledger (the usage must be booked and not voided, so that a typo is a 404 now rather than a dead letter later),
 * published to {@code switchboard.usage.v1} under the tenant's key, and booked by the ledger's consumer like any
 * usage event, exactly once.
 */
@Path("/internal/usage-corrections")
@Produces(MediaType.APPLICATION_JSON)
public class CorrectionsResource {

    private static final Logger LOG = Logger.getLogger(CorrectionsResource.class);

    private final CorrectionLedger ledger;
    private final CorrectionPublisher publisher;
    private final Clock clock;

    @Inject
    CorrectionsResource(CorrectionLedger ledger, CorrectionPublisher publisher) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    /** The body is read here, not bound, so that a malformed one is a 400 in our shape like any other refusal. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> issue(String body, @RestHeader("Idempotency-Key") String idempotencyKey) {
        NewCorrection correction = NewCorrection.read(body);
        String eventId = correction.eventId(idempotencyKey);
        UsageCorrection event = correction.event(clock.instant());
        return ledger.standing(correction.tenantId(), correction.correctsEventId()).chain(standing -> switch (standing) {
            case UNKNOWN -> Uni.createFrom().item(refusal(404, "not_found", "No usage event '"
                    + correction.correctsEventId() + "' is booked for tenant '" + correction.tenantId() + "'."));
            case VOIDED -> Uni.createFrom().item(refusal(409, "already_voided", "Usage event '"
                    + correction.correctsEventId() + "' of tenant '" + correction.tenantId()
                    + "' was voided: nothing is left to correct."));
            case BOOKED -> publisher.publish(eventId, event)
                    .map(sent -> Response.status(202).entity(new Issued(eventId, correction)).build())
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("correction %s of tenant %s not published: %s", eventId, correction.tenantId(),
                                failure.toString());
                        return Response.status(503).entity(new ApiError(new ApiError.Detail("The correction could "
                                + "not be published; try again (with the same Idempotency-Key, it is booked once).",
                                "api_error", null, "unavailable"))).build();
                    });
        });
    }

    private static Response refusal(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(new ApiError.Detail(message, "invalid_request_error", "corrects_event_id", code)))
                .build();
    }

    /** What was published: booking follows, asynchronously, through the ledger's consumer. */
    public record Issued(String object, String id, String correction, String tenantId, String correctsEventId,
            String status) {

        Issued(String id, NewCorrection correction) {
            this("usage.correction", id, correction.correction(), correction.tenantId(), correction.correctsEventId(),
                    "published");
        }
    }
}
