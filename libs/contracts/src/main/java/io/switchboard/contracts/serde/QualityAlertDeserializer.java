package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.QualityAlert;

public class QualityAlertDeserializer extends EventDeserializer<QualityAlert> {

    public QualityAlertDeserializer() {
        super(QualityAlert.class);
    }
}
