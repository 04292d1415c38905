package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.JobStatusChanged;

public class JobStatusChangedDeserializer extends EventDeserializer<JobStatusChanged> {

    public JobStatusChangedDeserializer() {
        super(JobStatusChanged.class);
    }
}
