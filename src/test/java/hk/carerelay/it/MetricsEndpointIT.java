package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The operations endpoints over HTTP: health probes open to anyone, the Prometheus scrape only with a METRICS
 * account's token (401 without a token, 403 for any other role), other actuator endpoints refused.
 */
class MetricsEndpointIT extends ApiTestSupport {

    @Test
    void probesAreOpenAndTheScrapeIsForTheMetricsRoleOnly() {
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Response health = get(probe, null);
            assertThat(health.status()).as(probe).isEqualTo(200);
            assertThat(health.raw()).as(probe).contains("\"UP\"");
        }

        Response anonymous = get("/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(get("/actuator/prometheus", token("coord.wong")).status()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", token("sysadmin")).status()).isEqualTo(403);
        assertThat(get("/actuator/env", token("metrics")).status()).isEqualTo(403);
        assertThat(get("/actuator/env", null).status()).isEqualTo(401);

        // a completed task, so that its timer has a series
        Response sent = post("/api/referrals", token("gp.chan"), referral(newHkid(), "Metrics Patient", "CARDIOLOGY",
                "ROUTINE"));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        String coordinator = token("coord.wong");
        String triage = taskOf(coordinator, sent.body().get("id").asText(), "Task_TriageReferral");
        assertThat(post("/api/tasks/" + triage + "/complete", coordinator, Map.of("decision", "ACCEPT")).status())
                .isEqualTo(200);

        Response scrape = get("/actuator/prometheus", token("metrics"));
        assertThat(scrape.status()).as(scrape.raw()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.raw()).contains("carerelay_referrals{", "status=\"RECEIVED\"",
                "carerelay_sla_breaches_total{", "carerelay_task_completion_seconds_count{",
                "task=\"Task_TriageReferral\"", "carerelay_document_pipeline_seconds_count{", "stage=\"extraction\"",
                "jvm_memory_used_bytes", "hikaricp_connections_active");
    }
}
