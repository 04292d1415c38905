package io.switchboard.evaluator.api;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The WHERE clause of a query built from optional filters, with numbered parameters ({@code $1}, {@code $2}, ...):
 * values are always bound, never spliced into the SQL.
 */
public final class SqlConditions {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** {@code column = value}, left out when the value is null (no filter). */
    public SqlConditions equal(String column, Object value) {
        return value == null ? this : add(column + " = ?", value);
    }

    /** A condition whose {@code ?}s take the values, in order. */
    public SqlConditions add(String condition, Object... conditionValues) {
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : condition.toCharArray()) {
            if (c == '?') {
                values.add(conditionValues[next++]);
                numbered.append('$').append(values.size());
            } else {
                numbered.append(c);
            }
        }
        if (next != conditionValues.length) {
            throw new IllegalArgumentException("condition '" + condition + "' takes " + next + " values");
        }
        clauses.add(numbered.toString());
        return this;
    }

    /** A value bound after the conditions' (a LIMIT), as {@code $n}. */
    public String bind(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    public String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    public Tuple values() {
        return Tuple.from(values);
    }
}
