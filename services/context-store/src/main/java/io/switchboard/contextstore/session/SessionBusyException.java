package io.switchboard.contextstore.session;

/** An earlier job of the session is still open, so this job's context is not complete yet. */
public class SessionBusyException extends RuntimeException {

    public SessionBusyException(String openJobId) {
        super("an earlier job of this session is still open: " + openJobId, null, false, false);
    }
}
