package io.switchboard.ingress.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Multi;
import io.switchboard.ingress.api.ApiExceptionMapper;
import io.switchboard.ingress.limits.Admission;

/**
 * A successful answer to a chat completion: status, headers and a body written as it becomes
 * available, either one JSON document or a stream of Server-Sent Events.
 */
record ChatReply(Map<String, List<String>> headers, Multi<String> body) {

    static ChatReply json(String completion, String jobId, Admission admission) {
        return new ChatReply(headers(MediaType.APPLICATION_JSON, jobId, admission), Multi.createFrom().item(completion));
    }

    static ChatReply events(Multi<String> events, String jobId, Admission admission) {
        Map<String, List<String>> headers = headers(MediaType.SERVER_SENT_EVENTS, jobId, admission);
        headers.put("Cache-Control", List.of("no-cache"));
        return new ChatReply(headers, events);
    }

    ChatReply withHeader(String name, String value) {
        Map<String, List<String>> more = new HashMap<>(headers);
        more.put(name, List.of(value));
        return new ChatReply(more, body);
    }

    int status() {
        return 200;
    }

    private static Map<String, List<String>> headers(String contentType, String jobId, Admission admission) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, List.of(contentType));
        headers.put(ApiExceptionMapper.JOB_ID_HEADER, List.of(jobId));
        admission.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }
}
