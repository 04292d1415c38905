package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.BudgetAlert;

public class BudgetAlertDeserializer extends EventDeserializer<BudgetAlert> {

    public BudgetAlertDeserializer() {
        super(BudgetAlert.class);
    }
}
