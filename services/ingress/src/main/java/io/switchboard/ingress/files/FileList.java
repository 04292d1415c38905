package io.switchboard.ingress.files;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A page of files in OpenAI's list format; an empty page has no first or last id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileList(String object, List<FileObject> data, String firstId, String lastId, boolean hasMore) {

    /** {@code fetched} holds up to one file more than a page, which only tells whether more follow. */
    static FileList of(List<FileObject> fetched, int pageSize) {
        List<FileObject> page = fetched.stream().limit(pageSize).toList();
        return new FileList("list", page, page.isEmpty() ? null : page.getFirst().id(),
                page.isEmpty() ? null : page.getLast().id(), fetched.size() > pageSize);
    }
}
