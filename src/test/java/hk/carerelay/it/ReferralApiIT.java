package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.identity.NewUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;

/** The REST API as a hospital system would use it: the whole loop, bad input, scope, conflicts, sign-out. */
class ReferralApiIT extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditLog audit;

    @Autowired
    Directory directory;

    @Autowired
    UserDirectory users;

    /** A referring doctor of the demo clinic made for one test, so its failed sign-ins lock nobody else out. */
    String ensureUser(String username) {
        if (!users.exists(username)) {
            users.create(new NewUser(username, "Test " + username, PASSWORD, SECRET, Role.REFERRING_DOCTOR, "KEFC",
                    "FAMILY_MEDICINE"));
        }
        return username;
    }


    private String submit(String token, String specialty) {
        Response r = post("/api/referrals", token, referral(newHkid(), "Api Patient", specialty, "ROUTINE"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    private Response complete(String token, String taskId, Map<String, ?> values) {
        return post("/api/tasks/" + taskId + "/complete", token, values);
    }

    private String status(String token, String referralId) {
        return get("/api/referrals/" + referralId, token).body().get("status").asText();
    }

    @Test
    void theWholeLoopThroughTheApi() {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        String cardiologist = token("dr.lee");

        Response created = post("/api/referrals", gp, referral(newHkid(), "Loop Patient", "CARDIOLOGY", "URGENT"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("status").asText()).isEqualTo("RECEIVED");
        String id = created.body().get("id").asText();
        assertThat(created.location()).endsWith("/api/referrals/" + id);

        String triage = taskOf(coordinator, id, "Task_TriageReferral");
        JsonNode task = get("/api/tasks/" + triage, coordinator).body();
        assertThat(task.get("name").asText()).isEqualTo("Triage referral");
        assertThat(task.get("formKey").asText()).isEqualTo("referral-triage");
        assertThat(task.get("due").asText()).isNotEmpty();
        JsonNode form = get("/api/tasks/" + triage + "/form", coordinator).body();
        assertThat(form.get("id").asText()).isEqualTo("referral-triage");
        assertThat(form.get("components").get(0).get("key").asText()).isEqualTo("decision");

        Response claimed = post("/api/tasks/" + triage + "/claim", coordinator, "{}");
        assertThat(claimed.body().get("assignee").asText()).isEqualTo("coord.wong");
        assertThat(claimed.body().get("formKey").asText()).isEqualTo("referral-triage");
        JsonNode released = post("/api/tasks/" + triage + "/unclaim", coordinator, "{}").body();
        assertThat(released.has("assignee")).isFalse();
        assertThat(released.get("formKey").asText()).isEqualTo("referral-triage");
        post("/api/tasks/" + triage + "/claim", coordinator, "{}");
        assertThat(complete(coordinator, triage, Map.of("decision", "ACCEPT")).status()).isEqualTo(200);
        assertThat(status(gp, id)).isEqualTo("ACCEPTED");

        String schedule = taskOf(coordinator, id, "Task_ScheduleAppointment");
        assertThat(complete(coordinator, schedule, Map.of("appointmentAt", "2030-01-15T09:30", "location", "Room 5"))
                .status()).isEqualTo(200);
        JsonNode scheduled = get("/api/referrals/" + id, gp).body();
        assertThat(scheduled.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("appointmentAt").asText()).isEqualTo("2030-01-15T01:30:00Z");

        String consult = taskOf(cardiologist, id, "Task_ConductConsultation");
        assertThat(complete(cardiologist, consult, Map.of("findings", "Normal echo", "diagnosis", "Palpitations",
                "plan", "Reassure", "followUp", "NONE")).status()).isEqualTo(200);
        assertThat(status(gp, id)).isEqualTo("REPORT_SENT");

        String acknowledge = taskOf(gp, id, "Task_AcknowledgeOutcome");
        assertThat(complete(gp, acknowledge, Map.of("acknowledged", true)).status()).isEqualTo(200);

        JsonNode done = get("/api/referrals/" + id, gp).body();
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("submissions")).hasSize(4);
        assertThat(done.get("openTasks")).isEmpty();
        List<String> events = new ArrayList<>();
        done.get("timeline").forEach(e -> events.add(e.get("actor").asText() + ": " + e.get("event").asText()));
        assertThat(events).contains("gp.chan: Referral received", "coord.wong: Triage referral: completed",
                "dr.lee: Conduct consultation: completed", "gp.chan: Acknowledge outcome: completed",
                "system: Referral completed");
        assertThat(audit.forReferral(id)).anyMatch(e -> e.action() == AuditAction.VIEW && "gp.chan".equals(e.username()));
    }

    @Test
    void signInFailuresAllLookTheSame() {
        String user = ensureUser("gp.failures");
        String code = Codes.fresh(user, SECRET);
        List<Response> failures = List.of(
                post("/api/auth/token", null, Map.of("username", user, "password", "wrong-password", "otp", code)),
                post("/api/auth/token", null, Map.of("username", user, "password", PASSWORD, "otp", "000000")),
                post("/api/auth/token", null, Map.of("username", "nobody", "password", PASSWORD, "otp", code)),
                post("/api/auth/token", null, Map.of("username", user, "password", PASSWORD)),
                post("/api/auth/token", null, "not json"));
        for (Response r : failures) {
            assertThat(r.status()).as(r.raw()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(failures.subList(0, 4)).extracting(r -> r.body().get("detail").asText()).containsOnly(
                "Sign-in failed: the username, password or code is not correct.");
    }

    @Test
    void everyRoleSeesItsOwnProfile() {
        Map<String, String> roles = Map.of("gp.chan", "REFERRING_DOCTOR", "coord.wong", "COORDINATOR", "dr.lee",
                "SPECIALIST", "nurse.ho", "NURSE", "intern.lam", "INTERN", "admin.ng", "ADMIN_STAFF", "manager.tsang",
                "MANAGER", "auditor.yip", "AUDITOR", "sysadmin", "SYSADMIN");
        roles.forEach((user, role) -> {
            JsonNode me = get("/api/me", token(user)).body();
            assertThat(me.get("username").asText()).isEqualTo(user);
            assertThat(me.get("roles").get(0).asText()).isEqualTo(role);
            assertThat(me.get("institution").asText()).isEqualTo(user.equals("gp.chan") ? "KEFC" : "HSC");
        });
        assertThat(get("/api/me", token("dr.lau")).body().get("department").asText()).isEqualTo("ENDOCRINOLOGY");
    }

    @Test
    void badReferralsAreRefusedFieldByFieldAndLeaveNothingBehind() {
        String gp = token("gp.chan");
        long before = jdbc.sql("SELECT COUNT(*) FROM referral").query(Long.class).single();

        Response bad = post("/api/referrals", gp, Map.of(
                "patient", Map.of("hkid", "A123456(4)", "name", " ", "dateOfBirth", "31/12/1970"),
                "receivingInstitution", "KEFC", "specialty", "ASTROLOGY", "urgency", "WHENEVER", "reason", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        bad.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("patient.hkid", "patient.name", "patient.dateOfBirth",
                "receivingInstitution", "specialty", "urgency", "clinicalSummary");

        assertThat(post("/api/referrals", gp, "{\"patient\": ").status()).isEqualTo(400);
        assertThat(post("/api/referrals", gp, "[]").status()).isEqualTo(400);
        assertThat(post("/api/referrals", gp, Map.of("patient", "A123456(3)")).status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void malformedAndUnknownPathsGetProblemDetails() {
        String gp = token("gp.chan");
        for (String path : List.of("/api/referrals//messages", "/api/referrals/%2e%2e/messages")) {
            Response malformed = get(path, gp);
            assertThat(malformed.status()).as(path).isEqualTo(400);
            assertThat(malformed.contentType()).as(path).startsWith("application/problem+json");
            assertThat(malformed.body().get("detail").asText()).as(path).contains("malformed");
        }
        Response unknown = get("/api/no-such-thing", gp);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Response wrongMethod = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/referrals")).DELETE(), gp);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rolesAndScopeAreEnforced() {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        assertThat(post("/api/referrals", coordinator, referral(newHkid(), "X", "CARDIOLOGY", "ROUTINE")).status())
                .isEqualTo(403);

        String id = submit(gp, "CARDIOLOGY");
        assertThat(get("/api/referrals/" + id, token("intern.lam")).status()).as("intern of endocrinology")
                .isEqualTo(404);
        assertThat(get("/api/referrals/" + id, token("nurse.ho")).status()).isEqualTo(200);
        assertThat(get("/api/referrals", token("auditor.yip")).body().get("total").asLong()).isZero();

        if (directory.institution("NTFC").isEmpty()) {
            directory.addInstitution(new Institution("NTFC", "New Territories Family Clinic", null, "CLINIC", false));
            users.create(new NewUser("gp.outsider", "Dr Outsider", PASSWORD, SECRET, Role.REFERRING_DOCTOR, "NTFC",
                    "FAMILY_MEDICINE"));
        }
        String outsider = token("gp.outsider");
        assertThat(get("/api/referrals/" + id, outsider).status()).isEqualTo(404);
        String triage = taskOf(coordinator, id, "Task_TriageReferral");
        assertThat(get("/api/tasks/" + triage, outsider).status()).as("task outside scope").isEqualTo(404);
        assertThat(complete(outsider, triage, Map.of("decision", "ACCEPT")).status()).isEqualTo(404);
        assertThat(complete(gp, triage, Map.of("decision", "ACCEPT")).status()).as("sender cannot triage")
                .isEqualTo(403);

        complete(coordinator, triage, Map.of("decision", "ACCEPT"));
        complete(coordinator, taskOf(coordinator, id, "Task_ScheduleAppointment"),
                Map.of("appointmentAt", "2030-02-01T10:00", "location", "Room 1"));
        String consult = taskOf(token("dr.lee"), id, "Task_ConductConsultation");
        Response wrongSpecialty = complete(token("dr.lau"), consult, Map.of("findings", "f", "diagnosis", "d",
                "plan", "p", "followUp", "NONE"));
        assertThat(wrongSpecialty.status()).as("an endocrinologist cannot write a cardiology note").isEqualTo(403);
        assertThat(status(gp, id)).isEqualTo("SCHEDULED");
    }

    @Test
    void invalidFormsAndSecondCompletionsAreRefused() {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        String id = submit(gp, "ENDOCRINOLOGY");
        String triage = taskOf(coordinator, id, "Task_TriageReferral");

        Response invalid = complete(coordinator, triage, Map.of("decision", "DECLINE", "colour", "red"));
        assertThat(invalid.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        invalid.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("declineReasonCode", "declineReason", "colour");
        Response badCode = complete(coordinator, triage, Map.of("decision", "DECLINE", "declineReasonCode", "BUSY",
                "declineReason", "Not indicated"));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.body().get("errors").get(0).get("field").asText()).isEqualTo("declineReasonCode");
        assertThat(complete(coordinator, triage, Map.of("decision", "MAYBE")).status()).isEqualTo(400);
        assertThat(post("/api/tasks/" + triage + "/complete", coordinator, "[1,2]").status()).isEqualTo(400);
        assertThat(status(gp, id)).isEqualTo("RECEIVED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task_submission WHERE task_id = ?").param(triage)
                .query(Long.class).single()).isZero();

        assertThat(complete(coordinator, triage, Map.of("decision", "DECLINE", "declineReasonCode",
                "INSUFFICIENT_INFORMATION", "declineReason", "Not indicated"))
                .status()).isEqualTo(200);
        Response again = complete(coordinator, triage, Map.of("decision", "ACCEPT"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(status(gp, id)).isEqualTo("DECLINED");
        assertThat(get("/api/tasks/no-such-task", coordinator).status()).isEqualTo(404);
    }

    /**
     * Two coordinators' completions of one triage race. Either may win; the loser gets 409 whether it lost before its
     * checks (the task has gone), between them (its candidate links have gone) or at the write, and only the
     * winner's answer is stored. Several rounds, so that more than one interleaving is tried.
     */
    @Test
    void twoCompletionsAtOnceLeaveExactlyOne() throws Exception {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        for (int round = 0; round < 8; round++) {
            String id = submit(gp, "CARDIOLOGY");
            String triage = taskOf(coordinator, id, "Task_TriageReferral");

            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (String decision : List.of("ACCEPT", "RETURN_WITH_ADVICE")) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return complete(coordinator, triage, decision.equals("ACCEPT") ? Map.of("decision", decision)
                            : Map.of("decision", decision, "advice", "Manage in primary care")).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(statuses).as("round %d", round).containsExactly(200, 409);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM task_submission WHERE task_id = ?").param(triage)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(status(gp, id)).isIn("ACCEPTED", "COMPLETED");
        }
    }

    @Test
    void theSenderCanAskToCancelAndTheReceiverConfirms() {
        String gp = token("gp.chan");
        String coordinator = token("coord.wong");
        String id = submit(gp, "CARDIOLOGY");

        assertThat(post("/api/referrals/" + id + "/cancellation", gp, Map.of()).status()).isEqualTo(400);
        assertThat(post("/api/referrals/" + id + "/cancellation", coordinator, Map.of("reason", "x")).status())
                .isEqualTo(403);
        Response requested = post("/api/referrals/" + id + "/cancellation", gp, Map.of("reason", "Seen elsewhere"));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.body().get("status").asText()).isEqualTo("CANCELLATION_REQUESTED");
        assertThat(post("/api/referrals/" + id + "/cancellation", gp, Map.of("reason", "again")).status())
                .isEqualTo(409);
        assertThat(complete(coordinator, taskOf(coordinator, id, "Task_TriageReferral"), Map.of("decision", "ACCEPT"))
                .status()).as("main path waits for the cancellation answer").isEqualTo(409);

        String confirm = taskOf(coordinator, id, "Task_ConfirmCancellation");
        assertThat(complete(coordinator, confirm, Map.of("cancellationDecision", "CONFIRM")).status()).isEqualTo(200);
        JsonNode cancelled = get("/api/referrals/" + id, gp).body();
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("openTasks")).isEmpty();
        assertThat(post("/api/referrals/" + id + "/cancellation", gp, Map.of("reason", "late")).status())
                .isEqualTo(409);
    }

    @Test
    void signOutRevokesTheToken() {
        String token = signIn("admin.ng");
        assertThat(get("/api/me", token).status()).isEqualTo(200);
        assertThat(post("/api/auth/logout", token, "{}").status()).isEqualTo(204);
        Response after = get("/api/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/tasks", "made-up-token").status()).isEqualTo(401);
        assertThat(get("/api/tasks", null).status()).isEqualTo(401);
    }

    @Test
    void engineWebappsAndEngineRestAreClosedToOthers() {
        Response cockpit = get("/camunda/app/cockpit/default/", null);
        assertThat(cockpit.status()).isEqualTo(302);
        assertThat(cockpit.location()).endsWith("/login");
        assertThat(get("/engine-rest/engine", null).status()).isIn(302, 401, 403, 404);
        assertThat(get("/engine-rest/engine", token("sysadmin")).status()).isIn(302, 401, 403, 404);
        assertThat(get("/camunda/api/engine/engine/", token("coord.wong")).status()).as("bearer tokens do not open the webapps")
                .isIn(302, 401, 403);
    }

    @Test
    void openApiDescribesTheApi() {
        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/referrals")).isTrue();
        assertThat(docs.body().get("paths").has("/api/tasks/{id}/complete")).isTrue();
    }

    /**
     * A referral for a patient whose row another session holds (a long transaction elsewhere, an administrator's
     * session) does not wait without end: after the database's lock timeout the request answers that nothing was saved,
     * and saves nothing; once the row is free the same request goes through.
     */
    @Test
    void aReferralBlockedByALockHeldElsewhereGivesUpAndSavesNothing() throws Exception {
        String gp = token("gp.chan");
        String hkid = newHkid();
        Response first = post("/api/referrals", gp, referral(hkid, "Locked Patient", "CARDIOLOGY", "ROUTINE"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        String patientId = jdbc.sql("SELECT patient_id FROM referral WHERE id = ?")
                .param(first.body().get("id").asText()).query(String.class).single();
        long before = referralsOf(patientId);

        try (Connection elsewhere = dataSource.getConnection()) {
            elsewhere.setAutoCommit(false);
            try (PreparedStatement hold = elsewhere.prepareStatement(
                    "SELECT id FROM patient WHERE id = ? FOR UPDATE")) {
                hold.setString(1, patientId);
                hold.executeQuery().close();
            }
            Response blocked = postReferralAwaitingConsent(gp, referral(hkid, "Locked Patient", "CARDIOLOGY",
                    "ROUTINE"));
            // H2's lock timeout and PostgreSQL's (carerelay.db.lock-timeout) alike
            assertThat(blocked.status()).as(blocked.raw()).isEqualTo(503);
            assertThat(blocked.contentType()).startsWith("application/problem+json");
            assertThat(blocked.body().get("detail").asText()).contains("nothing was saved");
            assertThat(referralsOf(patientId)).as("nothing half-written").isEqualTo(before);
            elsewhere.rollback();
        }
        Response again = postReferralAwaitingConsent(gp, referral(hkid, "Locked Patient", "CARDIOLOGY", "ROUTINE"));
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(referralsOf(patientId)).isEqualTo(before + 1);
    }

    private long referralsOf(String patientId) {
        return jdbc.sql("SELECT COUNT(*) FROM referral WHERE patient_id = ?").param(patientId).query(Long.class)
                .single();
    }
}
