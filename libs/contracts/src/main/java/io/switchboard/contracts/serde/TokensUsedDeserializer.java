package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.TokensUsed;

public class TokensUsedDeserializer extends EventDeserializer<TokensUsed> {

    public TokensUsedDeserializer() {
        super(TokensUsed.class);
    }
}
