package io.switchboard.billing.budgets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.api.ApiError;
import io.switchboard.billing.api.InvalidRequest;

/**
 * Billing's internal budgets API: the admin's budget definitions and the ingress's reservations. Bodies are read
 * here, not bound, so that a malformed one is a 400 in OpenAI's error shape like any other refusal. A reservation
 * refused by a hard budget is a 429 {@code insufficient_quota}, as the ingress will pass it on.
 */
@Path("/internal/budgets")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetsResource {

    private final BudgetStore store;
    private final Reservations reservations;

    private final WorstCases worstCases;

    BudgetsResource(BudgetStore store, Reservations reservations, WorstCases worstCases) {
        this.store = store;
        this.reservations = reservations;
        this.worstCases = worstCases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(String body) {
        BudgetRequests.NewBudget budget = BudgetRequests.create(body);
        return store.create(budget).chain(this::view).map(view -> Response.status(201).entity(view).build());
    }

    /** A tenant's budgets ({@code tenant_id}), or the operator's budgets on models ({@code scope=model}). */
    @GET
    public Uni<BudgetList> list(@RestQuery("tenant_id") String tenant, @RestQuery String scope) {
        Uni<List<Budget>> budgets;
        if (tenant != null && !tenant.isBlank()) {
            budgets = store.ofTenant(tenant);
        } else if ("model".equals(scope)) {
            budgets = store.onModels();
        } else {
            throw new InvalidRequest("Give 'tenant_id' for a tenant's budgets, or 'scope=model' for budgets on "
                    + "models across tenants.", "tenant_id", "missing_required_parameter");
        }
        return budgets.chain(found -> found.isEmpty() ? Uni.createFrom().item(List.<BudgetView> of())
                : Multi.createFrom().iterable(found).onItem().transformToUniAndConcatenate(this::view).collect().asList())
                .map(BudgetList::new);
    }

    /** Who has hard budgets ({@link BudgetStore#hardScopes}): what the ingress keeps to fail open or closed. */
    @GET
    @Path("/hard")
    public Uni<Map<String, Object>> hard() {
        return store.hardScopes().map(scopes -> Map.of("object", "budget.hard_scopes", "tenants", scopes.tenants(),
                "models", scopes.models()));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@RestPath String id) {
        return store.byId(id).chain(this::viewOrNotFound);
    }

    /** Changes limit and/or enforcement; the current period keeps its spend (see README "Budgets"). */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> change(@RestPath String id, String body) {
        BudgetRequests.BudgetChange change = BudgetRequests.change(body);
        return store.change(id, change).chain(this::viewOrNotFound);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return store.delete(id).map(deleted -> deleted ? Response.noContent().build() : notFound(id));
    }

    @POST
    @Path("/reservations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> reserve(String body) {
        ReservationRequest request = ReservationRequest.from(body, worstCases);
        return reservations.reserve(request).map(BudgetsResource::answer);
    }

    @DELETE
    @Path("/reservations/{jobId}")
    public Uni<Map<String, Object>> release(@RestPath String jobId) {
        return reservations.release(jobId).map(released -> Map.of("job_id", jobId, "released", released));
    }

    private static Response answer(ReservationOutcome outcome) {
        return switch (outcome) {
            case ReservationOutcome.Accepted accepted -> Response.ok(Map.of("object", "budget.reservation",
                    "job_id", accepted.jobId(), "accepted", true, "already_reserved", accepted.alreadyReserved(),
                    "reserved", accepted.budgets())).build();
            case ReservationOutcome.Refused refused -> Response.status(429).type(MediaType.APPLICATION_JSON)
                    .entity(RefusalBody.of(refused)).build();
            case ReservationOutcome.Unpriced unpriced -> Response.status(429).type(MediaType.APPLICATION_JSON)
                    .entity(RefusalBody.of(unpriced)).build();
        };
    }

    private Uni<BudgetView> view(Budget budget) {
        Instant start = budget.periodStart(Instant.now());
        return store.state(store.pool(), budget, start).map(state -> BudgetView.of(budget, state));
    }

    private Uni<Response> viewOrNotFound(Optional<Budget> budget) {
        return budget.isEmpty() ? Uni.createFrom().item(notFound(null))
                : view(budget.get()).map(view -> Response.ok(view).build());
    }

    private static Response notFound(String id) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.notFound(id == null ? "No such budget." : "No budget '" + id + "'.")).build();
    }

    /** A list in the shape of OpenAI's lists. */
    public record BudgetList(String object, List<BudgetView> data) {

        BudgetList(List<BudgetView> data) {
            this("list", data);
        }
    }

    /**
     * OpenAI's 429 {@code insufficient_quota} body, with the refusing budget beside it for the ingress's logs and
     * metrics (the ingress passes on only {@code error}).
     */
    public record RefusalBody(ApiError.Detail error, Map<String, Object> budget) {

        static RefusalBody of(ReservationOutcome.Refused refused) {
            Budget budget = refused.budget();
            String message = "You exceeded your current quota: budget " + budget.id() + " (" + budget.scope().wire()
                    + ", " + budget.period().wire() + ") cannot take this request's worst case.";
            return new RefusalBody(new ApiError.Detail(message, "insufficient_quota", null, "insufficient_quota"),
                    Map.of("id", budget.id(), "scope", budget.scope().wire(), "unit", budget.unit().wire(),
                            "limit_amount", budget.limit(), "spent", refused.spent(), "reserved", refused.reserved(),
                            "asked", refused.asked(), "period_start", refused.periodStart().toString()));
        }

        static RefusalBody of(ReservationOutcome.Unpriced unpriced) {
            Budget budget = unpriced.budget();
            String message = "You exceeded your current quota: budget " + budget.id() + " (" + budget.scope().wire()
                    + ", " + budget.period().wire() + ") cannot bound this request's cost: no price is in force for "
                    + String.join(", ", unpriced.targets()) + ".";
            return new RefusalBody(new ApiError.Detail(message, "insufficient_quota", null, "insufficient_quota"),
                    Map.of("id", budget.id(), "scope", budget.scope().wire(), "unit", budget.unit().wire(),
                            "limit_amount", budget.limit(), "unpriced_targets", unpriced.targets()));
        }
    }
}
