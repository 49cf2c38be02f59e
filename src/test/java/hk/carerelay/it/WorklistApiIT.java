package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The worklist API as a coordinator's client uses it: counts, a list, bulk claim per item, saved filters, bad input. */
class WorklistApiIT extends ApiTestSupport {

    private final String name = "Worklist Api " + Long.toString(System.nanoTime(), 36);

    private String send(String specialty, String urgency) {
        Response r = post("/api/referrals", token("gp.chan"), referral(newHkid(), name, specialty, urgency));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    @Test
    void coordinatorCountsListsAndClaimsSeveralTasksWithOneFailureReported() {
        String routine = send("CARDIOLOGY", "ROUTINE");
        String urgent = send("ENDOCRINOLOGY", "URGENT");
        // a referral still waiting for the patient's consent has no triage task: not for review yet, awaiting consent
        Response waiting = postReferralAwaitingConsent(token("gp.chan"), referral(newHkid(), name, "CARDIOLOGY",
                "URGENT"));
        assertThat(waiting.status()).as(waiting.raw()).isEqualTo(201);
        String coordinator = token("coord.wong");
        String q = "&q=" + name.replace(" ", "%20");

        Response overview = get("/api/worklists?scope=organisation" + q, coordinator);
        assertThat(overview.status()).as(overview.raw()).isEqualTo(200);
        Map<String, Long> counts = new java.util.HashMap<>();
        overview.body().get("lists").forEach(l -> counts.put(l.get("list").asText(), l.get("count").asLong()));
        assertThat(counts).containsEntry("for-review", 2L).containsEntry("awaiting-booking", 0L)
                .containsEntry("awaiting-consent", 1L).hasSize(8);
        Response awaiting = get("/api/worklists/awaiting-consent?scope=organisation" + q, coordinator);
        assertThat(awaiting.body().get("items").get(0).get("referralId").asText())
                .isEqualTo(waiting.body().get("id").asText());
        assertThat(awaiting.body().get("items").get(0).hasNonNull("taskId")).as("nothing to claim").isFalse();
        assertThat(awaiting.body().get("items").get(0).get("awaitingConsent").asBoolean()).isTrue();

        Response list = get("/api/worklists/for-review?scope=organisation&size=10" + q, coordinator);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        List<String> taskIds = new ArrayList<>();
        for (JsonNode item : list.body().get("items")) {
            ids.add(item.get("referralId").asText());
            taskIds.add(item.get("taskId").asText());
            assertThat(item.get("awaitingConsent").asBoolean()).as("consent recorded").isFalse();
        }
        assertThat(ids).as("urgent first").containsExactly(urgent, routine);
        assertThat(list.body().get("total").asLong()).isEqualTo(2);

        taskIds.add("no-such-task");
        Response claim = post("/api/worklists/claim", coordinator, Map.of("taskIds", taskIds));
        assertThat(claim.status()).as(claim.raw()).isEqualTo(200);
        assertThat(claim.body().get("claimed").asInt()).isEqualTo(2);
        assertThat(claim.body().get("failed").asInt()).isEqualTo(1);
        assertThat(claim.body().get("results").get(2).get("status").asInt()).isEqualTo(404);

        Response mine = get("/api/worklists/for-review?scope=me" + q, coordinator);
        assertThat(mine.body().get("items")).hasSize(2);
        assertThat(mine.body().get("items").get(0).get("assignee").asText()).isEqualTo("coord.wong");
        Response again = post("/api/worklists/claim", token("coord.cheung"), Map.of("taskIds", taskIds.subList(0, 1)));
        assertThat(again.body().get("results").get(0).get("status").asInt())
                .as("another hospital's coordinator cannot see the task").isEqualTo(404);
    }

    @Test
    void unknownListScopeOrFilterIsAProblemNamingTheField() {
        String coordinator = token("coord.wong");
        Response unknown = get("/api/worklists/everything", coordinator);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.raw()).contains("for-review").contains("list");

        Response bad = get("/api/worklists/overdue?scope=everyone&urgency=SOON&specialty=NOSUCH&page=x", coordinator);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.raw()).contains("scope").contains("urgency").contains("specialty");
        assertThat(get("/api/worklists/overdue?size=1000", coordinator).status()).isEqualTo(400);
        assertThat(get("/api/worklists?scope=all", coordinator).status()).isEqualTo(400);
    }

    @Test
    void savedFiltersAreTheOwnersOnly() {
        String coordinator = token("coord.wong");
        Response created = post("/api/worklists/filters", coordinator, Map.of("name", name, "list", "overdue",
                "scope", "me", "urgency", "URGENT", "specialty", "CARDIOLOGY", "q", "chan"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.location()).endsWith("/api/worklists/filters/" + id);
        assertThat(get("/api/worklists/filters", coordinator).raw()).contains(id);
        assertThat(get("/api/worklists/filters", token("manager.tsang")).raw()).doesNotContain(id);
        assertThat(delete("/api/worklists/filters/" + id, token("manager.tsang")).status()).isEqualTo(404);

        Response duplicate = post("/api/worklists/filters", coordinator, Map.of("name", name, "list", "nowhere"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.raw()).contains("name").contains("list");

        assertThat(delete("/api/worklists/filters/" + id, coordinator).status()).isEqualTo(204);
        assertThat(get("/api/worklists/filters", coordinator).raw()).doesNotContain(id);
    }

    private Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE(), token);
    }
}
