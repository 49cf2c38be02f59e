package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import hk.carerelay.it.pages.LoginPage;

/**
 * The receiving coordinator works from the worklists in a real headless Chromium: opens them from the menu, finds two
 * new referrals by the patient's name, reads the count on the tab, selects both and claims them in one go; the claim
 * shows in the list and in the engine.
 */
class WorklistBrowserIT extends BrowserTestSupport {

    @Test
    void coordinatorFindsTwoNewReferralsAndClaimsBothAtOnce() {
        String gp = token("gp.chan");
        String patient = "Worklist Patient " + Long.toString(System.nanoTime(), 36);
        String first = post("/api/referrals", gp, referral(newHkid(), patient, "CARDIOLOGY", "URGENT"))
                .body().get("id").asText();
        String second = post("/api/referrals", gp, referral(newHkid(), patient, "ENDOCRINOLOGY", "ROUTINE"))
                .body().get("id").asText();

        new LoginPage(page).open(baseUrl()).signIn("coord.wong", PASSWORD, SECRET);
        page.click("vaadin-side-nav-item[path='worklists']");
        page.waitForSelector("#worklist-grid");
        page.fill("#worklist-search input", patient);
        page.waitForFunction("() => document.querySelector('#worklist-for-review').textContent.includes('(2)')");
        assertThat(page.locator("#worklist-overdue").innerText()).contains("(0)");
        assertThat(page.locator("#worklist-page").innerText()).endsWith("(2 referrals)");
        assertThat(page.locator("#worklist-claim").isEnabled()).isFalse();

        // the grid's row checkboxes (the first one is the header's select-all)
        page.locator("#worklist-grid vaadin-checkbox").nth(1).click();
        page.locator("#worklist-grid vaadin-checkbox").nth(2).click();
        page.waitForFunction("() => !document.querySelector('#worklist-claim').hasAttribute('disabled')");
        Chromium.screenshot(page, "worklist-selected");
        page.click("#worklist-claim");
        page.waitForFunction("() => [...document.querySelectorAll('#worklist-grid vaadin-grid-cell-content')]"
                + ".filter(c => c.textContent.trim() === 'coord.wong').length >= 2");
        Chromium.screenshot(page, "worklist-claimed");
        assertThat(page.locator("#worklist-grid vaadin-checkbox[checked]").count())
                .as("the claimed rows are no longer selected").isZero();

        for (String id : new String[] {first, second}) {
            String triage = taskOf(token("coord.wong"), id, "Task_TriageReferral");
            assertThat(get("/api/tasks/" + triage, token("coord.wong")).body().get("assignee").asText())
                    .isEqualTo("coord.wong");
        }
    }
}
