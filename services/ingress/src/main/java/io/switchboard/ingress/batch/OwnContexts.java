package io.switchboard.ingress.batch;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs work on a Vert.x context of its own. Hibernate Reactive's Panache binds its session to the current
 * context, so work that uses it (job intake writes the job view) must not share one with other such
 * work running at the same time, as each HTTP request has its own.
 */
@ApplicationScoped
class OwnContexts {

    private final Vertx vertx;

    OwnContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            return Uni.createFrom().<T> emitter(emitter -> context.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }));
        });
    }
}
