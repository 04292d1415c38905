package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.switchboard.contracts.events.BudgetAlert;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.DeadLetterRedriven;
import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.events.RoutingAttempt;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsageAmended;
import io.switchboard.contracts.events.UsageHourly;
import io.switchboard.contracts.events.UsagePriceCorrected;
import io.switchboard.contracts.events.UsagePriced;
import io.switchboard.contracts.events.UsageRecord;
import io.switchboard.contracts.events.UsageVoided;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.serde.BudgetAlertDeserializer;
import io.switchboard.contracts.serde.CompletionChunkDeserializer;
import io.switchboard.contracts.serde.DeadLetterRedrivenDeserializer;
import io.switchboard.contracts.serde.EvaluationScoredDeserializer;
import io.switchboard.contracts.serde.EventDeserializer;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.contracts.serde.EventSerializer;
import io.switchboard.contracts.serde.JobCompletedDeserializer;
import io.switchboard.contracts.serde.JobDispatchedDeserializer;
import io.switchboard.contracts.serde.JobRequestedDeserializer;
import io.switchboard.contracts.serde.JobStatusChangedDeserializer;
import io.switchboard.contracts.serde.QualityAlertDeserializer;
import io.switchboard.contracts.serde.RouteDefinitionDeserializer;
import io.switchboard.contracts.serde.TokensUsedDeserializer;
import io.switchboard.contracts.serde.UsageAmendedDeserializer;
import io.switchboard.contracts.serde.UsageHourlyDeserializer;
import io.switchboard.contracts.serde.UsagePriceCorrectedDeserializer;
import io.switchboard.contracts.serde.UsagePricedDeserializer;
import io.switchboard.contracts.serde.UsageRecordDeserializer;
import io.switchboard.contracts.serde.UsageVoidedDeserializer;

/**
 * The JSON schemas in {@code schemas/} are the published form of the event records: every event the
 * records' factories build must match its schema, and the schema must reject what the records' readers
 * reject.
 */
class EventSchemasTest {

    private static final String SCHEMA_BASE = "https://switchboard.io/schemas/";

    /** Schemas are loaded by their public {@code $id}, served from the classpath. */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));

    /** Draft 2020-12 treats {@code format} as an annotation by default; analysts' tools assert it, so do we. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();

    private static final Instant SUBMITTED = Instant.parse("2025-11-23T16:14:05.123456Z");

    // ---------------------------------------------------------------- every event matches its schema

    @Test
    void everyJobRequestedMatchesItsSchema() {
        assertMatches(EventType.JOB_REQUESTED, requestedInSession());
        assertMatches(EventType.JOB_REQUESTED, requestedWithoutSessionOrOptions());
    }

    @Test
    void everyJobDispatchedMatchesItsSchema() {
        assertMatches(EventType.JOB_DISPATCHED, dispatched());
    }

    @Test
    void everyJobStatusChangedMatchesItsSchema() {
        assertMatches(EventType.JOB_STATUS_CHANGED, running());
        assertMatches(EventType.JOB_STATUS_CHANGED,
                JobStatusChanged.of("job-0002", "globex", null, JobStatus.QUEUED, SUBMITTED));
    }

    @Test
    void everyJobCompletedMatchesItsSchema() {
        assertMatches(EventType.JOB_COMPLETED, succeeded());
        assertMatches(EventType.JOB_COMPLETED, failedAtTheProvider());
        assertMatches(EventType.JOB_COMPLETED, failedBeforeRouting());
    }

    @Test
    void everyTokensUsedMatchesItsSchema() {
        assertMatches(EventType.TOKENS_USED, tokensUsed());
    }

    @Test
    void everyEvaluationScoredMatchesItsSchema() {
        assertMatches(EventType.EVALUATION_SCORED, scored());
        assertMatches(EventType.EVALUATION_SCORED,
                EvaluationScored.of(failedAtTheProvider(), "non_empty", false, 0.0, null, SUBMITTED.plusSeconds(3)));
        assertMatches(EventType.EVALUATION_SCORED, measuredAndSampled());
    }

    @Test
    void aScoreKnowsItsStratumAndDefaultsForFieldsAddedLater() {
        EvaluationScored routed = measuredAndSampled();
        assertEquals("acme|support-bot|sim-small|canary", routed.stratum());
        assertEquals("acme|-|gpt-4o-mini|-", scored().stratum());
        assertEquals(1, scored().scorerVersionOrFirst());
        assertEquals(1.0, scored().samplingProbabilityOrOne());
        assertEquals(0.25, routed.samplingProbabilityOrOne());
    }

    @Test
    void everyQualityAlertMatchesItsSchema() {
        assertMatches(EventType.QUALITY_ALERT, qualityDegraded());
        assertMatches(EventType.QUALITY_ALERT, evaluatorStalled());
        assertEquals("acme|support-bot|sim-small|canary", qualityDegraded().partitionKey());
        assertEquals("evaluator", evaluatorStalled().partitionKey());
    }

    @Test
    void everyBudgetAlertMatchesItsSchemaAndIsKeyedByTenantOrModel() {
        assertMatches(EventType.BUDGET_ALERT, tenantBudgetAlert());
        assertMatches(EventType.BUDGET_ALERT, modelBudgetAlert());
        assertEquals("acme", tenantBudgetAlert().partitionKey());
        assertEquals("model:gpt-4o", modelBudgetAlert().partitionKey());
        assertEquals("bud_1:2025-11-23T05:00:00Z:80", tenantBudgetAlert().alertId());
    }

    @Test
    void aRedriveMatchesItsSchemaAndItsIdIsTheDeadLetterRecordsCoordinates() {
        assertMatches(EventType.DEAD_LETTER_REDRIVEN, redriven());
        assertEquals("switchboard.results.v1.dlq/0/41", redriven().redriveId());
        assertEquals(Topic.AUDIT, EventType.DEAD_LETTER_REDRIVEN.topic());
        assertRejectedWithout(EventType.DEAD_LETTER_REDRIVEN, json(redriven()), "note");
        ObjectNode otherId = json(redriven());
        otherId.put("redrive_id", "switchboard.results.v1.dlq/0/42");
        assertThrows(SerializationException.class, () -> read(EventType.DEAD_LETTER_REDRIVEN, otherId),
                "an id that is not the record's coordinates");
    }

    @Test
    void aBudgetAlertAtAThresholdOtherThan50Or80Or100IsRejected() {
        ObjectNode payload = json(tenantBudgetAlert());
        payload.put("threshold_percent", 90);
        assertRejected(EventType.BUDGET_ALERT, payload, "threshold_percent");
    }

    @Test
    void everyCorrectionMatchesItsSchemaAndNamesTheEventItCorrects() {
        assertMatches(EventType.USAGE_VOIDED, voided());
        assertMatches(EventType.USAGE_AMENDED, amended());
        assertEquals(Topic.USAGE, EventType.USAGE_VOIDED.topic());
        assertEquals(Topic.USAGE, EventType.USAGE_AMENDED.topic());
        assertEquals(Topic.USAGE_PRICED, EventType.USAGE_PRICE_CORRECTED.topic());
        assertEquals("4b1c7d3e-0000-3000-8000-000000000001", voided().correctsEventId());
    }

    @Test
    void anAmendWhosePartsExceedTheirWholeOrWithNegativeTokensIsRefused() {
        ObjectNode tooManyCached = json(amended());
        tooManyCached.put("cached_tokens", 5_000);
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_AMENDED, tooManyCached));
        ObjectNode negative = json(amended());
        negative.put("prompt_tokens", -1);
        assertRejected(EventType.USAGE_AMENDED, negative, "prompt_tokens");
        assertRejectedWithout(EventType.USAGE_AMENDED, json(amended()), "cache_write_tokens");
    }

    /** Every record of the usage topic is read by its ce_type; usage without the header stays usage. */
    @Test
    void theUsageTopicsReaderTellsUsageVoidsAndAmendsApartByTheirType() throws Exception {
        try (UsageRecordDeserializer reader = new UsageRecordDeserializer()) {
            String topic = Topic.USAGE.topicName();
            assertEquals(tokensUsed(), reader.deserialize(topic, typed(EventType.TOKENS_USED), bytes(tokensUsed())));
            assertEquals(tokensUsed(), reader.deserialize(topic, new RecordHeaders(), bytes(tokensUsed())));
            assertEquals(tokensUsed(), reader.deserialize(topic, bytes(tokensUsed())));
            UsageRecord voided = reader.deserialize(topic, typed(EventType.USAGE_VOIDED), bytes(voided()));
            assertEquals(voided(), voided);
            assertEquals(amended(), reader.deserialize(topic, typed(EventType.USAGE_AMENDED), bytes(amended())));
            // a void read as usage, or a type this reader does not know, is refused: never booked as usage
            assertThrows(SerializationException.class,
                    () -> reader.deserialize(topic, typed(EventType.TOKENS_USED), bytes(voided())));
            RecordHeaders unknown = new RecordHeaders();
            unknown.add("ce_type", "io.switchboard.usage.refunded.v1".getBytes(StandardCharsets.UTF_8));
            assertThrows(SerializationException.class, () -> reader.deserialize(topic, unknown, bytes(tokensUsed())));
        }
    }

    @Test
    void aPriceCorrectionIsSignedButItsDollarsTotalsAndIdentityMustAgree() {
        assertMatches(EventType.USAGE_PRICE_CORRECTED, priceOfAVoid());
        assertEquals("-0.000700000000", priceOfAVoid().costUsd());
        ObjectNode otherDollars = json(priceOfAVoid());
        otherDollars.put("cost_usd", "0.000700000000");
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_PRICE_CORRECTED, otherDollars));
        ObjectNode otherTotal = json(priceOfAVoid());
        otherTotal.put("cost_pusd", 0);
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_PRICE_CORRECTED, otherTotal));
        ObjectNode anotherTenants = json(priceOfAVoid());
        anotherTenants.put("corrects_entry_id", "globex:4b1c7d3e-0000-3000-8000-000000000001");
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_PRICE_CORRECTED, anotherTenants));
        ObjectNode refund = json(priceOfAVoid());
        refund.put("correction", "refund");
        assertRejected(EventType.USAGE_PRICE_CORRECTED, refund, "correction");
        // the v1 priced-usage record stays non-negative: a correction is never written as one
        ObjectNode negativePriced = json(pricedBatchUsage());
        negativePriced.put("input_pusd", -1);
        assertRejected(EventType.USAGE_PRICED, negativePriced, "input_pusd");
    }

    @Test
    void everyPricedUsageMatchesItsSchemaAndIsIdentifiedByTenantAndEventId() {
        assertMatches(EventType.USAGE_PRICED, pricedBatchUsage());
        assertMatches(EventType.USAGE_PRICED, unpricedUsage());
        assertEquals("acme:4b1c7d3e-0000-3000-8000-000000000001", pricedBatchUsage().entryId());
        assertEquals("0.000700000000", pricedBatchUsage().costUsd());
    }

    @Test
    void aPricedUsageWhoseDollarsOrTotalDisagreeWithItsPicodollarsIsRejected() {
        ObjectNode otherDollars = json(pricedBatchUsage());
        otherDollars.put("cost_usd", "0.000961000000");
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_PRICED, otherDollars));
        ObjectNode rounded = json(pricedBatchUsage());
        rounded.put("cost_usd", "0.00096");
        assertRejected(EventType.USAGE_PRICED, rounded, "cost_usd");
        ObjectNode otherTotal = json(pricedBatchUsage());
        otherTotal.put("saved_pusd", 1);
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_PRICED, otherTotal));
        ObjectNode otherEntry = json(pricedBatchUsage());
        otherEntry.put("entry_id", "globex:4b1c7d3e-0000-3000-8000-000000000001");
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_PRICED, otherEntry));
    }

    @Test
    void everyHourlyRollupAndAdjustmentMatchesItsSchema() {
        assertMatches(EventType.USAGE_HOURLY, hourlyRollup());
        assertMatches(EventType.USAGE_HOURLY, hourlyAdjustment());
        assertMatches(EventType.USAGE_HOURLY, hourlyVoid());
        assertEquals(hourlyRollup().recordId(), hourlyAdjustment().rollupId());
    }

    @Test
    void aRollupWithANegativeCountOrAnUnknownKindIsRejectedButAnAdjustmentMayTakeUsageBack() {
        ObjectNode negative = json(hourlyRollup());
        negative.put("requests", -1);
        assertRejected(EventType.USAGE_HOURLY, negative, "requests");
        ObjectNode restated = json(hourlyRollup());
        restated.put("kind", "restatement");
        assertRejected(EventType.USAGE_HOURLY, restated, "kind");
        assertEquals(-1, ((UsageHourly) read(EventType.USAGE_HOURLY, json(hourlyVoid()))).requests());
    }

    @Test
    void anHourlyRecordOfAnInstantThatIsNotTheStartOfAnHourIsRejected() {
        ObjectNode payload = json(hourlyRollup());
        payload.put("hour", "2025-11-23T16:14:05Z");
        assertThrows(SerializationException.class, () -> read(EventType.USAGE_HOURLY, payload));
    }

    @Test
    void everyCompletionChunkMatchesItsSchema() {
        assertMatches(EventType.COMPLETION_CHUNK, chunk());
        assertMatches(EventType.COMPLETION_CHUNK, streamFinished());
        assertMatches(EventType.COMPLETION_CHUNK, streamBrokenOff());
    }

    @Test
    void everyRouteDefinitionMatchesItsSchema() {
        assertMatches(EventType.ROUTE_DEFINITION, routeWithRulesSplitAndFallbacks());
        assertMatches(EventType.ROUTE_DEFINITION, plainRoute());
    }

    @Test
    void aRoutedJobCarriesItsRouteAttemptsAndFallbacksThroughToItsResultAndUsage() {
        assertMatches(EventType.JOB_DISPATCHED, dispatchedAfterAFallback());
        JobCompleted result = succeededAfterAFallback();
        assertMatches(EventType.JOB_COMPLETED, result);
        assertEquals(List.of("primary", "backup"),
                result.routing().attempts().stream().map(RoutingAttempt::target).toList());
        assertEquals("timeout", json(result).at("/routing/attempts/0/error_class").asText());
        assertEquals("sim-large", json(result).at("/routing/fallbacks/context_length/0/model").asText());
        TokensUsed usage = tokensUsedAfterAFallback();
        assertMatches(EventType.TOKENS_USED, usage);
        assertEquals("canary", usage.variant());
        assertEquals("backup", usage.target());
    }

    @Test
    void aBatchLineCarriesItsKeyIdFromRequestThroughDispatchToUsageAndItsUsageSaysBatch() {
        JobRequested line = requestedInBatchWithKey();
        JobDispatched job = dispatchedInBatchWithKey();
        TokensUsed usage = tokensUsedWithEveryPart();

        assertMatches(EventType.JOB_REQUESTED, line);
        assertMatches(EventType.JOB_DISPATCHED, job);
        assertMatches(EventType.TOKENS_USED, usage);
        assertEquals("key_7f3a", json(line).path("api_key_id").asText());
        assertEquals("key_7f3a", json(job).path("api_key_id").asText());
        assertEquals("key_7f3a", json(usage).path("api_key_id").asText());
        assertEquals("key_7f3a", job.fallBack(routing(), SUBMITTED.plusSeconds(1)).apiKeyId(), "kept on a fallback");
        assertEquals("key_7f3a", job.retry(RoutingAttempt.failed("primary", "rate_limit_exceeded",
                ErrorClass.RATE_LIMITED, 35), SUBMITTED.plusSeconds(2), SUBMITTED.plusSeconds(1)).apiKeyId(),
                "kept on a retry");
        assertTrue(json(usage).path("batch").asBoolean());
        assertTrue(usage.inBatch());
        assertFalse(json(tokensUsed()).path("batch").asBoolean(), "a job of another lane is not batch");
        assertTrue(json(tokensUsed()).path("api_key_id").isMissingNode(), "absent when the job did not carry it");
    }

    @Test
    void theCacheAndReasoningPartsOfAUsageHaveTheirPublishedNames() {
        JsonNode usage = json(tokensUsedWithEveryPart());
        assertEquals(1_200, usage.path("prompt_tokens").asInt());
        assertEquals(300, usage.path("completion_tokens").asInt());
        assertEquals(1_500, usage.path("total_tokens").asInt());
        assertEquals(800, usage.path("cached_tokens").asInt());
        assertEquals(300, usage.path("cache_write_tokens").asInt());
        assertEquals(100, usage.path("cache_write_1h_tokens").asInt());
        assertEquals(120, usage.path("reasoning_tokens").asInt());
        assertEquals(tokensUsedWithEveryPart(), read(EventType.TOKENS_USED, usage));
    }

    @Test
    void aUsageWrittenBeforeItsPartsTravelledIsStillRead() {
        ObjectNode older = json(tokensUsedWithEveryPart());
        for (String added : List.of("cached_tokens", "cache_write_tokens", "cache_write_1h_tokens",
                "reasoning_tokens", "batch", "api_key_id")) {
            older.remove(added);
        }
        assertEquals(Set.of(), validate(EventType.TOKENS_USED, older));
        TokensUsed read = (TokensUsed) read(EventType.TOKENS_USED, older);
        assertNull(read.cachedTokens());
        assertNull(read.reasoningTokens());
        assertFalse(read.inBatch());
    }

    @Test
    void aUsageWhosePartsExceedTheirWholeIsRefused() {
        TokensUsed whole = tokensUsedWithEveryPart();
        assertThrows(IllegalArgumentException.class, () -> whole.withTokenDetails(1_000, 201, 0, 0),
                "cache reads and writes beyond the prompt");
        assertThrows(IllegalArgumentException.class, () -> whole.withTokenDetails(0, 100, 101, 0),
                "1-hour writes beyond the writes");
        assertThrows(IllegalArgumentException.class, () -> whole.withTokenDetails(0, 0, 0, 301),
                "reasoning beyond the completion");
        assertThrows(IllegalArgumentException.class, () -> whole.withTokenDetails(-1, 0, 0, 0));
        assertDoesNotThrow(() -> whole.withTokenDetails(900, 300, 300, 300), "parts equal to their whole are fine");

        ObjectNode tooManyCached = json(whole);
        tooManyCached.put("cached_tokens", 901);
        assertThrows(SerializationException.class, () -> read(EventType.TOKENS_USED, tooManyCached));
        ObjectNode tooMuchReasoning = json(whole);
        tooMuchReasoning.put("reasoning_tokens", 301);
        assertThrows(SerializationException.class, () -> read(EventType.TOKENS_USED, tooMuchReasoning));
    }

    @Test
    void oneHourCacheWritesWithoutTheirWritesAreRejected() {
        assertRejectedWithout(EventType.TOKENS_USED, json(tokensUsedWithEveryPart()), "cache_write_tokens");
    }

    @Test
    void aTokensUsedWithNegativeCachedTokensIsRejected() {
        ObjectNode payload = json(tokensUsedWithEveryPart());
        payload.put("cached_tokens", -1);
        assertRejected(EventType.TOKENS_USED, payload, "cached_tokens");
    }

    @Test
    void anAnswerFromTheCacheSaysSoOnItsResultAndItsUsage() {
        assertMatches(EventType.JOB_DISPATCHED, dispatchedCacheable());
        assertTrue(json(dispatchedCacheable()).at("/request/cache").asBoolean());
        assertEquals(600, json(dispatchedCacheable()).at("/routing/cache_ttl_seconds").asInt());
        assertMatches(EventType.JOB_COMPLETED, answeredFromCache());
        assertTrue(json(answeredFromCache()).path("cache_hit").asBoolean());
        assertTrue(json(succeeded()).path("cache_hit").isMissingNode(), "absent unless from the cache");
        assertMatches(EventType.TOKENS_USED, savedByCache());
        assertTrue(savedByCache().servedFromCache());
    }

    @Test
    void aToolConversationWithAnImageTravelsWithItsPartsCallsAndToolsAndKeepsItsTextReadable() throws Exception {
        JobRequested job = JobRequested.of("0193a5f2-9e31-7002-8b22-000000000003", "acme", "sess-7", toolConversation(),
                SUBMITTED);

        assertMatches(EventType.JOB_REQUESTED, job);
        assertMatches(EventType.JOB_DISPATCHED, JobDispatched.of(job, "anthropic", "claude-sonnet-4-5",
                job.request(), SUBMITTED.plusMillis(30)));
        JsonNode request = json(job).path("request");
        assertEquals("What is in this picture?", request.at("/messages/0/content").asText(),
                "readers that know only text still read the text");
        assertEquals("image_url", request.at("/messages/0/content_parts/1/type").asText());
        assertTrue(request.at("/messages/1/content").isMissingNode(), "a message that only calls tools has no text");
        assertEquals("call_1", request.at("/messages/1/tool_calls/0/id").asText());
        assertEquals("call_1", request.at("/messages/2/tool_call_id").asText());
        assertEquals("lookup", request.at("/tools/0/function/name").asText());
        assertEquals(List.of("END"), job.request().stop());
        JobRequested read = EventJson.MAPPER.treeToValue(json(job), JobRequested.class);
        assertEquals(job.request(), read.request());
    }

    @Test
    void aResultCarriesItsLastUserMessageAndTheSchemaItsAnswerWasAskedToFollow() {
        JsonNode schema = tree("{\"type\":\"object\",\"required\":[\"city\"]}");
        ChatRequest asked = new ChatRequest("sim-small", List.of(ChatMessage.of("system", "Answer in JSON."),
                ChatMessage.of("user", "Where is the Louvre?"), ChatMessage.of("assistant", "{\"city\":\"Paris\"}"),
                ChatMessage.of("user", "And the Prado?")), null, null,
                tree("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"place\",\"schema\":"
                        + schema + "}}"), null);
        JobRequested job = JobRequested.of("job-0007", "acme", null, asked, SUBMITTED);
        JobCompleted result = JobCompleted.succeeded(JobDispatched.of(job, "simulator", "sim-small", asked,
                SUBMITTED.plusMillis(40)), succeeded().completion(), 90, SUBMITTED.plusSeconds(1));

        assertEquals("And the Prado?", result.prompt());
        assertEquals(schema, result.responseSchema());
        assertMatches(EventType.JOB_COMPLETED, result);
    }

    @Test
    void aResultCarriesAtMostTheStartOfALongPromptAndNoSchemaForPlainJson() {
        String longQuestion = "why? ".repeat(2_000);
        ChatRequest asked = new ChatRequest("sim-small", List.of(ChatMessage.of("user", longQuestion)), null, null,
                tree("{\"type\":\"json_object\"}"), null);
        JobRequested job = JobRequested.of("job-0008", "acme", null, asked, SUBMITTED);
        JobCompleted result = JobCompleted.succeeded(JobDispatched.of(job, "simulator", "sim-small", asked,
                SUBMITTED.plusMillis(40)), succeeded().completion(), 90, SUBMITTED.plusSeconds(1));

        assertEquals(longQuestion.substring(0, JobCompleted.PROMPT_LIMIT), result.prompt());
        assertNull(result.responseSchema());
        assertMatches(EventType.JOB_COMPLETED, result);
    }

    @Test
    void aJobWaitingForARetrySaysWhichCallComesNextAndWhenAndItsResultListsEveryCall() {
        JobDispatched waiting = waitingForARetry();
        assertMatches(EventType.JOB_DISPATCHED, waiting);
        assertEquals(2, json(waiting).path("attempt").asInt());
        assertEquals(SUBMITTED.plusMillis(2_075).toString(), json(waiting).path("not_before").asText());
        assertEquals("primary", waiting.routing().target().name(), "a retry stays on its target");
        assertEquals(2_000, json(waiting).at("/routing/attempts/0/retry_delay_ms").asLong());

        JobCompleted result = JobCompleted.succeeded(waiting, succeeded().completion(), 640, SUBMITTED.plusSeconds(3));
        assertMatches(EventType.JOB_COMPLETED, result);
        assertEquals(List.of("failed", "succeeded"),
                result.routing().attempts().stream().map(RoutingAttempt::outcome).toList());
        assertEquals(List.of("primary", "primary"),
                result.routing().attempts().stream().map(RoutingAttempt::target).toList());
        assertTrue(json(dispatched()).path("attempt").isInt(), "written on every dispatch");
        assertEquals(1, dispatched().attempt());
        assertTrue(json(dispatched()).path("not_before").isMissingNode(), "absent when the call may be made at once");
    }

    @Test
    void aDispatchWrittenBeforeRetriesTravelledIsAFirstCall() throws Exception {
        ObjectNode older = (ObjectNode) json(dispatched());
        older.remove("attempt");
        JobDispatched read = EventJson.MAPPER.treeToValue(older, JobDispatched.class);
        assertEquals(1, read.attempt());
        assertNull(read.notBefore());
    }

    @Test
    void aFallbackNeverReturnsToATargetAlreadyTried() {
        Routing second = dispatchedAfterAFallback().routing();
        assertTrue(second.fallbackFor(ErrorClass.TIMEOUT).isEmpty(), "backup is the only timeout fallback, now tried");
        assertEquals("large-context", second.fallbackFor(ErrorClass.CONTEXT_LENGTH).orElseThrow().name());
        assertTrue(second.fallbackFor(ErrorClass.OTHER).isEmpty());
    }

    @Test
    void aStreamedRequestSaysSoOnTheWire() {
        JobRequested streamed = JobRequested.of("0193a5f2-8d20-7001-8a11-000000000003", "acme", null,
                chatRequest().streamedLive(), SUBMITTED);
        assertMatches(EventType.JOB_REQUESTED, streamed);
        assertTrue(json(streamed).at("/request/stream").asBoolean());
        assertTrue(json(requestedInSession()).at("/request/stream").isMissingNode(), "absent unless streamed");
    }

    // ---------------------------------------------------------------- the schemas reject incomplete events

    @Test
    void aJobRequestedWithoutItsTenantIsRejected() {
        assertRejectedWithout(EventType.JOB_REQUESTED, json(requestedInSession()), "tenant_id");
    }

    @Test
    void aJobRequestedWhoseMessageHasNoRoleIsRejected() {
        ObjectNode payload = json(requestedInSession());
        ((ObjectNode) payload.at("/request/messages/0")).remove("role");
        assertRejected(EventType.JOB_REQUESTED, payload, "role");
    }

    @Test
    void aJobDispatchedWithoutItsProviderModelIsRejected() {
        assertRejectedWithout(EventType.JOB_DISPATCHED, json(dispatched()), "provider_model");
    }

    @Test
    void aJobStatusChangedWithoutItsStatusIsRejected() {
        assertRejectedWithout(EventType.JOB_STATUS_CHANGED, json(running()), "status");
    }

    @Test
    void aSucceededJobCompletedWithoutItsCompletionIsRejected() {
        assertRejectedWithout(EventType.JOB_COMPLETED, json(succeeded()), "completion");
    }

    @Test
    void aFailedJobCompletedWithoutItsErrorIsRejected() {
        assertRejectedWithout(EventType.JOB_COMPLETED, json(failedBeforeRouting()), "error");
    }

    @Test
    void aJobCompletedThatIsStillRunningIsRejected() {
        ObjectNode payload = json(succeeded());
        payload.put("status", "running");
        assertRejected(EventType.JOB_COMPLETED, payload, "status");
    }

    @Test
    void aTokensUsedWithoutItsModelIsRejected() {
        assertRejectedWithout(EventType.TOKENS_USED, json(tokensUsed()), "model");
    }

    @Test
    void aTokensUsedWithNegativeTokensIsRejected() {
        ObjectNode payload = json(tokensUsed());
        payload.put("completion_tokens", -1);
        assertRejected(EventType.TOKENS_USED, payload, "completion_tokens");
    }

    @Test
    void anEvaluationScoredWithoutItsCheckIsRejected() {
        assertRejectedWithout(EventType.EVALUATION_SCORED, json(scored()), "check");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aPayloadOfAnotherSchemaVersionIsRejected(EventType type) {
        ObjectNode payload = json(samplesOf(type).get(0));
        payload.put("schema_version", 2);
        assertRejected(type, payload, "schema_version");
    }

    // ---------------------------------------------------------------- schema and reader agree

    /**
     * Removes every field of every sample, one at a time, at any depth: the schema accepts the rest
     * exactly when the event's deserializer does. So the schemas' required fields are those the
     * records enforce, no more and no fewer.
     */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSchemaRequiresExactlyTheFieldsTheReaderRequires(EventType type) {
        for (Object sample : samplesOf(type)) {
            ObjectNode original = json(sample);
            for (List<Object> path : fieldPaths(original, new ArrayList<>(), new ArrayList<>())) {
                ObjectNode payload = original.deepCopy();
                ((ObjectNode) navigate(payload, path.subList(0, path.size() - 1))).remove((String) path.getLast());
                assertSchemaAgreesWithReader(type, payload, "without " + describe(path) + " of " + original);
            }
        }
    }

    /** Blank text in a required field is as missing to the records as no field at all; so for the schema. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSchemaRejectsBlankTextExactlyWhereTheReaderDoes(EventType type) {
        for (Object sample : samplesOf(type)) {
            ObjectNode original = json(sample);
            for (List<Object> path : textPaths(original, new ArrayList<>(), new ArrayList<>())) {
                ObjectNode payload = original.deepCopy();
                JsonNode parent = navigate(payload, path.subList(0, path.size() - 1));
                Object last = path.getLast();
                if (parent instanceof ObjectNode object) {
                    object.put((String) last, " ");
                } else {
                    ((ArrayNode) parent).set((Integer) last, TextNode.valueOf(" "));
                }
                assertSchemaAgreesWithReader(type, payload, "with " + describe(path) + " blank");
            }
        }
    }

    /** Consumers must tolerate fields added by a newer producer of the same major version. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void fieldsAddedByANewerProducerAreAccepted(EventType type) {
        for (Object sample : samplesOf(type)) {
            ObjectNode payload = json(sample);
            payload.put("added_in_a_later_minor_version", "x");
            if (payload.get("request") instanceof ObjectNode request) {
                request.put("seed", 7);
                ((ObjectNode) request.withArray("messages").get(0)).put("refusal", "none");
            }
            if (payload.get("error") instanceof ObjectNode error) {
                error.put("param", "model");
            }
            assertEquals(Set.of(), validate(type, payload));
            assertEquals(sample, read(type, payload));
        }
    }

    // ---------------------------------------------------------------- serde round trip

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySampleRoundTripsThroughItsDeserializer(EventType type) {
        for (Object sample : samplesOf(type)) {
            byte[] bytes;
            try (EventSerializer serializer = new EventSerializer()) {
                bytes = serializer.serialize(topicOf(type), sample);
            }
            try (EventDeserializer<?> deserializer = deserializerFor(type)) {
                Object back = deserializer.deserialize(topicOf(type), bytes);
                assertEquals(sample.getClass(), back.getClass());
                assertEquals(sample, back);
            }
        }
    }

    // ---------------------------------------------------------------- the schema files themselves

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaIsPublishedUnderItsIdAndDeclaresTheCurrentVersion(EventType type) throws IOException {
        JsonNode schema;
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertNotNull(in, "missing " + type.schemaResource());
            schema = EventJson.MAPPER.readTree(in);
        }
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals(SCHEMA_BASE + type.schemaFile(), schema.path("$id").asText());
        assertFalse(schema.path("title").asText().isBlank(), "title");
        assertFalse(schema.path("description").asText().isBlank(), "description");
        assertTrue(schema.path("additionalProperties").asBoolean(false), "additionalProperties must be true");
        assertEquals(EventType.SCHEMA_VERSION, schema.at("/properties/schema_version/const").asInt(-1));
        assertTrue(textValues(schema.path("required")).contains("schema_version"), "schema_version is required");
        assertTrue(schema.path("description").asText().contains(type.type()),
                "the description names the CloudEvents type " + type.type());
    }

    // ---------------------------------------------------------------- samples

    private static ChatRequest chatRequest() {
        return new ChatRequest("gpt-4o-mini",
                List.of(ChatMessage.of("system", "You answer support tickets in one paragraph."),
                        new ChatMessage("user", "My invoice for October shows two charges. Why?", "customer-8812")),
                256, 0.2, tree("{\"type\":\"json_object\"}"), Map.of("ticket", "T-4411", "channel", "email"));
    }

    private static ChatRequest toolConversation() {
        ChatMessage picture = new ChatMessage("user", "What is in this picture?", null, tree(
                "[{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]"),
                null, null);
        ChatMessage call = new ChatMessage("assistant", null, null, null, tree("[{\"id\":\"call_1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"cat\\\"}\"}}]"),
                null);
        ChatMessage result = new ChatMessage("tool", "{\"animal\":\"cat\"}", null, null, null, "call_1");
        return new ChatRequest("gpt-4o", List.of(picture, call, result), 128, null, null, null)
                .withSampling(0.9, List.of("END"), tree("[{\"type\":\"function\",\"function\":{\"name\":\"lookup\","
                        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}]"),
                        tree("\"auto\""));
    }

    private static JobRequested requestedInSession() {
        return JobRequested.of("0193a5f2-7c1e-7b4a-9f0e-3c2d1a0b9e8f", "acme", "sess-42", chatRequest(), SUBMITTED);
    }

    private static JobRequested requestedWithoutSessionOrOptions() {
        ChatRequest minimal = new ChatRequest("sim-small", List.of(ChatMessage.of("user", "ping")), null, null, null,
                null);
        return JobRequested.of("0193a5f2-8d20-7001-8a11-000000000002", "globex", null, minimal, SUBMITTED);
    }

    private static JobDispatched dispatched() {
        JobRequested job = requestedInSession();
        List<ChatMessage> window = new ArrayList<>();
        window.add(ChatMessage.of("user", "Hello, I have a billing question."));
        window.add(ChatMessage.of("assistant", "Sure, what is it about?"));
        window.addAll(job.request().messages());
        return JobDispatched.of(job, "simulator", "sim-small", job.request().withMessages(window),
                SUBMITTED.plusMillis(40));
    }

    private static Routing routing() {
        RouteTarget primary = new RouteTarget("primary", "openai", "gpt-4o-mini-2024-07-18", "openai-main");
        RouteTarget backup = new RouteTarget("backup", "simulator", "sim-small", null);
        RouteTarget large = new RouteTarget("large-context", "simulator", "sim-large", null);
        return new Routing("gpt-4o-mini", 3, "long-prompts", "canary", primary,
                Map.of(ErrorClass.TIMEOUT, List.of(backup), ErrorClass.CONTEXT_LENGTH, List.of(large, backup)), null);
    }

    /** A job that timed out at its first target and was sent on to the next. */
    private static JobDispatched dispatchedAfterAFallback() {
        Routing first = routing();
        Routing second = first.fallBackTo(first.fallbackFor(ErrorClass.TIMEOUT).orElseThrow(),
                RoutingAttempt.failed("primary", "provider_timeout", ErrorClass.TIMEOUT, 60_012));
        return JobDispatched.of(requestedInSession(), requestedInSession().request(), second, SUBMITTED.plusSeconds(61));
    }

    /** A job rate-limited at its first target, waiting two seconds on the retry topic for its second call. */
    private static JobDispatched waitingForARetry() {
        JobDispatched first = JobDispatched.of(requestedInSession(), requestedInSession().request(), routing(),
                SUBMITTED.plusMillis(40));
        return first.retry(RoutingAttempt.failed("primary", "rate_limit_exceeded", ErrorClass.RATE_LIMITED, 35)
                .retriedAfter(2_000), SUBMITTED.plusMillis(2_075), SUBMITTED.plusMillis(75));
    }

    private static JobCompleted succeededAfterAFallback() {
        return JobCompleted.succeeded(dispatchedAfterAFallback(), succeeded().completion(), 700,
                SUBMITTED.plusSeconds(62));
    }

    /** A repeat of a request answered from the response cache of a route that keeps answers ten minutes. */
    private static JobDispatched dispatchedCacheable() {
        JobRequested job = requestedInSession();
        Routing routing = new Routing("gpt-4o-mini", 3, null, null, new RouteTarget("small", "simulator", "sim-small",
                null), null, null, 600);
        return JobDispatched.of(job, job.request().cacheable(), routing, SUBMITTED.plusMillis(40));
    }

    private static JobCompleted answeredFromCache() {
        return JobCompleted.fromCache(dispatchedCacheable(), succeeded().completion(), 3, SUBMITTED.plusMillis(45));
    }

    private static TokensUsed savedByCache() {
        return TokensUsed.savedByCache(dispatchedCacheable(), 61, 14, 75, 3, SUBMITTED.plusMillis(45));
    }

    private static TokensUsed tokensUsedAfterAFallback() {
        return TokensUsed.of(dispatchedAfterAFallback(), 61, 14, 75, 700, SUBMITTED.plusSeconds(62));
    }

    private static JobStatusChanged running() {
        JobDispatched job = dispatched();
        return JobStatusChanged.of(job.jobId(), job.tenantId(), job.request().model(), JobStatus.RUNNING,
                SUBMITTED.plusMillis(55));
    }

    private static JobCompleted succeeded() {
        JsonNode completion = tree("""
                {"id":"chatcmpl-sim-0001","object":"chat.completion","created":1763914446,"model":"sim-small",
                 "choices":[{"index":0,"finish_reason":"stop",
                             "message":{"role":"assistant","content":"{\\"answer\\":\\"The second charge is a pre-authorisation.\\"}"}}],
                 "usage":{"prompt_tokens":61,"completion_tokens":14,"total_tokens":75}}
                """);
        return JobCompleted.succeeded(dispatched(), completion, 812, SUBMITTED.plusMillis(870));
    }

    private static JobCompleted failedAtTheProvider() {
        JobDispatched job = dispatched();
        return JobCompleted.failed(job.jobId(), job.tenantId(), job.sessionId(), job.request(), job.provider(),
                job.providerModel(), new JobError("provider_error", "The provider answered 503."), 1500,
                SUBMITTED.plusMillis(1560));
    }

    private static JobCompleted failedBeforeRouting() {
        JobRequested job = requestedWithoutSessionOrOptions();
        return JobCompleted.failed(job.jobId(), job.tenantId(), null, job.request(), null, null,
                new JobError("model_not_found", "No route for model 'sim-small'."), 0, SUBMITTED.plusMillis(20));
    }

    private static TokensUsed tokensUsed() {
        return TokensUsed.of(dispatched(), 61, 14, 75, 812, SUBMITTED.plusMillis(870));
    }

    private static JobRequested requestedInBatchWithKey() {
        return JobRequested.of("0193a5f2-8d20-7001-8a11-000000000009", "acme", null, chatRequest(), SUBMITTED,
                Priority.LOW, Lane.BATCH, "key_7f3a");
    }

    private static JobDispatched dispatchedInBatchWithKey() {
        JobRequested line = requestedInBatchWithKey();
        return JobDispatched.of(line, line.request(), routing(), SUBMITTED.plusMillis(40));
    }

    /** A batch line's usage: 800 prompt tokens read from the cache, 300 written (100 for an hour), 120 reasoning. */
    private static TokensUsed tokensUsedWithEveryPart() {
        return TokensUsed.of(dispatchedInBatchWithKey(), 1_200, 300, 1_500, 2_400, SUBMITTED.plusSeconds(3))
                .withTokenDetails(800, 300, 100, 120);
    }

    private static EvaluationScored scored() {
        return EvaluationScored.of(succeeded(), "valid_json", true, 1.0, "the answer parsed as a JSON object",
                SUBMITTED.plusSeconds(2));
    }

    private static EvaluationScored measuredAndSampled() {
        return new EvaluationScored(EventType.SCHEMA_VERSION, "job_0c1d", "acme", "sim-small", "answer_length", true, 1.0,
                "412 characters", SUBMITTED.plusSeconds(2), "support-bot", "canary", 412.0, 2, 0.25);
    }

    private static QualityAlert qualityDegraded() {
        return new QualityAlert(EventType.SCHEMA_VERSION, "alarm_7d2e", QualityAlertKind.QUALITY_DEGRADED, "acme",
                "support-bot", "sim-small", "canary", "no_refusal", 0.02, 0.051, 0.031, 0.0004,
                SUBMITTED.minusSeconds(600), 1840L, List.of("job_0c1d", "job_0c2e"),
                "no_refusal failure rate of acme|support-bot|sim-small|canary rose from 2.0% to 5.1%", SUBMITTED);
    }

    private static QualityAlert evaluatorStalled() {
        return new QualityAlert(EventType.SCHEMA_VERSION, "alarm_9a01", QualityAlertKind.EVALUATOR_STALLED, null, null,
                null, null, null, null, null, null, null, null, null, null,
                "no evaluation completed for 10 minutes while results kept coming", SUBMITTED);
    }

    private static DeadLetterRedriven redriven() {
        return new DeadLetterRedriven(EventType.SCHEMA_VERSION,
                DeadLetterRedriven.redriveIdFor("switchboard.results.v1.dlq", 0, 41), "switchboard.results.v1.dlq", 0,
                41L, "switchboard.results.v1", 3, 1_207L, "scoring kept failing: connection refused",
                "the evaluator's database is back (incident 12)", SUBMITTED);
    }

    private static BudgetAlert tenantBudgetAlert() {
        Instant start = Instant.parse("2025-11-23T05:00:00Z");
        return new BudgetAlert(EventType.SCHEMA_VERSION, BudgetAlert.alertIdFor("bud_1", start, 80), "bud_1",
                "api_key", "acme", "key_7", null, "daily", "America/New_York", start, "usd", "hard",
                1_000_000_000_000L, 812_500_000_000L, 80, "budget bud_1 of acme reached 80% of $1.000000 today",
                SUBMITTED);
    }

    private static BudgetAlert modelBudgetAlert() {
        Instant start = Instant.parse("1970-01-01T00:00:00Z");
        return new BudgetAlert(EventType.SCHEMA_VERSION, BudgetAlert.alertIdFor("bud_2", start, 100), "bud_2",
                "model", null, null, "gpt-4o", "lifetime", "UTC", start, "tokens", "soft", 5_000_000L, 5_000_120L,
                100, "budget bud_2 of model gpt-4o reached 100% of 5000000 tokens", SUBMITTED);
    }

    private static UsageVoided voided() {
        return new UsageVoided(EventType.SCHEMA_VERSION, "acme", "4b1c7d3e-0000-3000-8000-000000000001",
                "provider refunded the failed call (ticket OPS-311)", SUBMITTED.plusSeconds(86_400));
    }

    private static UsageAmended amended() {
        return new UsageAmended(EventType.SCHEMA_VERSION, "acme", "4b1c7d3e-0000-3000-8000-000000000001",
                "provider invoice counted 1,000 prompt tokens", 1_000, 300, 1_300, 800, 100, 40, 120,
                SUBMITTED.plusSeconds(3_600));
    }

    /** An amend with only the required counts: the parts absent, read as none. */
    private static UsageAmended amendedToNothing() {
        return new UsageAmended(EventType.SCHEMA_VERSION, "globex", "e-2", "duplicate call", 0, 0, 0, null, null, null,
                null, SUBMITTED);
    }

    /** The void of {@link #pricedBatchUsage()}: every count and amount negated. */
    private static UsagePriceCorrected priceOfAVoid() {
        return new UsagePriceCorrected(EventType.SCHEMA_VERSION,
                UsagePriced.entryIdFor("acme", "9e8d7c6b-0000-4000-8000-000000000009"), "acme",
                "9e8d7c6b-0000-4000-8000-000000000009", "acme:4b1c7d3e-0000-3000-8000-000000000001",
                UsagePriceCorrected.VOID, "job_0c1d", "gpt-4o-mini", "openai", "gpt-4o-mini-2024-07-18", "support-bot",
                "canary", "key_7f3a", true, false, -1_200, -300, -1_500, -800, 0, 0, -120, "pv_0193a5f2",
                -200_000_000L, -200_000_000L, 0, -180_000_000L, -120_000_000L, -700_000_000L,
                UsagePriced.usd(-700_000_000L), -200_000_000L, -700_000_000L, -900_000_000L,
                UsagePriced.usd(-900_000_000L), SUBMITTED, SUBMITTED.plusSeconds(86_400));
    }

    /** An amend that added 200 output tokens at $2 per million: a positive delta. */
    private static UsagePriceCorrected priceOfAnAmend() {
        return new UsagePriceCorrected(EventType.SCHEMA_VERSION, UsagePriced.entryIdFor("globex", "c-1"), "globex",
                "c-1", "globex:e-2", UsagePriceCorrected.AMEND, "job_0c2e", "sim-small", "simulator", null, null,
                null, null, false, false, 0, 200, 200, 0, 0, 0, 0, "pv_1", 0, 0, 0, 400_000_000L, 0, 400_000_000L,
                UsagePriced.usd(400_000_000L), 0, 0, 0, UsagePriced.usd(0), SUBMITTED, SUBMITTED.plusSeconds(60));
    }

    /** A batch line with cache reads and reasoning, at $1 / $2 per million input / output tokens, half off in batch. */
    private static UsagePriced pricedBatchUsage() {
        return new UsagePriced(EventType.SCHEMA_VERSION,
                UsagePriced.entryIdFor("acme", "4b1c7d3e-0000-3000-8000-000000000001"), "acme",
                "4b1c7d3e-0000-3000-8000-000000000001", "job_0c1d", "gpt-4o-mini", "openai", "gpt-4o-mini-2024-07-18",
                "support-bot", "canary", "key_7f3a", true, false, 1_200, 300, 1_500, 800, 0, 0, 120, "pv_0193a5f2",
                200_000_000L, 200_000_000L, 0, 180_000_000L, 120_000_000L, 700_000_000L, UsagePriced.usd(700_000_000L),
                200_000_000L, 700_000_000L, 900_000_000L, UsagePriced.usd(900_000_000L), SUBMITTED,
                SUBMITTED.plusMillis(350));
    }

    private static UsagePriced unpricedUsage() {
        return new UsagePriced(EventType.SCHEMA_VERSION, UsagePriced.entryIdFor("globex", "e-2"), "globex", "e-2",
                "job_0c2e", "mystery-model", "simulator", null, null, null, null, false, false, 61, 14, 75, 0, 0, 0, 0,
                null, 0, 0, 0, 0, 0, 0, UsagePriced.usd(0), 0, 0, 0, UsagePriced.usd(0), SUBMITTED, SUBMITTED);
    }

    private static UsageHourly hourlyRollup() {
        Instant hour = Instant.parse("2025-11-23T16:00:00Z");
        return new UsageHourly(EventType.SCHEMA_VERSION, "5f0a1c2e-8d5b-3c11-9a7e-2b3c4d5e6f70", UsageHourly.ROLLUP,
                "5f0a1c2e-8d5b-3c11-9a7e-2b3c4d5e6f70", "acme", hour, "gpt-4o-mini", "openai", "key_7f3a",
                "support-bot", null, false, 42, 3, 0, 50_400, 12_600, 63_000, 8_000, 1_000, 0, 2_000, 225,
                42_400_000_000L, 4_000_000_000L, 1_250_000_000L, 21_200_000_000L, 4_000_000_000L, 72_850_000_000L,
                UsagePriced.usd(72_850_000_000L), 4_300_000_000L, 0, 4_300_000_000L, UsagePriced.usd(4_300_000_000L),
                hour.plusSeconds(3_900), hour.plusSeconds(3_900));
    }

    /** One event of the hour booked after it closed: the delta, pointing at the rollup it adds to. */
    private static UsageHourly hourlyAdjustment() {
        Instant hour = Instant.parse("2025-11-23T16:00:00Z");
        return new UsageHourly(EventType.SCHEMA_VERSION, "0e9d8c7b-6a59-3847-a635-241302f1e0d9",
                UsageHourly.ADJUSTMENT, "5f0a1c2e-8d5b-3c11-9a7e-2b3c4d5e6f70", "acme", hour, "gpt-4o-mini", "openai",
                "key_7f3a", "support-bot", null, false, 1, 0, 0, 900, 300, 1_200, 0, 0, 0, 0, 0, 900_000_000L, 0, 0,
                600_000_000L, 0, 1_500_000_000L, UsagePriced.usd(1_500_000_000L), 0, 0, 0, UsagePriced.usd(0),
                hour.plusSeconds(3_900), hour.plusSeconds(86_400));
    }

    /** An adjustment taking usage back: the shape allows any sign (billing's corrections leave requests as they were). */
    private static UsageHourly hourlyVoid() {
        Instant hour = Instant.parse("2025-11-23T16:00:00Z");
        return new UsageHourly(EventType.SCHEMA_VERSION, "1a2b3c4d-0000-3000-8000-000000000003",
                UsageHourly.ADJUSTMENT, "5f0a1c2e-8d5b-3c11-9a7e-2b3c4d5e6f70", "acme", hour, "gpt-4o-mini", "openai",
                null, null, null, false, -1, 0, 0, -900, -300, -1_200, 0, 0, 0, 0, 0, -900_000_000L, 0, 0,
                -600_000_000L, 0, -1_500_000_000L, UsagePriced.usd(-1_500_000_000L), 0, 0, 0, UsagePriced.usd(0),
                hour.plusSeconds(3_900), hour.plusSeconds(90_000));
    }

    private static CompletionChunk chunk() {
        return CompletionChunk.of("0193a5f2-7c1e-7b4a-9f0e-3c2d1a0b9e8f", "acme", "5b0c8a52-2f1e-4bb4-9a57-1f7d3c2e9a10",
                1, tree("""
                        {"id":"chatcmpl-sim-0001","object":"chat.completion.chunk","created":1763914446,
                         "model":"sim-small","choices":[{"index":0,"delta":{"content":"The second "},"finish_reason":null}]}
                        """), SUBMITTED.plusMillis(120));
    }

    private static CompletionChunk streamFinished() {
        return CompletionChunk.end("0193a5f2-7c1e-7b4a-9f0e-3c2d1a0b9e8f", "acme",
                "5b0c8a52-2f1e-4bb4-9a57-1f7d3c2e9a10", 9, null, SUBMITTED.plusMillis(800));
    }

    private static CompletionChunk streamBrokenOff() {
        return CompletionChunk.end("0193a5f2-7c1e-7b4a-9f0e-3c2d1a0b9e8f", "acme",
                "5b0c8a52-2f1e-4bb4-9a57-1f7d3c2e9a10", 4,
                new JobError("provider_stream_interrupted", "The provider's stream broke off."), SUBMITTED.plusMillis(500));
    }

    static RouteDefinition routeWithRulesSplitAndFallbacks() {
        var small = new RouteDefinition.Target("small", "openai", "gpt-4o-mini", "openai-main", 3);
        var spare = new RouteDefinition.Target("spare", "openai", "gpt-4o-mini", "openai-spare", 1);
        var premium = new RouteDefinition.Target("premium", "anthropic", "claude-sonnet-4", "anthropic", 0);
        var next = new RouteDefinition.Target("next", "openai", "gpt-4.1-mini", "openai-main", 0);
        var rules = List.of(
                new RouteDefinition.Rule("premium-tier", new RouteDefinition.Condition(Set.of("acme"),
                        Map.of("tier", "premium"), null, null, null), List.of("premium")),
                new RouteDefinition.Rule("long-prompts", new RouteDefinition.Condition(null, null, 6000, null, null),
                        List.of("premium")),
                new RouteDefinition.Rule("urgent", new RouteDefinition.Condition(null, null, null, null,
                        Set.of(Priority.HIGH)), List.of("premium")));
        var split = new RouteDefinition.Split(List.of(
                new RouteDefinition.Variant("control", 90, List.of("small", "spare")),
                new RouteDefinition.Variant("canary", 10, List.of("next"))));
        return new RouteDefinition("gpt-4o-mini", 4, List.of(small, spare, premium, next), rules, split,
                Map.of(ErrorClass.TIMEOUT, List.of("spare", "premium"), ErrorClass.CONTEXT_LENGTH, List.of("premium")));
    }

    static RouteDefinition plainRoute() {
        return new RouteDefinition("sim-small", 1,
                List.of(new RouteDefinition.Target("small", "simulator", "sim-small", null, null)), null, null, null);
    }

    private static List<Object> samplesOf(EventType type) {
        return switch (type) {
            case JOB_REQUESTED -> List.of(requestedInSession(), requestedWithoutSessionOrOptions(),
                    requestedInBatchWithKey());
            case JOB_DISPATCHED -> List.of(dispatched(), dispatchedAfterAFallback(), dispatchedCacheable(), waitingForARetry(),
                    dispatchedInBatchWithKey());
            case JOB_STATUS_CHANGED -> List.of(running());
            case JOB_COMPLETED -> List.of(succeeded(), failedAtTheProvider(), failedBeforeRouting(),
                    succeededAfterAFallback(), answeredFromCache());
            case TOKENS_USED -> List.of(tokensUsed(), tokensUsedAfterAFallback(), savedByCache(),
                    tokensUsedWithEveryPart());
            case EVALUATION_SCORED -> List.of(scored(), measuredAndSampled());
            case QUALITY_ALERT -> List.of(qualityDegraded(), evaluatorStalled());
            case BUDGET_ALERT -> List.of(tenantBudgetAlert(), modelBudgetAlert());
            case USAGE_VOIDED -> List.of(voided());
            case USAGE_AMENDED -> List.of(amended(), amendedToNothing());
            case USAGE_PRICED -> List.of(pricedBatchUsage(), unpricedUsage());
            case USAGE_PRICE_CORRECTED -> List.of(priceOfAVoid(), priceOfAnAmend());
            case USAGE_HOURLY -> List.of(hourlyRollup(), hourlyAdjustment(), hourlyVoid());
            case COMPLETION_CHUNK -> List.of(chunk(), streamFinished(), streamBrokenOff());
            case ROUTE_DEFINITION -> List.of(routeWithRulesSplitAndFallbacks(), plainRoute());
            case DEAD_LETTER_REDRIVEN -> List.of(redriven());
        };
    }

    private static EventDeserializer<?> deserializerFor(EventType type) {
        return switch (type) {
            case JOB_REQUESTED -> new JobRequestedDeserializer();
            case JOB_DISPATCHED -> new JobDispatchedDeserializer();
            case JOB_STATUS_CHANGED -> new JobStatusChangedDeserializer();
            case JOB_COMPLETED -> new JobCompletedDeserializer();
            case TOKENS_USED -> new TokensUsedDeserializer();
            case EVALUATION_SCORED -> new EvaluationScoredDeserializer();
            case QUALITY_ALERT -> new QualityAlertDeserializer();
            case BUDGET_ALERT -> new BudgetAlertDeserializer();
            case USAGE_VOIDED -> new UsageVoidedDeserializer();
            case USAGE_AMENDED -> new UsageAmendedDeserializer();
            case USAGE_PRICED -> new UsagePricedDeserializer();
            case USAGE_PRICE_CORRECTED -> new UsagePriceCorrectedDeserializer();
            case USAGE_HOURLY -> new UsageHourlyDeserializer();
            case COMPLETION_CHUNK -> new CompletionChunkDeserializer();
            case ROUTE_DEFINITION -> new RouteDefinitionDeserializer();
            case DEAD_LETTER_REDRIVEN -> new DeadLetterRedrivenDeserializer();
        };
    }

    private static String topicOf(EventType type) {
        return type.topic() != null ? type.topic().topicName() : Topic.DISPATCH_SIMULATOR.topicName();
    }

    // ---------------------------------------------------------------- helpers

    private static JsonSchema schemaOf(EventType type) {
        return FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE + type.schemaFile()), CONFIG);
    }

    private static Set<ValidationMessage> validate(EventType type, JsonNode payload) {
        return schemaOf(type).validate(payload);
    }

    private static void assertMatches(EventType type, Object event) {
        ObjectNode payload = json(event);
        Set<ValidationMessage> errors = validate(type, payload);
        assertEquals(Set.of(), errors, () -> type.schemaFile() + " rejected " + payload);
    }

    private static void assertRejectedWithout(EventType type, ObjectNode payload, String field) {
        assertNotNull(payload.remove(field), "the sample has no " + field + " to remove");
        assertRejected(type, payload, field);
    }

    /** The schema rejects the payload naming {@code field}, and the event's reader rejects it too. */
    private static void assertRejected(EventType type, ObjectNode payload, String field) {
        Set<ValidationMessage> errors = validate(type, payload);
        assertFalse(errors.isEmpty(), () -> type.schemaFile() + " accepted " + payload);
        assertTrue(errors.stream().anyMatch(error -> error.getMessage().contains(field)),
                () -> "no error names '" + field + "': " + messages(errors));
        assertThrows(SerializationException.class, () -> read(type, payload),
                "the reader accepted what the schema rejects: " + payload);
    }

    private static void assertSchemaAgreesWithReader(EventType type, ObjectNode payload, String what) {
        boolean readerAccepts;
        try {
            read(type, payload);
            readerAccepts = true;
        } catch (SerializationException e) {
            readerAccepts = false;
        }
        Set<ValidationMessage> errors = validate(type, payload);
        if (readerAccepts != errors.isEmpty()) {
            fail(type.schemaFile() + " " + (errors.isEmpty() ? "accepts" : "rejects") + " an event " + what
                    + " that the reader " + (readerAccepts ? "accepts" : "rejects") + ": " + messages(errors));
        }
    }

    private static Object read(EventType type, JsonNode payload) {
        try (EventDeserializer<?> deserializer = deserializerFor(type)) {
            return deserializer.deserialize(topicOf(type), EventJson.MAPPER.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecordHeaders typed(EventType type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", type.type().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static byte[] bytes(Object event) throws JsonProcessingException {
        return EventJson.MAPPER.writeValueAsBytes(event);
    }

    private static ObjectNode json(Object event) {
        return EventJson.MAPPER.valueToTree(event);
    }

    private static JsonNode tree(String text) {
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths (field names and array indexes) of every object member, at any depth. */
    private static List<List<Object>> fieldPaths(JsonNode node, List<Object> at, List<List<Object>> into) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                List<Object> path = append(at, name);
                into.add(path);
                fieldPaths(object.get(name), path, into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                fieldPaths(array.get(i), append(at, i), into);
            }
        }
        return into;
    }

    /** Paths of every text value, at any depth. */
    private static List<List<Object>> textPaths(JsonNode node, List<Object> at, List<List<Object>> into) {
        if (node.isTextual()) {
            into.add(at);
        } else if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                textPaths(object.get(name), append(at, name), into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                textPaths(array.get(i), append(at, i), into);
            }
        }
        return into;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    private static JsonNode navigate(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static String describe(List<Object> path) {
        return path.stream().map(step -> step instanceof Integer i ? "[" + i + "]" : "." + step)
                .collect(Collectors.joining()).substring(1);
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String messages(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
