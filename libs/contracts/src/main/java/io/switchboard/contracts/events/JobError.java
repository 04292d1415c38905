package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why a job failed, in OpenAI's error vocabulary ({@code code}, {@code message}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobError(String code, String message) {

    public JobError {
        EventContract.required(code, "error.code");
    }
}
