package io.switchboard.ingress.jobs;

import java.util.List;

/** A page of jobs in OpenAI's list format, with its cursors. */
public record JobList(String object, List<JobView> data, String firstId, String lastId, boolean hasMore) {

    /** {@code fetched} holds up to one job more than a page, which only tells whether more follow. */
    static JobList of(List<JobRecord> fetched, int pageSize) {
        List<JobView> page = fetched.stream().limit(pageSize).map(JobView::of).toList();
        return new JobList("list", page, page.isEmpty() ? null : page.getFirst().id(),
                page.isEmpty() ? null : page.getLast().id(), fetched.size() > pageSize);
    }
}
