package io.switchboard.contextstore.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.serde.EventJson;
import io.vertx.mutiny.redis.client.Response;

/**
 * A session's conversation in Redis: a list of messages, plus the turns of jobs that were sent to a
 * provider but have not finished. Both changes run as Lua scripts, so each is atomic and a duplicate
 * result appends nothing.
 */
@ApplicationScoped
public class SessionStore {

    private static final String OPEN_TURN = script("open-turn.lua");
    private static final String CLOSE_TURN = script("close-turn.lua");

    private final ReactiveRedisDataSource redis;
    private final ContextStoreConfig config;

    SessionStore(ReactiveRedisDataSource redis, ContextStoreConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /**
     * Records the job's messages as the session's open turn and returns the history before it. A job whose
     * turn has already closed (a router routing it again after a crash) opens nothing: its result is out, so
     * no later result would close the turn again, and the session's next turn would wait for it in vain.
     *
     * @throws SessionBusyException (as the Uni's failure) when an earlier job is still open and
     *                              {@code force} is false
     */
    public Uni<List<ChatMessage>> openTurn(String tenantId, String sessionId, String jobId, List<ChatMessage> messages,
            boolean force) {
        SessionKeys keys = SessionKeys.of(tenantId, sessionId);
        long now = System.currentTimeMillis();
        StringBuilder turn = new StringBuilder().append(now);
        for (ChatMessage message : messages) {
            turn.append('\n').append(json(message));
        }
        return redis.execute("EVAL", OPEN_TURN, "3", keys.history(), keys.openTurns(), keys.closedTurns(), jobId,
                turn.toString(),
                force ? "1" : "0", Long.toString(now), Long.toString(config.openTurnTimeout().toMillis()),
                Long.toString(config.sessionTtl().toSeconds()))
                .map(response -> {
                    if (response.get(0).toInteger() == 0) {
                        throw new SessionBusyException(response.get(1).toString());
                    }
                    List<ChatMessage> history = new ArrayList<>();
                    for (int i = 1; i < response.size(); i++) {
                        history.add(message(response.get(i)));
                    }
                    return history;
                });
    }

    /** Appends the job's turn and the assistant's reply; returns false if the turn was already closed. */
    public Uni<Boolean> closeTurn(String tenantId, String sessionId, String jobId, ChatMessage reply) {
        return close(tenantId, sessionId, jobId, json(reply)).map(result -> result == 1);
    }

    /** Forgets a failed job's turn, so that the session goes on without it. */
    public Uni<Void> dropTurn(String tenantId, String sessionId, String jobId) {
        return close(tenantId, sessionId, jobId, "").replaceWithVoid();
    }

    public Uni<SessionView> view(String tenantId, String sessionId) {
        SessionKeys keys = SessionKeys.of(tenantId, sessionId);
        Uni<List<ChatMessage>> history = redis.list(String.class).lrange(keys.history(), 0, -1)
                .map(lines -> lines.stream().map(SessionStore::message).toList());
        Uni<List<String>> open = redis.hash(String.class).hkeys(keys.openTurns());
        return Uni.combine().all().unis(history, open).asTuple()
                .map(both -> new SessionView(tenantId, sessionId, both.getItem1(), both.getItem2()));
    }

    private Uni<Integer> close(String tenantId, String sessionId, String jobId, String reply) {
        SessionKeys keys = SessionKeys.of(tenantId, sessionId);
        return redis.execute("EVAL", CLOSE_TURN, "3", keys.history(), keys.openTurns(), keys.closedTurns(), jobId, reply,
                Integer.toString(config.maxMessages()), Long.toString(config.sessionTtl().toSeconds()))
                .map(Response::toInteger);
    }

    private static String json(ChatMessage message) {
        try {
            return EventJson.MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message cannot be written as JSON", e);
        }
    }

    private static ChatMessage message(Response line) {
        return message(line.toString());
    }

    private static ChatMessage message(String line) {
        try {
            return EventJson.MAPPER.readValue(line, ChatMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored message is not valid JSON", e);
        }
    }

    private static String script(String name) {
        try (InputStream in = SessionStore.class.getResourceAsStream("/scripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
