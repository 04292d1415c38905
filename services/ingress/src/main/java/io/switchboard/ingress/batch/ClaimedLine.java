package io.switchboard.ingress.batch;

/** A line a replica has claimed for submission: its request, to run as the job {@code jobId}. */
record ClaimedLine(String id, String jobId, String body) {
}
