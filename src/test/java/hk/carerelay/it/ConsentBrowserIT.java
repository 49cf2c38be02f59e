package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import hk.carerelay.it.pages.ConsentCapturePage;
import hk.carerelay.it.pages.LoginPage;

/**
 * The referring doctor captures a patient's consent in a real headless Chromium: draws the signature on the canvas
 * with the mouse and records it; the receiving coordinator then sees the clinical part, which they did not before.
 */
class ConsentBrowserIT extends BrowserTestSupport {

    @Test
    void theReferringDoctorDrawsTheSignatureAndTheRecordIsSharedOnlyThen() {
        String gp = token("gp.chan");
        String id = postReferralAwaitingConsent(gp, referral(newHkid(), "Signing Patient", "CARDIOLOGY", "ROUTINE"))
                .body().get("id").asText();
        assertThat(get("/api/referrals/" + id, token("coord.wong")).body().hasNonNull("clinicalSummary")).isFalse();

        new LoginPage(page).open(baseUrl()).signIn("gp.chan", PASSWORD, SECRET);
        ConsentCapturePage capture = new ConsentCapturePage(page).open(baseUrl(), id).decide("Agrees to share");
        capture.sign();
        assertThat(capture.canvasHasInk()).isTrue();
        capture.record();

        var consents = get("/api/consents?referral=" + id, gp).body();
        assertThat(consents.size()).isEqualTo(1);
        assertThat(consents.get(0).get("status").asText()).isEqualTo("GRANTED");
        assertThat(consents.get(0).get("witness").asText()).isEqualTo("gp.chan");
        String consent = consents.get(0).get("id").asText();
        assertThat(get("/api/consents/" + consent + "/verification", gp).body().get("signatureValid").asBoolean())
                .isTrue();
        assertThat(get("/api/referrals/" + id, token("coord.wong")).body().get("clinicalSummary").asText())
                .isEqualTo("Clinical summary for the integration test.");
    }
}
