package io.switchboard.billing.ledger;

import io.vertx.pgclient.PgException;

/**
 * PostgreSQL refusing the values of a statement (SQLSTATE class 22, data exception: a NUL character in a
 * text, a time outside {@code timestamptz}'s range, a number out of its column's range). Unlike a lost
 * connection or a deadlock, trying again cannot help: the flush must set the offending entry aside.
 */
final class DataRejection {

    private static final String DATA_EXCEPTION_CLASS = "22";

    private DataRejection() {
    }

    static boolean is(Throwable failure) {
        return failure instanceof PgException rejected && rejected.getSqlState() != null
                && rejected.getSqlState().startsWith(DATA_EXCEPTION_CLASS);
    }

    static String describe(Throwable failure) {
        PgException rejected = (PgException) failure;
        return rejected.getErrorMessage() + " (SQLSTATE " + rejected.getSqlState() + ")";
    }
}
