package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The auditor's questions over the API: every read of patient data leaves an entry, the search finds it by patient,
 * user, action and period, pages without repeats, refuses bad parameters, and exports CSV, FHIR and the PDF report.
 */
class AuditApiIT extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    private long entries(String username, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = ? AND action = ?")
                .params(username, action).query(Long.class).single();
    }

    private record Read(String description, String username, String action, Supplier<Response> call) {
    }

    @Test
    void everyEndpointThatReturnsPatientDataLeavesAnEntry() {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        String auditor = token("auditor.yip");
        String hkid = ReferralApiIT.newHkid();
        String referral = post("/api/referrals", gp, referral(hkid, "Audited Read", "CARDIOLOGY", "ROUTINE"))
                .body().get("id").asText();
        String task = taskOf(coordinator, referral, "Task_TriageReferral");

        List<Read> reads = List.of(
                new Read("referral list", "gp.chan", "SEARCH", () -> get("/api/referrals", gp)),
                new Read("referral", "gp.chan", "VIEW", () -> get("/api/referrals/" + referral, gp)),
                new Read("task list", "coord.wong", "SEARCH", () -> get("/api/tasks", coordinator)),
                new Read("task", "coord.wong", "VIEW", () -> get("/api/tasks/" + task, coordinator)),
                new Read("audit search", "auditor.yip", "SEARCH", () -> get("/api/audit/events", auditor)),
                new Read("audit CSV", "auditor.yip", "EXPORT", () -> get("/api/audit/events.csv", auditor)),
                new Read("audit FHIR", "auditor.yip", "EXPORT", () -> get("/api/audit/events.fhir.json", auditor)),
                new Read("access report", "auditor.yip", "EXPORT",
                        () -> get("/api/audit/patients/" + hkid + "/access-report", auditor)),
                new Read("refused referral", "intern.lam", "ACCESS_DENIED",
                        () -> get("/api/referrals/" + referral, token("intern.lam"))),
                new Read("refused task", "intern.lam", "ACCESS_DENIED",
                        () -> get("/api/tasks/" + task, token("intern.lam"))),
                new Read("message thread", "gp.chan", "VIEW",
                        () -> get("/api/referrals/" + referral + "/messages", gp)),
                new Read("refused message thread", "intern.lam", "ACCESS_DENIED",
                        () -> get("/api/referrals/" + referral + "/messages", token("intern.lam"))));
        for (Read read : reads) {
            long before = entries(read.username(), read.action());
            Response response = read.call().get();
            assertThat(response.status()).as(read.description()).isIn(200, 404);
            assertThat(entries(read.username(), read.action())).as(read.description() + " is audited")
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void theAuditorFindsWhoSawAPatientAndFromWhere() {
        String gp = token("gp.chan");
        String hkid = ReferralApiIT.newHkid();
        String referral = post("/api/referrals", gp, referral(hkid, "Searched Patient", "ENDOCRINOLOGY", "ROUTINE"))
                .body().get("id").asText();
        get("/api/referrals/" + referral, token("nurse.ho"));
        get("/api/referrals/" + referral, token("dr.lau"));

        String auditor = token("auditor.yip");
        JsonNode found = get("/api/audit/events?patient=" + hkid + "&action=VIEW", auditor).body();
        Set<String> viewers = new HashSet<>();
        found.get("items").forEach(e -> {
            viewers.add(e.get("username").asText());
            assertThat(e.get("clientIp").asText()).isNotEmpty();
            assertThat(e.get("referralId").asText()).isEqualTo(referral);
        });
        assertThat(viewers).containsExactlyInAnyOrder("nurse.ho", "dr.lau");
        JsonNode all = get("/api/audit/events?patient=" + hkid, auditor).body();
        List<String> actions = new ArrayList<>();
        all.get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("CREATE", "VIEW");

        JsonNode timeline = get("/api/referrals/" + referral, gp).body().get("timeline");
        List<String> lines = new ArrayList<>();
        timeline.forEach(t -> lines.add(t.get("actor").asText() + ": " + t.get("event").asText()));
        assertThat(lines).contains("nurse.ho: Viewed the referral", "dr.lau: Viewed the referral");
    }

    @Test
    void pagesFollowEachOtherWithoutRepeats() {
        String auditor = token("auditor.yip");
        String manager = token("manager.tsang");
        for (int i = 0; i < 7; i++) {
            get("/api/referrals?size=1", manager);
        }
        Set<Long> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/audit/events?user=manager.tsang&action=SEARCH&size=3"
                    + (after == null ? "" : "&after=" + after), auditor).body();
            page.get("items").forEach(e -> assertThat(seen.add(e.get("id").asLong())).isTrue());
            after = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (after != null && pages < 50);
        assertThat(seen.size()).isGreaterThanOrEqualTo(7);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void badParametersAreNamed() {
        String auditor = token("auditor.yip");
        Map<String, String> cases = Map.of(
                "/api/audit/events?action=PEEK", "action",
                "/api/audit/events?outcome=MAYBE", "outcome",
                "/api/audit/events?from=yesterday", "from",
                "/api/audit/events?from=2026-02-01&to=2026-01-01", "from",
                "/api/audit/events?from=1990-01-01&to=2026-01-01", "from",
                "/api/audit/events?patient=A123456(4)", "patient",
                "/api/audit/events?size=5000", "size",
                "/api/audit/events?after=not-a-position", "after");
        cases.forEach((path, field) -> {
            Response r = get(path.replace("(", "%28").replace(")", "%29"), auditor);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.body().get("errors").get(0).get("field").asText()).as(path).isEqualTo(field);
        });
        assertThat(get("/api/audit/events", token("coord.wong")).status()).isEqualTo(403);
        assertThat(get("/api/audit/events", token("sysadmin")).status()).isEqualTo(403);
        assertThat(get("/api/audit/patients/A123456(3)/access-report".replace("(", "%28").replace(")", "%29"),
                token("manager.tsang")).status()).isEqualTo(403);
    }

    @Test
    void exportsAreCsvFhirAndPdf() {
        String gp = token("gp.chan");
        String hkid = ReferralApiIT.newHkid();
        post("/api/referrals", gp, referral(hkid, "Exported Patient", "CARDIOLOGY", "URGENT"));
        String auditor = token("auditor.yip");

        Response csv = get("/api/audit/events.csv?user=gp.chan&action=CREATE", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw()).contains("id,occurred_at_utc,occurred_at_hkt,username").contains(",gp.chan,");

        Response fhir = get("/api/audit/events.fhir.json?user=gp.chan&action=CREATE", auditor);
        assertThat(fhir.status()).isEqualTo(200);
        JsonNode bundle;
        try {
            bundle = JSON.readTree(fhir.raw());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        JsonNode event = bundle.get("entry").get(0).get("resource");
        assertThat(event.get("resourceType").asText()).isEqualTo("AuditEvent");
        assertThat(event.get("action").asText()).isEqualTo("C");
        assertThat(event.get("meta").get("profile").get(0).asText()).endsWith("IHE.BasicAudit.PatientCreate");
        assertThat(event.get("agent").get(0).get("who").get("identifier").get("value").asText()).isEqualTo("gp.chan");
        assertThat(event.get("entity").get(0).get("what").get("reference").asText()).startsWith("Patient/");

        Response pdf = get("/api/audit/patients/" + hkid.replace("(", "%28").replace(")", "%29") + "/access-report",
                auditor);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.raw()).startsWith("%PDF");
        assertThat(get("/api/audit/patients/A123456%283%29/access-report?from=x", auditor).status()).isEqualTo(400);
    }
}
