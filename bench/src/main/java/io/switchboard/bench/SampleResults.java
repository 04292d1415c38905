package io.switchboard.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;

/**
 * Succeeded results as the worker writes them, shaped like real traffic rather than the simulator's echoes, so
 * the checks do their real work: answers of prose with log-normal lengths (median 600 characters, as the drift
 * scenarios' lengths), 15 % asked as JSON (a few of them broken), 2 % refusals, 1 % cut at the token limit,
 * latencies around 800 ms. Seeded: the same seed gives the same results.
 */
final class SampleResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are or "
            + "from at which an have not they but you were his all one has had their there been if more when will "
            + "would who so no other into what can its only time about than some could these may then two first "
            + "any over most also after where did many through before such our well because each those must "
            + "request answer model order customer account invoice shipping refund policy product support "
            + "configuration database latency throughput partition consumer producer gateway tenant route").split(" ");
    private static final String REFUSAL = "I'm sorry, but I can't help with that request.";

    private SampleResults() {
    }

    static List<JobCompleted> of(String tenant, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<JobCompleted> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(one(tenant, random));
        }
        return results;
    }

    private static JobCompleted one(String tenant, SplittableRandom random) {
        boolean asJson = random.nextDouble() < 0.15;
        int length = (int) Math.min(20_000, Math.round(600 * Math.exp(0.6 * random.nextGaussian())));
        String content;
        if (random.nextDouble() < 0.02) {
            content = REFUSAL;
        } else if (asJson) {
            content = jsonAnswer(random, length, random.nextDouble() < 0.05);
        } else {
            content = prose(random, length);
        }
        String finishReason = random.nextDouble() < 0.01 ? "length" : "stop";
        long latencyMs = Math.round(800 * Math.exp(0.5 * random.nextGaussian()));
        String jobId = "job_bench" + UUID.randomUUID().toString().replace("-", "");
        return new JobCompleted(EventType.SCHEMA_VERSION, jobId, tenant, null, JobStatus.SUCCEEDED, "gpt-4o-mini",
                "simulator", "sim-small", completion(jobId, content, finishReason, length), null, 1024,
                asJson ? "json_object" : null, latencyMs, Instant.now());
    }

    private static ObjectNode completion(String jobId, String content, String finishReason, int length) {
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-" + jobId).put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond()).put("model", "sim-small");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", finishReason);
        completion.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", length / 4)
                .put("total_tokens", 120 + length / 4);
        return completion;
    }

    private static String prose(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(text.isEmpty() ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            text.append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return text.toString().trim();
    }

    private static String jsonAnswer(SplittableRandom random, int length, boolean broken) {
        ObjectNode answer = JSON.createObjectNode().put("answer", prose(random, Math.max(20, length - 60)))
                .put("confidence", Math.round(random.nextDouble() * 100) / 100.0);
        answer.putArray("tags").add(WORDS[random.nextInt(WORDS.length)]).add(WORDS[random.nextInt(WORDS.length)]);
        String text = answer.toString();
        // what a model cut short or rambling on gives: an object that never closes
        return broken ? text.substring(0, text.length() - 1) + ", and some words after" : text;
    }
}
