package io.switchboard.evaluator.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.TestResults;

/** Answers checked against the JSON Schema their request asked for, never fetching anything the schema names. */
class JsonSchemaCheckTest {

    private static final String PLACE = """
            {"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},
             "required":["city","population"],"additionalProperties":false}""";

    private final JsonSchemaCheck check = new JsonSchemaCheck();

    @Test
    void anAnswerThatFollowsTheSchemaPasses() throws Exception {
        JobCompleted result = withSchema(PLACE, "{\"city\":\"Paris\",\"population\":2102650}");
        assertTrue(check.applies(result));
        Verdict verdict = check.evaluate(result);
        assertTrue(verdict.passed(), verdict.detail());
    }

    @Test
    void anAnswerThatBreaksItFailsNamingTheKeywordsAndPlacesButNotTheContent() throws Exception {
        Verdict verdict = check.evaluate(withSchema(PLACE, "{\"city\":\"Secret Town\",\"population\":\"many\"}"));
        assertFalse(verdict.passed());
        assertEquals("1 schema violation(s): type at $.population", verdict.detail());
        assertFalse(verdict.detail().contains("Secret"), "the answer's content is the tenant's");
        Verdict missing = check.evaluate(withSchema(PLACE, "{\"city\":\"Paris\"}"));
        assertTrue(missing.detail().contains("required at $"), missing.detail());
        assertFalse(check.evaluate(withSchema(PLACE, "not json")).passed());
    }

    @Test
    void aSchemaThatRefersOutsideItselfIsNotCheckedAndNothingIsFetched() throws Exception {
        JobCompleted remote = withSchema("{\"$ref\":\"http://127.0.0.1:9/secret.json\"}", "{}");
        assertFalse(check.applies(remote));
        JobCompleted local = withSchema("""
                {"$defs":{"n":{"type":"integer"}},"type":"object","properties":{"n":{"$ref":"#/$defs/n"}}}""",
                "{\"n\":\"x\"}");
        assertTrue(check.applies(local));
        assertFalse(check.evaluate(local).passed());
    }

    @Test
    void aSchemaWithRegularExpressionsOrThatDoesNotCompileIsNotChecked() throws Exception {
        assertFalse(check.applies(withSchema("{\"type\":\"string\",\"pattern\":\"^(a+)+$\"}", "\"aaaa\"")));
        assertFalse(check.applies(withSchema("{\"type\":\"object\",\"patternProperties\":{\"^x\":{}}}", "{}")));
        // a property that happens to be called "pattern" is no regular expression
        assertTrue(check.applies(withSchema("{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"}}}",
                "{}")));
    }

    @Test
    void onlyJsonSchemaRequestsAreChecked() {
        assertFalse(check.applies(TestResults.succeeded(TestResults.newJobId(), "{}", "stop", "json_object")));
    }

    private static JobCompleted withSchema(String schema, String content) throws Exception {
        JsonNode parsed = EventJson.MAPPER.readTree(schema);
        JobCompleted plain = TestResults.succeeded(TestResults.newJobId(), content, "stop", "json_schema");
        return new JobCompleted(EventType.SCHEMA_VERSION, plain.jobId(), plain.tenantId(), null, JobStatus.SUCCEEDED,
                plain.model(), "simulator", "sim-small", plain.completion(), null, 50, "json_schema", 42, Instant.now(),
                null, null, "Where?", parsed);
    }
}
