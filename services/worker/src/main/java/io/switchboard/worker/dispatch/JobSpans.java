package io.switchboard.worker.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;
import io.vertx.mutiny.core.Vertx;

/**
 * The spans of the work no framework sees: a job's wait in the {@link FairQueue} and its service (the provider
 * call, its retries and fallbacks, and what is published after it). The queue starts a job when another one
 * finishes, on that one's thread and Vert.x context, where the other job's trace is current; so each job is
 * served on a Vert.x context of its own where its own span is current, and its provider call joins its trace
 * (TraceIT shows the events it publishes in that trace too). Attributes name the job, tenant, route and
 * provider: never a key or a prompt.
 */
@ApplicationScoped
public class JobSpans {

    static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("switchboard.job.id");
    static final AttributeKey<String> TENANT_ID = AttributeKey.stringKey("switchboard.tenant.id");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("switchboard.route");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("switchboard.provider");
    static final AttributeKey<String> PROVIDER_MODEL = AttributeKey.stringKey("switchboard.provider.model");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchboard.provider.outcome");
    /** On a wait that ended without service: the job's partition was handed over, its new owner serves it. */
    static final AttributeKey<Boolean> WITHDRAWN = AttributeKey.booleanKey("switchboard.worker.withdrawn");
    /** OpenTelemetry's GenAI names for the token counts. */
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

    /** A job waiting for its turn: the context it arrived in (its record's consumer span) and its wait's span. */
    record Queued(JobDispatched job, Context arrivedIn, Span waiting) {
    }

    private final Tracer tracer;
    private final Vertx vertx;
    /**
     * The service span of each job being served, by job id: the outcome and the token counts are recorded on it
     * by job, not on whatever span is current, since a provider call's answer may be handled on another thread.
     */
    private final Map<String, Span> serving = new ConcurrentHashMap<>();

    JobSpans(Tracer tracer, Vertx vertx) {
        this.tracer = tracer;
        this.vertx = vertx;
    }

    /** Begins the job's wait for its turn, a child of the span current now. */
    Queued queued(JobDispatched job) {
        Context arrivedIn = Context.current();
        return new Queued(job, arrivedIn, describe(tracer.spanBuilder("worker queue"), job).setParent(arrivedIn)
                .startSpan());
    }

    /** Ends the wait, and runs {@code work} on a Vert.x context of its own, in the job's service span. */
    Uni<Void> serve(Queued queued, Supplier<Uni<Void>> work) {
        queued.waiting().end();
        String jobId = queued.job().jobId();
        Span span = describe(tracer.spanBuilder("worker serve"), queued.job()).setParent(queued.arrivedIn())
                .startSpan();
        serving.put(jobId, span);
        io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        return Uni.createFrom().deferred(() -> {
            // not closed: the context is this job's alone and is dropped with it
            queued.arrivedIn().with(span).makeCurrent();
            return work.get();
        })
                .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()))
                .onFailure().invoke(failure -> span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()))
                .onTermination().invoke(() -> {
                    serving.remove(jobId, span);
                    span.end();
                });
    }

    /** Ends the wait of a job withdrawn from the queue unserved: its partition went to another worker. */
    void withdrawn(Queued queued) {
        queued.waiting().setAttribute(WITHDRAWN, true).end();
    }

    /** The provider's answer to the job's call: "success" or the failure's error class. */
    void recordOutcome(JobDispatched job, String outcome) {
        Span span = serving.get(job.jobId());
        if (span != null) {
            span.setAttribute(OUTCOME, outcome);
        }
    }

    void recordTokens(JobDispatched job, long input, long output) {
        Span span = serving.get(job.jobId());
        if (span != null) {
            span.setAttribute(INPUT_TOKENS, input).setAttribute(OUTPUT_TOKENS, output);
        }
    }

    private static SpanBuilder describe(SpanBuilder span, JobDispatched job) {
        span.setAttribute(JOB_ID, job.jobId()).setAttribute(TENANT_ID, job.tenantId())
                .setAttribute(PROVIDER, job.provider());
        if (job.providerModel() != null) {
            span.setAttribute(PROVIDER_MODEL, job.providerModel());
        }
        if (job.routing() != null) {
            span.setAttribute(ROUTE, job.routing().route());
        }
        return span;
    }
}
