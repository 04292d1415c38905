package io.switchboard.ingress.callbacks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CallbackTargetsTest {

    private final CallbackTargets production = new CallbackTargets(config(false));

    @Test
    void internalAddressesAreRefusedSoTenantsCannotReachInternalServices() {
        assertFalse(production.isAllowed("http://127.0.0.1:8083/internal/sessions/acme/x"));
        assertFalse(production.isAllowed("http://localhost/hook"));
        assertFalse(production.isAllowed("http://10.1.2.3/hook"));
        assertFalse(production.isAllowed("http://192.168.0.10/hook"));
        assertFalse(production.isAllowed("http://169.254.169.254/latest/meta-data/"));
        assertFalse(production.isAllowed("http://[::1]/hook"));
    }

    @Test
    void onlyAbsoluteHttpUrlsAreAccepted() {
        assertFalse(production.isAllowed("file:///etc/passwd"));
        assertFalse(production.isAllowed("ftp://8.8.8.8/x"));
        assertFalse(production.isAllowed("/relative/hook"));
        assertFalse(production.isAllowed("http://8.8.8.8/" + "x".repeat(2100)));
    }

    @Test
    void publicAddressesAreAccepted() {
        assertTrue(production.isAllowed("https://8.8.8.8/hooks/switchboard"));
    }

    @Test
    void privateAddressesAreAcceptedWhereAllowed() {
        assertTrue(new CallbackTargets(config(true)).isAllowed("http://127.0.0.1:9000/hook"));
    }

    private static CallbackConfig config(boolean allowPrivate) {
        return new CallbackConfig() {
            public int maxAttempts() {
                return 6;
            }

            public Duration firstBackoff() {
                return Duration.ofSeconds(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMinutes(5);
            }

            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            public boolean allowPrivateAddresses() {
                return allowPrivate;
            }

            public Duration pollEvery() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
