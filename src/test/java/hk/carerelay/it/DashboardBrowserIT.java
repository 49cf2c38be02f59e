package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import hk.carerelay.it.pages.LoginPage;

/**
 * The manager at the dashboard in a real headless Chromium: opens it from the menu, reads the charts, and lists the
 * referrals behind a figure by clicking a table row, by the keyboard (Tab to a row, Enter), and by the workload
 * table's last cell, which lists what the user handled rather than what they hold.
 */
class DashboardBrowserIT extends BrowserTestSupport {

    @Test
    void managerReadsTheChartsAndListsTheReferralsBehindARowByMouseAndByKeyboard() {
        // today's figures hold at least one referral from the clinic, triaged by the coordinator
        String coordinator = token("coord.wong");
        String id = post("/api/referrals", token("gp.chan"), referral(newHkid(), "Dashboard Patient", "CARDIOLOGY",
                "URGENT")).body().get("id").asText();
        String triage = taskOf(coordinator, id, "Task_TriageReferral");
        assertThat(post("/api/tasks/" + triage + "/complete", coordinator, Map.of("decision", "ACCEPT")).status())
                .isEqualTo(200);

        new LoginPage(page).open(baseUrl()).signIn("manager.tsang", PASSWORD, SECRET);
        page.click("vaadin-side-nav-item[path='dashboard']");
        page.waitForSelector("#dashboard-table-received-by-sender");
        Chromium.screenshot(page, "dashboard");
        assertThat(page.locator("#dashboard-chart-turnaround svg").count()).isEqualTo(1);
        assertThat(page.locator("#dashboard-chart-received-by-week svg").count()).isEqualTo(1);
        assertThat(page.locator("#dashboard-summary").innerText()).contains("referrals received");
        assertThat(page.locator("#dashboard-drilldown-title").isVisible()).isFalse();

        // a click on the clinic's row lists its referrals
        Locator clinic = row("received-by-sender", "KEFC");
        String clinicCount = clinic.locator("td").nth(1).innerText();
        clinic.click();
        awaitTitle("Received · KEFC: " + clinicCount + " referrals");
        assertThat(page.locator("#dashboard-drilldown-page").innerText()).endsWith("(" + clinicCount + " referrals)");
        Chromium.screenshot(page, "dashboard-drilldown");

        // Tab reaches a row, Enter lists its referrals: the urgent ones of the period
        Locator urgent = row("received-by-urgency", "Urgent");
        String urgentCount = urgent.locator("td").nth(1).innerText();
        assertThat(urgent.getAttribute("tabindex")).isEqualTo("0");
        urgent.focus();
        page.keyboard().press("Enter");
        awaitTitle("Received · Urgent: " + urgentCount + " referrals");

        // the workload table: the row lists what the coordinator holds, its last cell what they handled
        Locator workload = row("workload", "coord.wong");
        List<String> cells = workload.locator("td").allInnerTexts();
        assertThat(Long.parseLong(cells.get(3))).as("handled in the period, today's triage among them").isPositive();
        workload.locator("td").last().click();
        awaitTitle("Handled by · coord.wong: " + cells.get(3) + " referrals");
        workload.locator("td").first().click();
        awaitTitle("Open, assigned to · coord.wong: " + cells.get(2) + " referrals");
        workload.locator("td").last().focus();
        page.keyboard().press("Enter");
        awaitTitle("Handled by · coord.wong: " + cells.get(3) + " referrals");
    }

    /** The figures table's row whose first cell reads {@code first}. */
    private Locator row(String table, String first) {
        Locator row = page.locator("#dashboard-table-" + table + " tbody tr").filter(new Locator.FilterOptions()
                .setHas(page.locator("td:first-child", new Page.LocatorOptions().setHasText(first))));
        assertThat(row.count()).as("%s row %s", table, first).isEqualTo(1);
        return row;
    }

    /** Waits until the list's title reads {@code text} and is scrolled into the window, where the manager looks. */
    private void awaitTitle(String text) {
        page.waitForFunction("t => { const h = document.querySelector('#dashboard-drilldown-title');"
                + " if (!h || h.offsetParent === null || h.textContent !== t) return false;"
                + " const box = h.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; }",
                text);
    }
}
