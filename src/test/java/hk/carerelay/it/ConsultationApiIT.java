package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Asking another department over HTTP is checked against the same request form as the consultations view
 * ({@code forms/consultation/consultation-request.form}): bad input is a problem naming the fields, and nothing is
 * asked.
 */
class ConsultationApiIT extends ApiTestSupport {

    @Test
    void badInputIsAProblemNamingTheFormsFieldsAndAsksNothing() {
        String cardiologist = token("dr.lee");
        int before = get("/api/consultations?scope=mine", cardiologist).body().size();

        Response bad = post("/api/consultations", cardiologist, Map.of("consultedDepartment", "CARDIOLOGY",
                "urgency", "SOON", "question", " ", "sharedSections", List.of("DIAGNOSES")));
        assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.raw()).contains("consultedDepartment", "urgency", "question", "patientHkid",
                "sharedSections", "can only be given with a referral");

        Response unknown = post("/api/consultations", cardiologist, Map.of("consultedDepartment", "ENDOCRINOLOGY",
                "urgency", "ROUTINE", "question", "Please advise", "referralId", "no-such-referral",
                "sharedSections", List.of("AUDIT")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw()).contains("referralId", "is not a referral you take part in", "sharedSections",
                "must name values among");

        assertThat(get("/api/consultations?scope=mine", cardiologist).body().size()).isEqualTo(before);
    }
}
