package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.JobDispatched;

public class JobDispatchedDeserializer extends EventDeserializer<JobDispatched> {

    public JobDispatchedDeserializer() {
        super(JobDispatched.class);
    }
}
