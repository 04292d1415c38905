package io.switchboard.contracts.replay;

/** A replay the command will not do, and why, in words for the operator; nothing was changed. */
public final class ReplayRefused extends RuntimeException {

    public ReplayRefused(String reason) {
        super(reason, null, false, false);
    }
}
