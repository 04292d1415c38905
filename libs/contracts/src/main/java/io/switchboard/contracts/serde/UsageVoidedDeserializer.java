package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.UsageVoided;

public class UsageVoidedDeserializer extends EventDeserializer<UsageVoided> {

    public UsageVoidedDeserializer() {
        super(UsageVoided.class);
    }
}
