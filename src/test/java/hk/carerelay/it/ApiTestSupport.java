package hk.carerelay.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.patient.Hkid;


/** The application over real HTTP on a random port, with the demo users; helpers to sign in and call the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = ItProfiles.class)
public abstract class ApiTestSupport {

    protected static final String PASSWORD = "CareRelay-demo-1";
    protected static final String SECRET = "JBSWY3DPEHPK3PXP";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    protected int port;

    @Autowired
    private JdbcClient engineJdbc;

    @Autowired
    private ManagementService engineManagement;

    protected record Response(int status, String contentType, JsonNode body, String raw, String location) {
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Tokens signed in once per user and kept: a code works only once, so the suite does not sign in at every call. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    protected String token(String username) {
        return TOKENS.computeIfAbsent(username, this::signIn);
    }

    /** A new sign-in with a fresh code, for tests that end their session. */
    protected String signIn(String username) {
        Response r = post("/api/auth/token", null, Map.of("username", username, "password", PASSWORD, "otp",
                Codes.fresh(username, SECRET)));
        if (r.status() != 200) {
            throw new IllegalStateException("Sign-in of " + username + " failed: " + r.raw());
        }
        return r.body().get("token").asText();
    }

    protected Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), token);
    }

    /**
     * A POST. A referral sent this way comes with the patient's consent to share it, recorded by the sender right
     * after (ADR 0019), so that tests of the receiving side see the record; {@link #postReferralAwaitingConsent} sends
     * one without.
     */
    protected Response post(String path, String token, Object body) {
        Response r = postJson(path, token, body);
        if ("/api/referrals".equals(path) && r.status() == 201) {
            Response consent = consentToShare(token, r.body().get("id").asText());
            if (consent.status() != 201) {
                throw new IllegalStateException("Recording the consent failed: " + consent.raw());
            }
        }
        return r;
    }

    /** Sends a referral without the patient's consent: the receiving side sees its administrative part only. */
    protected Response postReferralAwaitingConsent(String token, Object body) {
        return postJson("/api/referrals", token, body);
    }

    /** The sender records the patient's consent to share one referral, with a drawn signature. */
    protected Response consentToShare(String token, String referralId) {
        return postJson("/api/consents", token, Map.of("scope", "REFERRAL", "referralId", referralId,
                "decision", "GRANTED", "patientHasCapacity", true,
                "signature", hk.carerelay.consent.ConsentFixtures.signature()));
    }

    private Response postJson(String path, String token, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), token);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data POST with one file part (skipped when {@code file} is null) and text fields. */
    protected Response postMultipart(String path, String token, String fileName, byte[] file, Map<String, String> fields) {
        String boundary = "carerelay-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), token);
    }

    protected Response send(HttpRequest.Builder request) {
        return send(request, null);
    }

    protected Response send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !raw.isEmpty()) {
                body = JSON.readTree(raw);
            }
            return new Response(response.statusCode(), type, body, raw,
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final AtomicInteger SERIAL = new AtomicInteger(200000 + (int) (System.nanoTime() % 500000));

    /** A fresh, valid HKID for each referral, so tests never share a patient. */
    protected static String newHkid() {
        String digits = String.format("%06d", SERIAL.incrementAndGet() % 1_000_000);
        for (char check : "0123456789A".toCharArray()) {
            String candidate = "W" + digits + "(" + check + ")";
            if (Hkid.isValid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no check digit for " + digits);
    }

    /** A well-formed referral body for a new patient. */
    protected static Map<String, Object> referral(String hkid, String name, String specialty, String urgency) {
        return Map.of("patient", Map.of("hkid", hkid, "name", name, "dateOfBirth", "1970-02-02"),
                "receivingInstitution", "HSC", "specialty", specialty, "urgency", urgency,
                "reason", "Referral reason", "clinicalSummary", "Clinical summary for the integration test.");
    }

    /** The id of the caller's open task with this BPMN id on the referral. */
    protected String taskOf(String token, String referralId, String taskKey) {
        for (JsonNode task : get("/api/tasks", token).body()) {
            if (referralId.equals(task.path("referralId").asText()) && taskKey.equals(task.path("taskKey").asText())) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError("No " + taskKey + " on referral " + referralId + " for this user");
    }

    /**
     * Waits until a document the uploader has released is RELEASED. The release step is asynchronous: on PostgreSQL
     * the job executor runs it, on H2 (job executor off in tests) this method does.
     */
    protected void awaitRelease(String documentId) {
        String instance = engineJdbc.sql("SELECT process_instance_id FROM clinical_document WHERE id = ?")
                .param(documentId).query(String.class).single();
        for (int i = 0; i < 120; i++) {
            if ("RELEASED".equals(engineJdbc.sql("SELECT status FROM clinical_document WHERE id = ?").param(documentId)
                    .query(String.class).single())) {
                return;
            }
            var job = engineManagement.createJobQuery().processInstanceId(instance).singleResult();
            if (job != null) {
                try {
                    engineManagement.executeJob(job.getId());
                } catch (RuntimeException takenByTheJobExecutor) {
                    // the job executor ran it at the same moment; the status check above sees the outcome
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("document " + documentId + " was not released within a minute");
    }
}
