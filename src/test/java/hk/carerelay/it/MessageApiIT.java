package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Message threads over HTTP. A referral's: the clinic and the hospital talk, with receipts and unread counts; another
 * hospital and an intern of another department are told the referral does not exist; bad messages get problem
 * details naming the field. A consultation's: the requester and the consulted department. A discharge handover's: the
 * hospital and the family doctor, with no attachments.
 */
class MessageApiIT extends ApiTestSupport {

    private String referral() {
        Response created = post("/api/referrals", token("gp.chan"),
                referral(newHkid(), "Message Patient", "CARDIOLOGY", "URGENT"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private long unreadIn(String username, String referralId) {
        return unreadIn(username, "REFERRAL", referralId);
    }

    private long unreadIn(String username, String caseType, String caseId) {
        Response unread = get("/api/messages/unread", token(username));
        assertThat(unread.status()).as(unread.raw()).isEqualTo(200);
        assertThat(unread.body().get("total").asLong()).isGreaterThanOrEqualTo(0);
        for (JsonNode thread : unread.body().get("threads")) {
            if (caseId.equals(thread.get("caseId").asText())) {
                assertThat(thread.get("caseType").asText()).isEqualTo(caseType);
                return thread.get("unread").asLong();
            }
        }
        return 0;
    }

    @Test
    void theClinicAndTheHospitalTalkAndEveryoneElseIsKeptOut() {
        String id = referral();
        String path = "/api/referrals/" + id + "/messages";

        Response question = post(path, token("gp.chan"), Map.of("body", "Any syncope since I saw her on Monday?"));
        assertThat(question.status()).as(question.raw()).isEqualTo(201);
        assertThat(question.location()).endsWith(path);
        assertThat(question.body().get("author").asText()).isEqualTo("gp.chan");
        assertThat(unreadIn("dr.lee", id)).isEqualTo(1);
        assertThat(unreadIn("gp.chan", id)).isZero();

        Response read = get(path, token("dr.lee"));
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("mayWrite").asBoolean()).isTrue();
        JsonNode first = read.body().get("messages").get(0);
        assertThat(first.get("body").asText()).isEqualTo("Any syncope since I saw her on Monday?");
        assertThat(first.get("unread").asBoolean()).isTrue();
        assertThat(first.get("readBy").get(0).get("username").asText()).isEqualTo("dr.lee");
        assertThat(unreadIn("dr.lee", id)).isZero();

        Response answer = post(path, token("dr.lee"), Map.of("body", "Seen today: no syncope, booked for an echo."));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        assertThat(unreadIn("gp.chan", id)).isEqualTo(1);
        Response thread = get(path, token("gp.chan"));
        assertThat(thread.body().get("messages")).hasSize(2);
        assertThat(thread.body().get("messages").get(0).get("readBy").get(0).get("username").asText())
                .isEqualTo("dr.lee");
        assertThat(thread.body().get("messages").get(1).get("author").asText()).isEqualTo("dr.lee");

        boolean told = false;
        for (JsonNode n : get("/api/notifications", token("gp.chan")).body()) {
            told |= id.equals(n.path("referralId").asText())
                    && "notification.message.received".equals(n.path("messageKey").asText());
        }
        assertThat(told).as("the referring doctor is told of the answer").isTrue();

        for (String outsider : List.of("dr.kwok", "intern.lam")) {
            Response denied = get(path, token(outsider));
            assertThat(denied.status()).as(outsider).isEqualTo(404);
            assertThat(denied.contentType()).startsWith("application/problem+json");
            Response refused = post(path, token(outsider), Map.of("body", "Hello"));
            assertThat(refused.status()).as(outsider).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(unreadIn(outsider, id)).isZero();
        }
        assertThat(get(path, token("admin.ng")).status()).as("the policy withholds messages").isEqualTo(403);
        assertThat(get(path, token("gp.chan")).body().get("messages")).as("nothing written by others").hasSize(2);
    }

    @Test
    void badMessagesGetProblemDetailsNamingTheFieldAndWriteNothing() {
        String id = referral();
        String path = "/api/referrals/" + id + "/messages";
        String gp = token("gp.chan");

        Response blank = post(path, gp, Map.of("body", "   ", "documentId", "no-such-document"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(fields(blank)).containsExactly("body", "documentId");

        Response tooLong = post(path, gp, Map.of("body", "x".repeat(4001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("errors").get(0).get("message").asText())
                .isEqualTo("must be at most 4000 characters");

        Response wrongType = post(path, gp, "{\"body\": [\"a\"]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        assertThat(fields(wrongType)).containsExactly("body");

        Response notJson = post(path, gp, "body=hello");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");

        Response empty = post(path, gp, "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(fields(empty)).containsExactly("body");

        assertThat(get(path, gp).body().get("messages")).isEmpty();
    }

    @Test
    void theRequesterAndTheConsultedDepartmentTalkAboutAConsultation() {
        String referral = referral();
        Response asked = post("/api/consultations", token("dr.lee"), Map.of("consultedDepartment", "ENDOCRINOLOGY",
                "urgency", "ROUTINE", "question", "Insulin plan before angiography?", "referralId", referral,
                "sharedSections", List.of("REFERRAL_SUMMARY")));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(201);
        String id = asked.body().get("id").asText();
        String path = "/api/consultations/" + id + "/messages";

        Response question = post(path, token("dr.lee"), Map.of("body", "She is on prednisolone 30 mg since Monday."));
        assertThat(question.status()).as(question.raw()).isEqualTo(201);
        assertThat(question.location()).endsWith(path);
        assertThat(unreadIn("dr.lau", "CONSULTATION", id)).isEqualTo(1);
        Response read = get(path, token("dr.lau"));
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("caseType").asText()).isEqualTo("CONSULTATION");
        assertThat(read.body().get("mayWrite").asBoolean()).isTrue();
        assertThat(read.body().get("messages").get(0).get("readBy").get(0).get("username").asText())
                .isEqualTo("dr.lau");
        assertThat(unreadIn("dr.lau", "CONSULTATION", id)).isZero();
        assertThat(post(path, token("dr.lau"), Map.of("body", "Basal-bolus; I will see her today.")).status())
                .isEqualTo(201);
        assertThat(unreadIn("dr.lee", "CONSULTATION", id)).isEqualTo(1);

        Response attachment = post(path, token("dr.lee"), Map.of("body", "The letter.", "documentId", "any"));
        assertThat(attachment.status()).as("the request shared no documents").isEqualTo(400);
        assertThat(fields(attachment)).containsExactly("documentId");

        for (String outsider : List.of("gp.chan", "nurse.ho", "dr.kwok")) {
            assertThat(get(path, token(outsider)).status()).as(outsider).isEqualTo(404);
            assertThat(post(path, token(outsider), Map.of("body", "Hello")).status()).as(outsider).isEqualTo(404);
        }
        Response intern = get(path, token("intern.lam"));
        assertThat(intern.status()).as("the consulted department's intern").isEqualTo(403);
        assertThat(intern.contentType()).startsWith("application/problem+json");
        assertThat(post(path, token("intern.lam"), Map.of("body", "Hello")).status()).isEqualTo(403);
        assertThat(get(path, token("dr.lee")).body().get("messages")).hasSize(2);
    }

    @Test
    void theHospitalAndTheFamilyDoctorTalkAboutAHandover() {
        Response started = post("/api/discharges", token("dr.lee"), Map.of("patient", Map.of("hkid", newHkid(),
                "name", "Message Discharge", "dateOfBirth", "1950-01-01"), "familyDoctor", "gp.chan",
                "summary", hk.carerelay.discharge.DischargeFixtures.summary(
                        java.time.LocalDate.now(hk.carerelay.shared.HongKongTime.ZONE), List.of(), List.of())));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        String id = started.body().get("id").asText();
        String path = "/api/discharges/" + id + "/messages";

        Response question = post(path, token("gp.chan"), Map.of("body", "Is the furosemide dose to be reviewed?"));
        assertThat(question.status()).as(question.raw()).isEqualTo(201);
        assertThat(unreadIn("dr.lee", "DISCHARGE", id)).isEqualTo(1);
        Response read = get(path, token("dr.lee"));
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("caseType").asText()).isEqualTo("DISCHARGE");
        assertThat(post(path, token("dr.lee"), Map.of("body", "Yes, at the 2-week visit.")).status()).isEqualTo(201);
        assertThat(unreadIn("gp.chan", "DISCHARGE", id)).isEqualTo(1);

        Response attachment = post(path, token("gp.chan"), Map.of("body", "My letter.", "documentId", "any"));
        assertThat(attachment.status()).isEqualTo(400);
        assertThat(attachment.body().get("errors").get(0).get("message").asText())
                .isEqualTo("cannot be attached: messages about a discharge handover take no attachments");

        assertThat(get(path, token("dr.kwok")).status()).as("another hospital").isEqualTo(404);
        assertThat(get(path, token("nurse.ho")).status()).as("the hospital's nurse").isEqualTo(403);
        assertThat(post(path, token("nurse.ho"), Map.of("body", "Hello")).status()).isEqualTo(403);
        assertThat(get(path, token("gp.chan")).body().get("messages")).hasSize(2);
    }

    private static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
