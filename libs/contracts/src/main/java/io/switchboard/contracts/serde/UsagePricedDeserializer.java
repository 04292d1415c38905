package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.UsagePriced;

public class UsagePricedDeserializer extends EventDeserializer<UsagePriced> {

    public UsagePricedDeserializer() {
        super(UsagePriced.class);
    }
}
