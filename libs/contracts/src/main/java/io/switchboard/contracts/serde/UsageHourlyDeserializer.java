package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.UsageHourly;

public class UsageHourlyDeserializer extends EventDeserializer<UsageHourly> {

    public UsageHourlyDeserializer() {
        super(UsageHourly.class);
    }
}
