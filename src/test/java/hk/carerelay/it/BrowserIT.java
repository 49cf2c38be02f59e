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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import hk.carerelay.it.pages.LoginPage;
import hk.carerelay.it.pages.TaskFormPage;
import hk.carerelay.it.pages.TaskListPage;

/**
 * A coordinator at work in a real headless Chromium (Debian's package; nothing is downloaded): signs in with the
 * second factor, claims a triage task, accepts the referral and signs out.
 */
class BrowserIT extends ApiTestSupport {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    @Autowired
    JdbcClient jdbc;

    private Playwright playwright;
    private Browser browser;
    private Page page;

    @BeforeEach
    void startBrowser() {
        // On a developer machine without Chromium the test is skipped; in CI (.ci/run installs Chromium) it must run.
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
    void coordinatorClaimsATriageTaskAndAcceptsTheReferral() {
        String gp = token("gp.chan");
        String patient = "Browser Patient " + System.nanoTime() % 100000;
        String id = post("/api/referrals", gp, referral(ReferralApiIT.newHkid(), patient, "CARDIOLOGY", "URGENT"))
                .body().get("id").asText();

        TaskListPage tasks = new LoginPage(page).open(baseUrl()).signIn("coord.wong", PASSWORD, SECRET);
        assertThat(page.locator("#signed-in-user").innerText()).contains("Wong Mei Ling");

        tasks.showGroupTasks().search(patient);
        assertThat(tasks.visibleTasks()).isEqualTo(1);
        tasks.claimOnlyTask().showMyTasks().search(patient);
        assertThat(tasks.visibleTasks()).isEqualTo(1);

        TaskFormPage triage = tasks.openOnlyTask();
        assertThat(triage.title()).isEqualTo("Triage referral");
        assertThat(page.locator("#referral-patient").innerText()).contains(patient);
        triage.choose("decision", "Accept").complete();

        assertThat(get("/api/referrals/" + id, gp).body().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(get("/api/referrals/" + id, gp).body().get("submissions").get(0).get("submittedBy").asText())
                .isEqualTo("coord.wong");

        long signOutsBefore = signOuts("coord.wong");
        page.click("#sign-out");
        page.waitForURL("**/login");
        page.navigate(baseUrl() + "/tasks");
        page.waitForURL("**/login");
        assertThat(signOuts("coord.wong")).isEqualTo(signOutsBefore + 1);
    }

    private long signOuts(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = ? AND action = 'SIGN_OUT'")
                .param(username).query(Long.class).single();
    }
}
