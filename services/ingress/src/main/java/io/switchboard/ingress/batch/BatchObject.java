package io.switchboard.ingress.batch;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's batch object. Unset fields are left out rather than null: OpenAI's schema types them as
 * strings and integers, and its SDKs read an absent field as empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchObject(
        String id,
        String object,
        String endpoint,
        Errors errors,
        String inputFileId,
        String completionWindow,
        String status,
        String outputFileId,
        String errorFileId,
        long createdAt,
        Long inProgressAt,
        Long expiresAt,
        Long finalizingAt,
        Long completedAt,
        Long failedAt,
        Long expiredAt,
        Long cancellingAt,
        Long cancelledAt,
        RequestCounts requestCounts,
        Map<String, String> metadata) {

    public record RequestCounts(int total, int completed, int failed) {
    }

    /** Why a batch failed as a whole; {@code line} names the input line concerned, if one. */
    public record Errors(String object, List<Error> data) {

        static Errors of(List<Error> data) {
            return data == null || data.isEmpty() ? null : new Errors("list", data);
        }
    }

    public record Error(String code, String message, String param, Integer line) {
    }
}
