package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.UsagePriceCorrected;

public class UsagePriceCorrectedDeserializer extends EventDeserializer<UsagePriceCorrected> {

    public UsagePriceCorrectedDeserializer() {
        super(UsagePriceCorrected.class);
    }
}
