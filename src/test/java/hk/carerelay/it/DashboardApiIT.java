package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard API as a manager's reporting client uses it: figures that follow referrals worked through the API,
 * drill-down to their references (no patient, no clinical text), bad input as problem details, and managers only.
 */
class DashboardApiIT extends ApiTestSupport {

    private static final String FILTER = "&specialty=GERIATRICS&urgency=URGENT";

    private final String name = "Dashboard Api " + Long.toString(System.nanoTime(), 36);

    private String send() {
        Response r = post("/api/referrals", token("gp.chan"), referral(newHkid(), name, "GERIATRICS", "URGENT"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    private void triage(String referralId, Map<String, String> values) {
        String coordinator = token("coord.wong");
        String task = taskOf(coordinator, referralId, "Task_TriageReferral");
        assertThat(post("/api/tasks/" + task + "/claim", coordinator, "{}").status()).isEqualTo(200);
        Response done = post("/api/tasks/" + task + "/complete", coordinator, values);
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
    }

    private JsonNode figures(String manager) {
        Response r = get("/api/dashboard?" + FILTER.substring(1), manager);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static long stageCount(JsonNode figures, String stage) {
        for (JsonNode t : figures.get("turnaround")) {
            if (t.get("stage").asText().equals(stage)) {
                return t.get("count").asLong();
            }
        }
        throw new AssertionError("no stage " + stage);
    }

    private static long handled(JsonNode figures, String user) {
        for (JsonNode w : figures.get("workload")) {
            if (w.get("username").asText().equals(user)) {
                return w.get("handledInPeriod").asLong();
            }
        }
        return 0;
    }

    private List<String> drill(String manager, String params) {
        Response r = get("/api/dashboard/referrals?size=200" + FILTER + params, manager);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.raw()).doesNotContain(name);
        List<String> ids = new ArrayList<>();
        r.body().get("items").forEach(i -> ids.add(i.get("referralId").asText()));
        assertThat(r.body().get("total").asLong()).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void figuresFollowReferralsWorkedThroughTheApiAndDrillDownToThem() {
        String manager = token("manager.tsang");
        JsonNode before = figures(manager);
        String accepted = send();
        String declined = send();
        triage(accepted, Map.of("decision", "ACCEPT"));
        triage(declined, Map.of("decision", "DECLINE", "declineReasonCode", "DUPLICATE", "declineReason",
                "Not indicated for " + name));

        JsonNode after = figures(manager);
        assertThat(after.get("institution").asText()).isEqualTo("HSC");
        JsonNode o0 = before.get("outcomes");
        JsonNode o1 = after.get("outcomes");
        assertThat(o1.get("received").asLong() - o0.get("received").asLong()).isEqualTo(2);
        assertThat(o1.get("triaged").asLong() - o0.get("triaged").asLong()).isEqualTo(2);
        assertThat(o1.get("accepted").asLong() - o0.get("accepted").asLong()).isEqualTo(1);
        assertThat(o1.get("declined").asLong() - o0.get("declined").asLong()).isEqualTo(1);
        assertThat(o1.get("declineRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(stageCount(after, "TRIAGE") - stageCount(before, "TRIAGE")).isEqualTo(2);
        assertThat(after.get("turnaround").get(0).get("medianHours").isNumber()).isTrue();
        assertThat(handled(after, "coord.wong") - handled(before, "coord.wong")).isEqualTo(2);
        assertThat(after.get("openByAge")).hasSize(6);
        assertThat(volume(after.get("declinesByReason"), "DUPLICATE") - volume(before.get("declinesByReason"),
                "DUPLICATE")).isEqualTo(1);
        JsonNode c0 = before.get("consents");
        JsonNode c1 = after.get("consents");
        assertThat(c1.get("received").asLong() - c0.get("received").asLong()).isEqualTo(2);
        assertThat(c1.get("granted").asLong() - c0.get("granted").asLong()).as("both were sent with consent")
                .isEqualTo(2);
        assertThat(c1.get("grantRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(after.get("stepBreaches").isArray()).isTrue();
        assertThat(after.get("breaches").get(0).get("stage").asText()).isEqualTo("TRIAGE");
        assertThat(after.toString()).doesNotContain(name);

        assertThat(drill(manager, "&figure=received")).contains(accepted, declined);
        assertThat(drill(manager, "&figure=declined")).contains(declined).doesNotContain(accepted);
        assertThat(drill(manager, "&figure=declined&reason=DUPLICATE")).contains(declined);
        assertThat(drill(manager, "&figure=declined&reason=OTHER")).doesNotContain(declined);
        assertThat(drill(manager, "&figure=consent-granted")).contains(accepted, declined);
        assertThat(drill(manager, "&figure=accepted")).contains(accepted).doesNotContain(declined);
        assertThat(drill(manager, "&figure=stage&stage=triage")).contains(accepted, declined);
        assertThat(drill(manager, "&figure=handled&user=coord.wong")).contains(accepted, declined);
        assertThat(drill(manager, "&figure=received&sending=LRH")).doesNotContain(accepted, declined);
        Response one = get("/api/dashboard/referrals?figure=declined" + FILTER + "&size=200", manager);
        JsonNode row = null;
        for (JsonNode item : one.body().get("items")) {
            if (item.get("referralId").asText().equals(declined)) {
                row = item;
            }
        }
        assertThat(row).isNotNull();
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsOnly("referralId", "status", "specialty", "urgency", "sendingInstitution",
                "receivedAt", "triagedAt", "closedAt", "declineReason");
        assertThat(row.get("status").asText()).isEqualTo("DECLINED");
        assertThat(row.get("declineReason").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void badInputIsAProblemNamingEveryFieldAndNoFigures() {
        String manager = token("manager.tsang");
        Response reversed = get("/api/dashboard?from=2026-03-01&to=2026-02-01", manager);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        assertThat(fields(reversed)).containsExactly("to");
        assertThat(reversed.raw()).contains("reversed").doesNotContain("turnaround");

        Response tooLong = get("/api/dashboard?from=2020-01-01&to=2026-01-01", manager);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.raw()).contains("at most 366 days");

        Response unknown = get("/api/dashboard?from=yesterday&specialty=PLUMBING&urgency=SOON", manager);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("from", "specialty", "urgency");

        Response drill = get("/api/dashboard/referrals?to=2000-01-01&figure=everything&band=old&size=0", manager);
        assertThat(drill.status()).isEqualTo(400);
        assertThat(fields(drill)).containsExactly("to", "figure", "band", "size");
    }

    @Test
    void onlyManagersMayAsk() {
        for (String user : List.of("coord.wong", "dr.lee", "gp.chan", "auditor.yip", "sysadmin", "metrics")) {
            assertThat(get("/api/dashboard", token(user)).status()).as(user).isEqualTo(403);
            assertThat(get("/api/dashboard/referrals?figure=received", token(user)).status()).as(user)
                    .isEqualTo(403);
        }
        assertThat(get("/api/dashboard", null).status()).isEqualTo(401);
    }

    private static long volume(JsonNode volumes, String key) {
        for (JsonNode v : volumes) {
            if (v.get("key").asText().equals(key)) {
                return v.get("count").asLong();
            }
        }
        return 0;
    }

    private static List<String> fields(Response r) {
        List<String> fields = new ArrayList<>();
        r.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
