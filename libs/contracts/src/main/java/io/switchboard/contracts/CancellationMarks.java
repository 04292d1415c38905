package io.switchboard.contracts;

/**
 * The Redis key by which the ingress marks a cancelled job and a worker recognises it before calling a
 * provider. The value is the tenant id; the mark lives for a day.
 */
public final class CancellationMarks {

    private CancellationMarks() {
    }

    public static String keyOf(String jobId) {
        return "sb:cancelled:" + jobId;
    }
}
