package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import hk.carerelay.discharge.DischargeFixtures;
import hk.carerelay.shared.HongKongTime;

/**
 * A discharge handover over HTTP: the hospital doctor starts it, the family doctor reads it and works its tasks through
 * the task API, a late result reaches them; outsiders are told it does not exist and bad input gets problem details.
 */
class DischargeApiIT extends ApiTestSupport {

    private final LocalDate today = LocalDate.now(HongKongTime.ZONE);

    private Map<String, Object> body(String name, Object familyDoctor, Map<String, Object> summary) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("patient", Map.of("hkid", newHkid(), "name", name, "dateOfBirth", "1948-08-08"));
        body.put("familyDoctor", familyDoctor);
        body.put("summary", summary);
        return body;
    }

    private String taskFor(String token, String patientName, String taskKey) {
        for (JsonNode task : get("/api/tasks", token).body()) {
            if (patientName.equals(task.path("patientName").asText()) && taskKey.equals(task.path("taskKey").asText())) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError("No " + taskKey + " for " + patientName);
    }

    @Test
    void aHandoverGoesFromTheHospitalToTheFamilyDoctorWithItsFollowUpAndALateResult() {
        String patient = "Api Discharge " + newHkid();
        Response created = post("/api/discharges", token("dr.lee"), body(patient, "gp.chan",
                DischargeFixtures.summary(today, List.of(DischargeFixtures.inDays("Review in clinic", 14)),
                        List.of("Thyroid function"))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.location()).endsWith("/api/discharges/" + id);
        assertThat(created.body().get("status").asText()).isEqualTo("SENT");

        Response read = get("/api/discharges/" + id, token("gp.chan"));
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().at("/summary/medications/0/drug").asText()).isEqualTo("Aspirin");
        assertThat(read.body().at("/followUps/0/action").asText()).isEqualTo("Review in clinic");
        assertThat(read.body().at("/followUps/0/dueOn").asText()).isEqualTo(today.plusDays(14).toString());
        assertThat(read.body().at("/results/0/status").asText()).isEqualTo("PENDING");
        assertThat(get("/api/discharges", token("gp.chan")).body().findValuesAsText("id")).contains(id);
        assertThat(get("/api/discharges", token("dr.lee")).body().findValuesAsText("id")).contains(id);

        assertThat(get("/api/discharges/" + id, token("dr.kwok")).status()).isEqualTo(404);
        assertThat(get("/api/discharges/" + id, token("nurse.ho")).status()).isEqualTo(403);
        assertThat(get("/api/discharges", token("dr.kwok")).body().findValuesAsText("id")).doesNotContain(id);

        String acknowledge = taskFor(token("gp.chan"), patient, "Task_AcknowledgeHandover");
        Response refused = post("/api/tasks/" + acknowledge + "/complete", token("gp.chan"),
                Map.of("reviewed", true, "patientName", "Other"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(post("/api/tasks/" + acknowledge + "/complete", token("gp.chan"), Map.of("reviewed", true)).status())
                .isEqualTo(200);
        assertThat(get("/api/discharges/" + id, token("dr.lee")).body().get("status").asText())
                .isEqualTo("ACKNOWLEDGED");

        String followUp = taskFor(token("gp.chan"), patient, "Task_CompleteFollowUp");
        assertThat(post("/api/tasks/" + followUp + "/complete", token("gp.chan"), Map.of("outcome", "DONE")).status())
                .isEqualTo(200);

        Response result = post("/api/discharges/" + id + "/results/0", token("dr.lee"), Map.of("result", "TSH 2.1 mIU/L"));
        assertThat(result.status()).as(result.raw()).isEqualTo(200);
        assertThat(post("/api/discharges/" + id + "/results/0", token("dr.lee"), Map.of("result", "again")).status())
                .isEqualTo(409);
        String review = taskFor(token("gp.chan"), patient, "Task_ReviewLateResult");
        assertThat(post("/api/tasks/" + review + "/complete", token("gp.chan"), Map.of("action", "NO_ACTION")).status())
                .isEqualTo(200);

        Response closed = get("/api/discharges/" + id, token("gp.chan"));
        assertThat(closed.body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.body().at("/results/0/result").asText()).isEqualTo("TSH 2.1 mIU/L");
    }

    @Test
    void badInputGetsProblemDetailsNamingEachField() {
        Map<String, Object> summary = new java.util.HashMap<>(DischargeFixtures.summary(today, List.of(), List.of()));
        summary.put("medications", List.of(Map.of("drug", "Aspirin", "change", "CHANGED")));
        Response response = post("/api/discharges", token("dr.lee"), body("Bad Input", "nobody", summary));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.raw()).contains("familyDoctor", "summary.medications[0].dose",
                "summary.medications[0].frequency", "summary.medications[0].changeReason");
        assertThat(post("/api/discharges", token("gp.chan"), body("Bad Input", "gp.chan", summary)).status())
                .isEqualTo(403);
    }
}
