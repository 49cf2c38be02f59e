package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.access.RecordSection;
import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.workflow.TaskSubmission;

/**
 * The issue's own examples on the demo referral whose consultation is done (appointment booked, note written):
 * administrative staff see the appointment but not the diagnosis, and are told what is withheld; a nurse of the
 * department reads the diagnosis; an intern of another department does not find the referral at all.
 */
@ApplicationTest
class WithheldSectionsTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    String reported;

    @BeforeEach
    void findTheReportedReferral() {
        reported = jdbc.sql("SELECT id FROM referral WHERE patient_name = 'Cheung Wai Lun'").query(String.class).single();
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }

    @Test
    void administrativeStaffSeeTheAppointmentButNotTheDiagnosis() {
        ReferralService.Details details = referrals.details(user("admin.ng"), reported);
        assertThat(details.referral().appointmentAt()).isNotNull();
        assertThat(details.referral().patientName()).isEqualTo("Cheung Wai Lun");
        assertThat(details.referral().clinicalSummary()).isNull();
        assertThat(details.submissions()).extracting(TaskSubmission::formId)
                .doesNotContain("referral-consultation-note")
                .contains("referral-schedule-appointment");
        assertThat(details.submissions()).allSatisfy(s -> assertThat(s.values()).doesNotContainKey("diagnosis"));
        assertThat(details.withheld()).contains(RecordSection.CONSULTATION_NOTES, RecordSection.DIAGNOSES,
                RecordSection.RESULTS, RecordSection.REFERRAL_SUMMARY).doesNotContain(RecordSection.APPOINTMENTS);
    }

    @Test
    void aNurseOfTheDepartmentReadsTheDiagnosis() {
        ReferralService.Details details = referrals.details(user("nurse.ho"), reported);
        assertThat(details.withheld()).isEmpty();
        assertThat(details.submissions()).filteredOn(s -> s.formId().equals("referral-consultation-note"))
                .singleElement().satisfies(s -> assertThat(s.values().get("diagnosis").toString()).contains("I48.91"));
    }

    @Test
    void anInternOfAnotherDepartmentDoesNotFindACardiologyReferral() {
        assertThatThrownBy(() -> referrals.details(user("intern.lam"), reported)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theManagerSeesWorkflowStateNotClinicalContent() {
        ReferralService.Details details = referrals.details(user("manager.tsang"), reported);
        assertThat(details.referral().status()).isEqualTo(ReferralStatus.REPORT_SENT);
        assertThat(details.referral().reason()).isNull();
        assertThat(details.submissions()).allSatisfy(s -> assertThat(s.values())
                .doesNotContainKeys("diagnosis", "findings", "plan"));
        assertThat(details.withheld()).contains(RecordSection.CONSULTATION_NOTES, RecordSection.DIAGNOSES);
    }
}
