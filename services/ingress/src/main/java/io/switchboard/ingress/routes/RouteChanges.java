package io.switchboard.ingress.routes;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.routes.RouteValidation;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.ingress.api.ApiException;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Defines and deletes routes: the {@code routes} table is the truth, the config topic tells the routers.
 *
 * <p>The two go together this way: a change runs in one transaction that locks the alias's row, writes the
 * change, publishes it and waits for Kafka's acknowledgement, and only then commits. If Kafka does not
 * acknowledge in time the transaction rolls back and the caller gets a 503: nothing changed, and a retry
 * is safe. The row lock also serializes the changes of one alias across ingress replicas, so the topic
 * carries them in version order, tombstones included; routers can then keep the highest version and trust
 * a tombstone. What remains is a record Kafka stored whose acknowledgement was lost (or a commit failing
 * after the acknowledgement): the routers may then hold a change the table does not. Its version is never
 * handed out again (see {@link RouteStore}), so the retry the 503 asks for supersedes it everywhere.
 */
@ApplicationScoped
class RouteChanges {

    private final Pool pool;
    private final RouteStore store;
    private final RoutePublisher publisher;
    private final RouteTargets targets;

    RouteChanges(Pool pool, RouteStore store, RoutePublisher publisher, RouteTargets targets) {
        this.pool = pool;
        this.store = store;
        this.publisher = publisher;
        this.targets = targets;
    }

    /**
     * Puts {@code body} (a route definition; its alias, if any, must be {@code alias}, its version is
     * assigned here) in force for the alias and returns it as stored, with its version.
     */
    Uni<RouteDefinition> define(String alias, ObjectNode body) {
        RouteDefinition checked;
        try {
            checked = validated(alias, body, 1);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e); // answered 400 naming the field, by the exception mapper
        }
        return pool.withTransaction(transaction -> store.lock(transaction, alias).chain(locked -> {
            RouteDefinition route = withVersion(checked, locked.nextVersion());
            return store.write(transaction, alias, route.version(), route)
                    .chain(() -> publisher.publish(route))
                    .replaceWith(route);
        })).call(this::reloadTargets);
    }

    /** After the commit: this replica bounds worst cases by the new targets at once, not at its next refresh. */
    private Uni<Void> reloadTargets() {
        return targets.refresh().onFailure().recoverWithNull();
    }

    /** Deletes the alias's route; false when it has none. */
    Uni<Boolean> delete(String alias) {
        return pool.withTransaction(transaction -> store.lock(transaction, alias).chain(locked -> {
            if (locked.current() == null) {
                return Uni.createFrom().item(false);
            }
            return store.write(transaction, alias, locked.nextVersion(), null)
                    .chain(() -> publisher.remove(alias))
                    .replaceWith(true);
        })).call(this::reloadTargets);
    }

    Uni<RouteDefinition> find(String alias) {
        return store.find(alias);
    }

    Uni<List<RouteDefinition>> all() {
        return store.all();
    }

    /** The body as a route of {@code alias}, or a 400 listing every problem. */
    private static RouteDefinition validated(String alias, ObjectNode body, int version)
            throws JsonProcessingException {
        if (body == null) {
            throw ApiException.invalidRequest("The request body must be a route definition (a JSON object).", null,
                    "invalid_json");
        }
        if (body.hasNonNull("alias") && !alias.equals(body.get("alias").asText())) {
            throw ApiException.invalidRequest("The body's alias '" + body.get("alias").asText()
                    + "' is not the alias of the path, '" + alias + "'.", "alias", "invalid_value");
        }
        ObjectNode definition = body.deepCopy();
        definition.put("schema_version", EventType.SCHEMA_VERSION);
        definition.put("alias", alias);
        definition.put("version", version);
        RouteDefinition route = EventJson.MAPPER.treeToValue(definition, RouteDefinition.class);
        List<String> problems = RouteValidation.problems(route);
        if (!problems.isEmpty()) {
            throw ApiException.invalidRequest("Invalid route: " + String.join("; ", problems) + ".", null,
                    "invalid_route");
        }
        return route;
    }

    private static RouteDefinition withVersion(RouteDefinition route, int version) {
        return new RouteDefinition(route.alias(), version, route.targets(), route.rules(), route.split(),
                route.fallbacks());
    }
}
