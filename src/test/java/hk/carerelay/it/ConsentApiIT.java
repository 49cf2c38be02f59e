package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import hk.carerelay.consent.ConsentFixtures;

/**
 * Consent gating over HTTP (ADR 0019), on H2 and on PostgreSQL: before the patient consents the receiving
 * coordinator gets the referral's administrative part and no documents; after, the content; after withdrawal,
 * the administrative part again. Recording, reading, listing, the signed form, its check and withdrawal.
 */
class ConsentApiIT extends ApiTestSupport {

    @Test
    void theReceiverSeesTheClinicalPartOnlyWhileAConsentIsGranted() {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        Response sent = postReferralAwaitingConsent(gp, referral(newHkid(), "Gated Patient", "CARDIOLOGY", "ROUTINE"));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        String id = sent.body().get("id").asText();
        // a letter the sender uploads and releases before the patient has consented
        Response uploaded = postMultipart("/api/referrals/" + id + "/documents", gp, "letter.txt",
                "Referral letter: exertional chest tightness, ECG normal.".getBytes(StandardCharsets.UTF_8),
                Map.of("category", "LETTER"));
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        String document = uploaded.body().get("id").asText();
        Response released = post("/api/tasks/" + taskOf(gp, id, "Task_ReviewRedaction") + "/complete", gp,
                Map.of("decision", "RELEASE"));
        assertThat(released.status()).as(released.raw()).isEqualTo(200);
        awaitRelease(document);
        String letter = "/api/documents/" + document + "/text?variant=redacted";

        Response before = get("/api/referrals/" + id, coordinator);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().get("patient").get("name").asText()).isEqualTo("Gated Patient");
        assertThat(before.body().hasNonNull("clinicalSummary")).isFalse();
        assertThat(before.body().get("withheld").toString()).contains("REFERRAL_SUMMARY");
        assertThat(before.body().get("status").asText()).isEqualTo("RECEIVED");
        assertThat(before.body().get("awaitingConsent").asBoolean()).isTrue();
        assertThat(awaitingConsentInList(gp, id)).isTrue();
        assertThat(awaitingConsentInTasks(gp, id)).as("the sender's consent task").isTrue();
        assertThat(get("/api/referrals/" + id + "/documents", coordinator).status()).isIn(403, 404);
        assertThat(get(letter, coordinator).status()).as("a released letter before consent").isIn(403, 404);
        assertThat(get("/api/referrals/" + id, gp).body().get("clinicalSummary").asText())
                .as("the sender always sees its own letter").isNotEmpty();

        Response recorded = consentToShare(gp, id);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
        assertThat(recorded.location()).endsWith("/api/consents/" + recorded.body().get("id").asText());
        assertThat(recorded.body().get("status").asText()).isEqualTo("GRANTED");
        assertThat(recorded.body().get("witness").asText()).isEqualTo("gp.chan");
        assertThat(recorded.body().has("signatureBlobId")).isFalse();
        String consent = recorded.body().get("id").asText();

        Response after = get("/api/referrals/" + id, coordinator);
        assertThat(after.body().get("awaitingConsent").asBoolean()).isFalse();
        assertThat(awaitingConsentInList(gp, id)).isFalse();
        assertThat(awaitingConsentInTasks(coordinator, id)).as("the triage task").isFalse();
        assertThat(after.body().get("clinicalSummary").asText()).isEqualTo("Clinical summary for the integration test.");
        assertThat(get("/api/referrals/" + id + "/documents", coordinator).body().toString()).contains(document);
        Response read = get(letter, coordinator);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.raw()).contains("exertional chest tightness");

        Response list = get("/api/consents?referral=" + id, coordinator);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().toString()).contains(consent);
        assertThat(get("/api/consents/" + consent, coordinator).status()).isEqualTo(200);
        assertThat(get("/api/consents/" + consent, token("coord.cheung")).status()).isEqualTo(404);
        assertThat(get("/api/consents/" + consent, token("admin.ng")).status()).isEqualTo(403);

        Response form = get("/api/consents/" + consent + "/form", gp);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.contentType()).startsWith("application/pdf");
        assertThat(form.raw()).startsWith("%PDF");
        Response verification = get("/api/consents/" + consent + "/verification", coordinator);
        assertThat(verification.body().get("hashMatches").asBoolean()).isTrue();
        assertThat(verification.body().get("signatureValid").asBoolean()).isTrue();

        Response refused = post("/api/consents/" + consent + "/withdrawal", coordinator, Map.of("reason", "no"));
        assertThat(refused.status()).isEqualTo(403);
        Response withdrawn = post("/api/consents/" + consent + "/withdrawal", gp,
                Map.of("reason", "The patient withdrew consent at the clinic"));
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");

        Response gone = get("/api/referrals/" + id, coordinator);
        assertThat(gone.body().hasNonNull("clinicalSummary")).isFalse();
        assertThat(gone.body().get("awaitingConsent").asBoolean()).as("sharing paused").isTrue();
        assertThat(awaitingConsentInList(gp, id)).isTrue();
        assertThat(awaitingConsentInTasks(coordinator, id)).as("the triage task, paused").isTrue();
        assertThat(get("/api/referrals/" + id + "/documents", coordinator).status()).isIn(403, 404);
        assertThat(get(letter, coordinator).status()).as("the letter once consent is withdrawn").isIn(403, 404);
        assertThat(get("/api/documents/" + document + "/content?variant=redacted", coordinator).status())
                .isIn(403, 404);
        assertThat(post("/api/consents/" + consent + "/withdrawal", gp, Map.of("reason", "again")).status())
                .isEqualTo(409);
    }

    @Test
    void badInputIsAProblemWithFieldErrorsAndRecordsNothing() {
        String gp = token("gp.chan");
        Response sent = postReferralAwaitingConsent(gp, referral(newHkid(), "Child Patient", "CARDIOLOGY", "ROUTINE"));
        String id = sent.body().get("id").asText();

        Response bad = post("/api/consents", gp, Map.of("scope", "REFERRAL", "referralId", id, "decision", "GRANTED",
                "patientHasCapacity", false, "signature", ConsentFixtures.blankSignature()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.raw()).contains("substituteName", "substituteRelationship", "signature");
        assertThat(bad.raw()).as("the consent form's signature check").contains("nothing was drawn");

        Response jpeg = post("/api/consents", gp, Map.of("scope", "REFERRAL", "referralId", id, "decision", "MAYBE",
                "patientHasCapacity", true, "signature", "data:image/jpeg;base64,AAAA"));
        assertThat(jpeg.status()).isEqualTo(400);
        assertThat(jpeg.raw()).contains("decision", "must be one of [GRANTED, REFUSED]", "signature",
                "must be a PNG data URL");
        assertThat(get("/api/consents?referral=" + id, gp).body().size()).isZero();
        assertThat(post("/api/consents", gp, "[]").status()).isEqualTo(400);
        assertThat(get("/api/consents", gp).status()).isEqualTo(400);
    }

    /** {@code awaitingConsent} of the caller's open task on the referral in {@code GET /api/tasks}. */
    private boolean awaitingConsentInTasks(String token, String referralId) {
        for (com.fasterxml.jackson.databind.JsonNode task : get("/api/tasks", token).body()) {
            if (referralId.equals(task.path("referralId").asText())) {
                return task.get("awaitingConsent").asBoolean();
            }
        }
        throw new AssertionError("no task on referral " + referralId + " in the caller's tasks");
    }

    private boolean awaitingConsentInList(String token, String referralId) {
        for (com.fasterxml.jackson.databind.JsonNode item : get("/api/referrals?size=100", token).body().get("items")) {
            if (item.get("id").asText().equals(referralId)) {
                return item.get("awaitingConsent").asBoolean();
            }
        }
        throw new AssertionError("referral " + referralId + " not in the sender's list");
    }
}
