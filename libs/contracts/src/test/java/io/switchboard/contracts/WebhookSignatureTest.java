package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The webhook signature, checked against HMAC-SHA256 as RFC 4231 defines it. */
class WebhookSignatureTest {

    @Test
    void theSignatureIsTheTimestampAndTheHmacOfTimestampDotBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.hmac("Jefe", "what do ya want for nothing?"));
        assertEquals("t=1700000000,v1=" + WebhookSignature.hmac("s3cret", "1700000000.{\"a\":1}"),
                WebhookSignature.sign("s3cret", 1_700_000_000L, "{\"a\":1}"));
    }
}
