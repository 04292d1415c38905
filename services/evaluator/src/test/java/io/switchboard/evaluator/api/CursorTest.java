package io.switchboard.evaluator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorReadsBackAsTheSamePosition() {
        Cursor cursor = new Cursor(Instant.parse("2026-12-05T00:14:49.123456Z"), "4711");

        assertEquals(cursor, Cursor.decodeOrNull(cursor.encode()));
        assertEquals(4711L, Cursor.decodeOrNull(cursor.encode()).numericId());
    }

    @Test
    void positionsBeforeTheEpochReadBackToo() {
        Cursor cursor = new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), "alarm:QUALITY_DEGRADED");

        assertEquals(cursor, Cursor.decodeOrNull(cursor.encode()));
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertNull(Cursor.decodeOrNull(null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not a cursor", "bm90LWEtbnVtYmVyOjE", "MTIzNDU", "%%%", "OjEyMw" })
    void anythingElseIsRefusedNamingTheCursor(String foreign) {
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> Cursor.decodeOrNull(foreign));

        assertEquals("cursor", refused.param());
    }

    @Test
    void aCursorOfAnotherListIsRefusedWhereANumberIsExpected() {
        Cursor alerts = Cursor.decodeOrNull(new Cursor(Instant.EPOCH, "alarm-1:QUALITY_DEGRADED").encode());

        assertEquals("cursor", assertThrows(InvalidRequest.class, alerts::numericId).param());
    }
}
