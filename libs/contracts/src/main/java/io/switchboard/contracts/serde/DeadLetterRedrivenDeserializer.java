package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.DeadLetterRedriven;

public class DeadLetterRedrivenDeserializer extends EventDeserializer<DeadLetterRedriven> {

    public DeadLetterRedrivenDeserializer() {
        super(DeadLetterRedriven.class);
    }
}
