package io.switchboard.ingress.batch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A page of batches in OpenAI's list format; an empty page has no first or last id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchList(String object, List<BatchObject> data, String firstId, String lastId, boolean hasMore) {

    /** {@code fetched} holds up to one batch more than a page, which only tells whether more follow. */
    static BatchList of(List<BatchObject> fetched, int pageSize) {
        List<BatchObject> page = fetched.stream().limit(pageSize).toList();
        return new BatchList("list", page, page.isEmpty() ? null : page.getFirst().id(),
                page.isEmpty() ? null : page.getLast().id(), fetched.size() > pageSize);
    }
}
