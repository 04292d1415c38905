package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.JobRequested;

public class JobRequestedDeserializer extends EventDeserializer<JobRequested> {

    public JobRequestedDeserializer() {
        super(JobRequested.class);
    }
}
