package io.switchboard.worker.provider.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;

class ProviderKeysTest {

    @TempDir
    Path secrets;

    @Test
    void theEnvironmentVariableIsTheNameUpperCasedWithUnderscores() {
        assertEquals("SWITCHBOARD_CREDENTIAL_TEAM_A_2", ProviderKeys.environmentVariable("team-a.2"));
    }

    @Test
    void secretsComeFromTheEnvironmentBeforeFiles() throws Exception {
        Files.writeString(secrets.resolve("alpha"), "sk-from-file\n");
        Files.writeString(secrets.resolve("beta"), "sk-beta-file");
        ProviderKeys keys = new ProviderKeys(Map.of("alpha", limits(60, 0), "beta", limits(0, 1000)),
                Optional.of(secrets), Optional.empty(),
                Map.of("SWITCHBOARD_CREDENTIAL_ALPHA", "sk-from-env")::get);

        assertEquals(List.of("alpha", "beta"), keys.all().stream().map(ProviderKey::name).toList());
        assertEquals(Optional.of("sk-from-env"), keys.all().get(0).secret());
        assertEquals(Optional.of("sk-beta-file"), keys.all().get(1).secret());
        assertEquals(60, keys.all().get(0).rpm());
        assertEquals(1000, keys.all().get(1).tpm());
    }

    @Test
    void withNoKeysNamedTheWorkerHasTheDefaultKeyFromApiKey() {
        ProviderKeys keys = new ProviderKeys(Map.of(), Optional.empty(), Optional.of("sk-default"), name -> null);

        assertEquals(1, keys.all().size());
        assertEquals("default", keys.all().getFirst().name());
        assertEquals(Optional.of("sk-default"), keys.all().getFirst().secret());
    }

    @Test
    void aNamedKeyWithoutASecretStopsTheWorkerWithoutShowingAnySecret() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new ProviderKeys(
                Map.of("alpha", limits(1, 0)), Optional.of(secrets), Optional.of("sk-default"), name -> null));
        assertTrue(refused.getMessage().contains("SWITCHBOARD_CREDENTIAL_ALPHA"));
        assertFalse(refused.getMessage().contains("sk-default"));
    }

    @Test
    void aKeyPrintsItsNameAndLimitsButNeverItsSecret() {
        String printed = new ProviderKey("alpha", Optional.of("sk-very-secret"), 60, 0).toString();
        assertTrue(printed.contains("alpha"));
        assertFalse(printed.contains("sk-very-secret"));
    }

    @Test
    void aRouteNamingCredentialsGetsThatKeyOrUnknownAndNoneNamedGetsAll() throws Exception {
        Files.writeString(secrets.resolve("alpha"), "a");
        Files.writeString(secrets.resolve("beta"), "b");
        ProviderKeys keys = new ProviderKeys(Map.of("alpha", limits(0, 0), "beta", limits(0, 0)), Optional.of(secrets),
                Optional.empty(), name -> null);

        assertEquals(new KeyChoice.Among(keys.all()), keys.choiceFor(job(null)));
        KeyChoice.Among beta = assertInstanceOf(KeyChoice.Among.class, keys.choiceFor(job("beta")));
        assertEquals(List.of("beta"), beta.keys().stream().map(ProviderKey::name).toList());
        assertEquals(new KeyChoice.Unknown("gamma"), keys.choiceFor(job("gamma")));
    }

    private static KeysConfig.KeyLimits limits(int rpm, int tpm) {
        return new KeysConfig.KeyLimits() {
            @Override
            public int rpm() {
                return rpm;
            }

            @Override
            public int tpm() {
                return tpm;
            }
        };
    }

    private static JobDispatched job(String credentials) {
        ChatRequest request = new ChatRequest("m", List.of(ChatMessage.of("user", "hi")), 10, null, null, null);
        Routing routing = new Routing("m", 1, null, null, new RouteTarget("t", "p", "m", credentials), null, null);
        return new JobDispatched(1, "job_1", "acme", null, "p", "m", request, Instant.now(), routing);
    }
}
