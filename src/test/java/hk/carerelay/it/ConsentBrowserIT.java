package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import hk.carerelay.it.pages.ConsentCapturePage;
import hk.carerelay.it.pages.LoginPage;

/**
 * The referring doctor captures a patient's consent in a real headless Chromium: draws the signature on the canvas
 * with the mouse and records it; the receiving coordinator then sees the clinical part, which they did not before.
 */
class ConsentBrowserIT extends ApiTestSupport {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private Playwright playwright;
    private Browser browser;
    private Page page;

    @BeforeEach
    void startBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) || System.getenv("CI") != null,
                "Debian's chromium is not installed");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        page = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB").setViewportSize(1400, 900))
                .newPage();
        page.setDefaultTimeout(30_000);
    }

    @AfterEach
    void stopBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

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
