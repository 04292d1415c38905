package io.switchboard.ingress.payloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PayloadRedactionTest {

    @Test
    void apiKeysAreRedactedByTheirVendorsPrefixes() {
        assertEquals("use [REDACTED:api_key] now", PayloadRedaction.redact("use sk-proj-Abc123def456GHI789jkl now"));
        assertEquals("[REDACTED:api_key]", PayloadRedaction.redact("sb-acme-demo-key-0001"));
        assertEquals("id [REDACTED:api_key], secret [REDACTED:api_key]",
                PayloadRedaction.redact("id AKIAIOSFODNN7EXAMPLE, secret ghp_16C7e42F292c6912E7710c838347Ae178B4a"));
        assertEquals("[REDACTED:api_key]", PayloadRedaction.redact("AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"));
    }

    @Test
    void bearerTokensAreRedactedWithTheirScheme() {
        assertEquals("Authorization: [REDACTED:bearer]",
                PayloadRedaction.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"));
        assertEquals("header [REDACTED:bearer] was sent", PayloadRedaction.redact("header bearer sk-abcdefghijklmnop was sent"));
    }

    @Test
    void emailAddressesAreRedacted() {
        assertEquals("write to [REDACTED:email] or [REDACTED:email].",
                PayloadRedaction.redact("write to jane.doe+work@example.co.uk or ops@switchboard.io."));
    }

    @Test
    void longDigitRunsAreRedactedWithTheirSpacesAndDashes() {
        assertEquals("card [REDACTED:number], exp 12/27", PayloadRedaction.redact("card 4111 1111 1111 1111, exp 12/27"));
        assertEquals("acct [REDACTED:number]", PayloadRedaction.redact("acct 4111-1111-1111-1111"));
        assertEquals("[REDACTED:number]", PayloadRedaction.redact("123456789012"));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Ask the risk-assessment task_force about sk-learn, 2026-12-05, order 12345678901 and room 42.";
        assertEquals(text, PayloadRedaction.redact(text));
        assertNull(PayloadRedaction.redact(null));
    }
}
