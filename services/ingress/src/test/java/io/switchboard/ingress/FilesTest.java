package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testing.OpenAiSpec;

/** OpenAI's Files API for batch input: upload, metadata, content, listing, limits and isolation. */
@QuarkusTest
class FilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The default limit of switchboard.ingress.batch.max-file-bytes: 50 MiB. */
    private static final int MAX_FILE_BYTES = 50 * 1024 * 1024;

    @TestHTTPResource("/v1/files")
    URI filesUri;

    @Test
    void uploadedFileIsAnOpenAiFileAndItsContentComesBackUnchanged() throws Exception {
        // larger than the JSON endpoints' 1 MiB limit, which does not apply to uploads
        byte[] content = jsonl(2 * 1024 * 1024);
        Response upload = upload(ACME_KEY, "requests.jsonl", content, "batch");
        assertEquals(200, upload.statusCode(), upload.asString());
        JsonNode file = JSON.readTree(upload.asString());
        OpenAiSpec.assertConforms("OpenAIFile", file);
        assertTrue(file.path("id").asText().startsWith("file-"), file.toString());
        assertEquals(content.length, file.path("bytes").asLong());
        assertEquals("requests.jsonl", file.path("filename").asText());
        assertEquals("batch", file.path("purpose").asText());

        String id = file.path("id").asText();
        JsonNode fetched = JSON.readTree(given().header("Authorization", bearer(ACME_KEY)).when()
                .get("/v1/files/" + id).then().statusCode(200).extract().asString());
        OpenAiSpec.assertConforms("OpenAIFile", fetched);
        assertEquals(file, fetched);

        byte[] downloaded = given().header("Authorization", bearer(ACME_KEY)).when().get("/v1/files/" + id + "/content")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(content, downloaded);
    }

    @Test
    void fileSentWithoutAFilenameAsTheOpenAiSdkSendsBytesIsStillAFile() throws Exception {
        HttpResponse<String> response = postMultipart(ACME_KEY, null, "application/octet-stream", jsonl(4096));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode file = JSON.readTree(response.body());
        OpenAiSpec.assertConforms("OpenAIFile", file);
        assertEquals(4096, file.path("bytes").asLong());
    }

    @Test
    void filesAreListedNewestFirstInOpenAisListFormat() throws Exception {
        String first = upload(ACME_KEY, "first.jsonl", jsonl(100), "batch").then().statusCode(200).extract().path("id");
        String second = upload(ACME_KEY, "second.jsonl", jsonl(100), "batch").then().statusCode(200).extract().path("id");

        JsonNode page = JSON.readTree(given().header("Authorization", bearer(ACME_KEY)).queryParam("limit", 1)
                .when().get("/v1/files").then().statusCode(200).extract().asString());
        OpenAiSpec.assertConforms("ListFilesResponse", page);
        assertEquals(second, page.at("/data/0/id").asText());
        assertTrue(page.path("has_more").asBoolean());

        JsonNode next = JSON.readTree(given().header("Authorization", bearer(ACME_KEY)).queryParam("limit", 1)
                .queryParam("after", second).when().get("/v1/files").then().statusCode(200).extract().asString());
        assertEquals(first, next.at("/data/0/id").asText());

        List<String> globexFiles = new ArrayList<>();
        JSON.readTree(given().header("Authorization", bearer(GLOBEX_KEY)).when().get("/v1/files").then().statusCode(200)
                .extract().asString()).path("data").forEach(file -> globexFiles.add(file.path("id").asText()));
        assertFalse(globexFiles.contains(first) || globexFiles.contains(second), "another tenant's files are not listed");
    }

    @Test
    void anotherTenantsFileAndItsContentAre404() {
        String id = upload(ACME_KEY, "mine.jsonl", jsonl(100), "batch").then().statusCode(200).extract().path("id");

        for (String path : List.of("/v1/files/" + id, "/v1/files/" + id + "/content")) {
            Response response = given().header("Authorization", bearer(GLOBEX_KEY)).when().get(path);
            assertOpenAiError(response, 404, "file_not_found");
            assertFalse(response.asString().contains("mine.jsonl"), response.asString());
        }
    }

    @Test
    void fileAboveTheLimitIs413() throws Exception {
        byte[] tooLarge = new byte[MAX_FILE_BYTES + 1];
        Arrays.fill(tooLarge, (byte) 'x');
        HttpResponse<String> response = postMultipart(ACME_KEY, "huge.jsonl", "application/jsonl", tooLarge);
        assertEquals(413, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        OpenAiSpec.assertConforms("ErrorResponse", body);
        assertEquals("file_too_large", body.at("/error/code").asText());
    }

    @Test
    void uploadDeclaredLargerThanTheLimitIsRefusedBeforeItsBodyIsSent() throws Exception {
        long declared = MAX_FILE_BYTES + 128 * 1024; // above the limit and its multipart envelope
        try (Socket socket = new Socket(filesUri.getHost(), filesUri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/files HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + bearer(ACME_KEY) + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=sb\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader response = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertTrue(response.readLine().startsWith("HTTP/1.1 413"));
            int length = 0;
            for (String header = response.readLine(); !header.isEmpty(); header = response.readLine()) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).trim());
                }
            }
            char[] body = new char[length];
            assertEquals(length, response.read(body, 0, length));
            JsonNode error = JSON.readTree(new String(body));
            OpenAiSpec.assertConforms("ErrorResponse", error);
            assertEquals("file_too_large", error.at("/error/code").asText());
        }
    }

    @Test
    void onlyBatchFilesCanBeUploadedAndAFileIsRequired() {
        assertOpenAiError(upload(ACME_KEY, "train.jsonl", jsonl(100), "fine-tune"), 400, "invalid_value");
        Response noFile = given().header("Authorization", bearer(ACME_KEY)).multiPart("purpose", "batch")
                .when().post("/v1/files");
        assertOpenAiError(noFile, 400, "missing_required_parameter");
    }

    @Test
    void uploadWithoutAKeyIs401() {
        Response response = given().multiPart("file", "a.jsonl", jsonl(100), "application/jsonl")
                .multiPart("purpose", "batch").when().post("/v1/files");
        assertOpenAiError(response, 401, "invalid_api_key");
    }

    /** A multipart upload written by hand, to control the file part's headers exactly. */
    private HttpResponse<String> postMultipart(String key, String filename, String contentType, byte[] content)
            throws Exception {
        String boundary = "sb-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"" + (filename == null ? "" : "; filename=\"" + filename + "\"")
                + "\r\nContent-Type: " + contentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(filesUri)
                .header("Authorization", bearer(key))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Response upload(String key, String filename, byte[] content, String purpose) {
        return given().header("Authorization", bearer(key))
                .multiPart("file", filename, content, "application/jsonl")
                .multiPart("purpose", purpose)
                .when().post("/v1/files");
    }

    private static void assertOpenAiError(Response response, int status, String code) {
        response.then().statusCode(status).body("error.code", equalTo(code));
        try {
            OpenAiSpec.assertConforms("ErrorResponse", JSON.readTree(response.asString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Batch request lines, about {@code bytes} long in all. */
    private static byte[] jsonl(int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
        for (int i = 0; out.size() < bytes; i++) {
            out.writeBytes(("{\"custom_id\":\"r" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, bytes);
    }
}
