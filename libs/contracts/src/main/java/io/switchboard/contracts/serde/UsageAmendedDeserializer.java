package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.UsageAmended;

public class UsageAmendedDeserializer extends EventDeserializer<UsageAmended> {

    public UsageAmendedDeserializer() {
        super(UsageAmended.class);
    }
}
