package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import hk.carerelay.it.pages.LoginPage;
import hk.carerelay.it.pages.TaskFormPage;
import hk.carerelay.it.pages.TaskListPage;

/**
 * A coordinator at work in a real headless Chromium (Debian's package; nothing is downloaded): signs in with the
 * second factor, claims a triage task, accepts the referral and signs out.
 */
class BrowserIT extends BrowserTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void coordinatorClaimsATriageTaskAndAcceptsTheReferral() {
        String gp = token("gp.chan");
        String patient = "Browser Patient " + System.nanoTime() % 100000;
        String id = post("/api/referrals", gp, referral(newHkid(), patient, "CARDIOLOGY", "URGENT"))
                .body().get("id").asText();

        TaskListPage tasks = new LoginPage(page).open(baseUrl()).signIn("coord.wong", PASSWORD, SECRET);
        assertThat(page.locator("#signed-in-user").innerText()).contains("Wong Mei Ling");

        tasks.showGroupTasks();
        assertThat(tasks.fitsItsWidth()).as("every column visible at 1,400 pixels").isTrue();
        tasks.search(patient);
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

    @Test
    void eachRoleSeesWhatThePolicySaysAndAClinicianCanBreakTheGlass() {
        String reported = jdbc.sql("SELECT id FROM referral WHERE patient_name = 'Cheung Wai Lun'").query(String.class)
                .single();
        Page admin = signedIn("admin.ng");
        admin.navigate(baseUrl() + "/referrals/" + reported);
        admin.waitForSelector("#withheld-sections");
        Chromium.screenshot(admin, "admin-staff-referral");
        assertThat(admin.locator("#referral-patient").innerText()).contains("Cheung Wai Lun");
        assertThat(admin.locator("#withheld-sections").innerText()).contains("diagnoses").contains("consultation notes");
        assertThat(admin.content()).doesNotContain("I48.91").doesNotContain("apixaban");

        Page nurse = signedIn("nurse.ho");
        nurse.navigate(baseUrl() + "/referrals/" + reported);
        nurse.waitForSelector("#referral-title");
        assertThat(nurse.content()).contains("I48.91");
        assertThat(nurse.locator("#withheld-sections").count()).isZero();

        Page intern = signedIn("intern.lam");
        intern.navigate(baseUrl() + "/referrals/" + reported);
        assertThat(intern.locator("h2").first().innerText()).isEqualTo("Referral not found");
        assertThat(intern.locator("#emergency-access").count()).as("interns cannot break the glass").isZero();
        // a page for another role reads as one that does not exist, in the application's frame, with a way back
        intern.navigate(baseUrl() + "/dashboard");
        intern.waitForSelector("#not-found");
        assertThat(intern.locator("#not-found h2").innerText()).isEqualTo("Page not available");
        assertThat(intern.locator("#not-found").innerText()).contains("'dashboard'").contains("another role");
        assertThat(intern.locator("#signed-in-user").innerText()).contains("Intern");
        intern.navigate(baseUrl() + "/no-such-page");
        intern.waitForSelector("#not-found");
        assertThat(intern.locator("#not-found").innerText()).contains("'no-such-page'");
        intern.click("#not-found a");
        intern.waitForURL("**/tasks");

        String elsewhere = post("/api/referrals", token("gp.chan"), Map.of(
                "patient", Map.of("hkid", newHkid(), "name", "Glass Patient", "dateOfBirth", "1950-05-05"),
                "receivingInstitution", "LRH", "specialty", "CARDIOLOGY", "urgency", "URGENT",
                "reason", "Syncope", "clinicalSummary", "Two faints this week; on warfarin."))
                .body().get("id").asText();
        Page cardiologist = signedIn("dr.lee");
        cardiologist.navigate(baseUrl() + "/referrals/" + elsewhere);
        cardiologist.click("#emergency-access");
        cardiologist.fill("#emergency-reason textarea", "Collapsed in our clinic; need the letter and history now.");
        Chromium.screenshot(cardiologist, "break-glass-asked");
        cardiologist.click("#emergency-open");
        cardiologist.waitForSelector("#emergency-banner");
        Chromium.screenshot(cardiologist, "break-glass-granted");
        assertThat(cardiologist.locator("#referral-title").innerText()).contains("Glass Patient");
        assertThat(cardiologist.content()).contains("on warfarin");

        Page manager = signedIn("manager.tsang");
        manager.navigate(baseUrl() + "/tasks");
        manager.waitForSelector("#task-grid");
        Chromium.screenshot(manager, "manager-review-task");
        assertThat(manager.locator("#task-grid").innerText()).contains("Review emergency access");
    }

    @Test
    void theReferringDoctorAttachesAndReleasesALetterAndTheSpecialistReadsTheRedactedPages() throws Exception {
        String referral = post("/api/referrals", token("gp.chan"), referral(newHkid(), "Document Patient",
                "CARDIOLOGY", "ROUTINE")).body().get("id").asText();
        Path letter = Files.createTempFile("letter", ".txt");
        Files.writeString(letter, """
                Dear colleague,
                Madam Document Patient, HKID C668668(9), mobile 9876 5432, e-mail doc.patient@example.com.
                Flat 8, 20/F, Block C, Lok Fu Estate, Wong Tai Sin, Kowloon.
                Palpitations for two weeks; ECG sinus rhythm; TSH 0.01 mIU/L. Impression: thyrotoxicosis (E05.9).
                """);
        Page gp = signedIn("gp.chan");
        gp.navigate(baseUrl() + "/referrals/" + referral + "/documents");
        gp.setInputFiles("#document-upload input[type=file]", letter);
        gp.waitForSelector("#document-grid");
        Chromium.screenshot(gp, "documents-uploaded");
        String documentId = jdbc.sql("SELECT id FROM clinical_document WHERE referral_id = ?").param(referral)
                .query(String.class).single();
        String task = jdbc.sql("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = (SELECT process_instance_id FROM "
                + "clinical_document WHERE id = ?)").param(documentId).query(String.class).single();
        gp.navigate(baseUrl() + "/tasks/" + task);
        gp.waitForSelector("#review-text");
        Chromium.screenshot(gp, "document-review-task");
        assertThat(gp.locator("#review-text").innerText()).contains("C668668(9)");
        new TaskFormPage(gp).choose("decision", "Release the redacted copy to the receiving team").complete();
        awaitRelease(documentId);

        Page cardiologist = signedIn("dr.lee");
        cardiologist.navigate(baseUrl() + "/documents/" + documentId);
        cardiologist.waitForSelector("img.document-page");
        cardiologist.waitForFunction("document.querySelector('img.document-page').naturalWidth > 0");
        Chromium.screenshot(cardiologist, "document-viewer-redacted");
        assertThat(cardiologist.locator("#document-variant").count()).as("no original for the receiving side").isZero();
        assertThat(get("/api/documents/" + documentId + "/text?variant=redacted", token("dr.lee")).raw())
                .doesNotContain("C668668").contains("E05.9");
    }


    private long signOuts(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = ? AND action = 'SIGN_OUT'")
                .param(username).query(Long.class).single();
    }
}
