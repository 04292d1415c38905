package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.JobCompleted;

public class JobCompletedDeserializer extends EventDeserializer<JobCompleted> {

    public JobCompletedDeserializer() {
        super(JobCompleted.class);
    }
}
