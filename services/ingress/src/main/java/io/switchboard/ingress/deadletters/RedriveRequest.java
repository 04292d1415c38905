package io.switchboard.ingress.deadletters;

import java.util.List;

/** The body of a redrive: the records chosen by partition and offset, and why (kept in the audit event). */
public record RedriveRequest(List<Chosen> records, String note) {

    /** A dead-letter record, by where it sits on its topic. */
    public record Chosen(Integer partition, Long offset) {
    }
}
