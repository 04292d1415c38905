package io.switchboard.router.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.tokens.PromptTokens;
import io.switchboard.router.context.SessionContext;

/**
 * Routes an accepted job: picks its provider and model, assembles its context, and writes it to the
 * provider's dispatch topic. A job that cannot be routed is completed as failed, so that it never
 * silently disappears. The answer completes once the dispatch (or the failure) is acknowledged by Kafka;
 * {@link RequestIntake} decides which jobs are routed when.
 */
@ApplicationScoped
public class JobRouter {

    static final String SOURCE = "/switchboard/router";
    private static final Logger LOG = Logger.getLogger(JobRouter.class);

    private final RouteTable routes;
    private final SessionContext sessionContext;
    private final MutinyEmitter<JobDispatched> dispatches;
    private final MutinyEmitter<JobCompleted> results;
    private final MeterRegistry metrics;
    private final Set<String> pinningTenants;

    JobRouter(RouteTable routes, SessionContext sessionContext,
            @Channel("dispatch") MutinyEmitter<JobDispatched> dispatches,
            @Channel("results") MutinyEmitter<JobCompleted> results, MeterRegistry metrics, RouterConfig config) {
        this.pinningTenants = Set.copyOf(config.variantPinningTenants());
        this.routes = routes;
        this.sessionContext = sessionContext;
        this.dispatches = dispatches;
        this.results = results;
        this.metrics = metrics;
    }

    public Uni<Void> route(JobRequested job) {
        RouteDefinition route = routes.routeFor(job.request().model()).orElse(null);
        if (route == null) {
            return fail(job, new JobError("model_not_found", "No route for model '" + job.request().model() + "'."));
        }
        return sessionContext.messagesFor(job)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .chain(messages -> dispatch(job, RoutePlanner.plan(route, traits(job, messages)), messages))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("job %s could not be routed: %s", job.jobId(), failure.toString());
                    return fail(job, new JobError("routing_failed", "The job could not be routed."));
                });
    }

    /**
     * What the route's rules see: the prompt as it will be sent, session history included, and the variant the job is
     * pinned to when its tenant may pin one.
     */
    private JobTraits traits(JobRequested job, List<ChatMessage> messages) {
        Map<String, String> metadata = job.request().metadata();
        String pinned = metadata != null && pinningTenants.contains(job.tenantId())
                ? metadata.get(JobTraits.PINNED_VARIANT) : null;
        return new JobTraits(job.jobId(), job.tenantId(), job.sessionId(), metadata,
                PromptTokens.count(job.request().withMessages(messages)), job.priority(), pinned);
    }

    private Uni<Void> dispatch(JobRequested job, Routing routing, List<ChatMessage> messages) {
        JobDispatched dispatched = JobDispatched.of(job, job.request().withMessages(messages), routing, Instant.now());
        metrics.counter("switchboard.router.dispatched", "route", routing.route(), "target", routing.target().name(),
                "variant", routing.variant() == null ? "none" : routing.variant()).increment();
        return dispatches.sendMessage(CloudEvents.event(EventType.JOB_DISPATCHED, SOURCE,
                UUID.randomUUID().toString(), job.partitionKey(), job.jobId(), routing.target().dispatchTopic(),
                dispatched));
    }

    private Uni<Void> fail(JobRequested job, JobError error) {
        metrics.counter("switchboard.router.failed", "code", error.code()).increment();
        JobCompleted failed = JobCompleted.failed(job.jobId(), job.tenantId(), job.sessionId(), job.request(), null,
                null, error, 0, Instant.now());
        return results.sendMessage(CloudEvents.event(EventType.JOB_COMPLETED, SOURCE, job.jobId(), job.jobId(), failed));
    }
}
