package hk.carerelay.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.access.Access;
import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.consultation.ConsultationRequest;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.discharge.DischargeFixtures;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The threads of a consultation (the requesting cardiologist and the endocrinologists asked) and of a discharge
 * handover (the hospital's doctors and the family doctor): who may read and write, what is stored, receipts and
 * unread counts per case type, what a message may point at, notifications and audit entries.
 */
@ApplicationTest
class CaseThreadsTest {

    private static final String QUESTION = "Her HbA1c went from 7.1 to 9.4 on the new steroid course: adjust insulin?";
    private static final String ANSWER = "Add 6 units of glargine at night and recheck fasting glucose in a week.";

    @Autowired
    SecureMessages messages;
    @Autowired
    ReferralService referrals;
    @Autowired
    ConsultationService consultations;
    @Autowired
    DischargeHandovers handovers;
    @Autowired
    ClinicalDocuments documents;
    @Autowired
    ConsentService consents;
    @Autowired
    Notifications notifications;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    CareRelayUser gp;
    CareRelayUser cardiologist;
    CareRelayUser endocrinologist;
    String referralId;

    @BeforeEach
    void aReferralToCardiology() {
        gp = user("gp.chan");
        cardiologist = user("dr.lee");
        endocrinologist = user("dr.lau");
        referralId = referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient(ConsentFixtures.newHkid(),
                "Thread Patient", "1958-04-04"), "HSC", "CARDIOLOGY", "ROUTINE", "Chest pain",
                "Summary for case threads.")).id();
        ConsentFixtures.consentToShare(consents, gp, referralId);
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }

    private String consultation(List<String> sharedSections) {
        return consultations.request(cardiologist, new ConsultationRequest("ENDOCRINOLOGY", "ROUTINE",
                "Glucose control before angiography?", referralId, sharedSections, null)).id();
    }

    private String handover() {
        return handovers.start(cardiologist, DischargeFixtures.request("gp.chan", null,
                DischargeFixtures.summary(LocalDate.now(HongKongTime.ZONE), List.of(), List.of()))).id();
    }

    private long audited(String action, String username, String objectType, String objectId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = ? AND username = ? AND object_type = ?
                  AND object_id = ?""")
                .params(action, username, objectType, objectId).query(Long.class).single();
    }

    private long auditedWithPatient(String action, String username, String objectType, String objectId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = ? AND username = ? AND object_type = ?
                  AND object_id = ? AND patient_id IS NOT NULL""")
                .params(action, username, objectType, objectId).query(Long.class).single();
    }

    private List<Notification> notices(CareRelayUser user, String key) {
        return notifications.forUser(user, 100).stream().filter(n -> n.messageKey().equals(key)).toList();
    }

    // ---- consultations ----

    @Test
    void theRequesterAndTheConsultedDepartmentTalkWithReceiptsAndUnreadCounts() {
        String id = consultation(List.of("REFERRAL_SUMMARY"));
        long lastNotice = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM notification").query(Long.class).single();
        Message question = messages.post(cardiologist, CaseType.CONSULTATION, id, QUESTION, null);
        assertThat(question.body()).isEqualTo(QUESTION);
        assertThat(messages.unread(cardiologist).in(CaseType.CONSULTATION, id)).isZero();
        assertThat(messages.unread(endocrinologist).in(CaseType.CONSULTATION, id)).isEqualTo(1);
        assertThat(messages.unread(endocrinologist).threads()).filteredOn(t -> t.caseId().equals(id))
                .extracting(UnreadMessages.Thread::caseType).containsExactly(CaseType.CONSULTATION);
        assertThat(messages.unread(endocrinologist).in(CaseType.REFERRAL, id)).as("keyed by case type").isZero();
        assertThat(messages.access(endocrinologist, CaseType.CONSULTATION, id)).isEqualTo(Access.WRITE);

        MessageThread read = messages.thread(endocrinologist, CaseType.CONSULTATION, id);
        assertThat(read.caseType()).isEqualTo(CaseType.CONSULTATION);
        assertThat(read.mayWrite()).isTrue();
        assertThat(read.emergencyAccess()).isFalse();
        assertThat(read.messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(QUESTION);
            assertThat(m.unread()).isTrue();
            assertThat(m.readBy()).extracting(Message.Receipt::username).containsExactly("dr.lau");
        });
        assertThat(messages.unread(endocrinologist).in(CaseType.CONSULTATION, id)).isZero();

        messages.post(endocrinologist, CaseType.CONSULTATION, id, ANSWER, null);
        assertThat(messages.unread(cardiologist).in(CaseType.CONSULTATION, id)).isEqualTo(1);
        MessageThread seenByRequester = messages.thread(cardiologist, CaseType.CONSULTATION, id);
        assertThat(seenByRequester.messages()).extracting(Message::body).containsExactly(QUESTION, ANSWER);
        assertThat(seenByRequester.messages().get(0).readBy()).extracting(Message.Receipt::username)
                .containsExactly("dr.lau");
        assertThat(seenByRequester.messages().get(1).readBy()).extracting(Message.Receipt::username)
                .containsExactly("dr.lee");

        assertThat(notices(endocrinologist, "notification.message.consultation"))
                .filteredOn(n -> n.id() > lastNotice).singleElement().satisfies(n -> {
                    assertThat(n.recipient()).isEqualTo("HSC-SPECIALIST-ENDOCRINOLOGY");
                    assertThat(n.referralId()).isNull();
                    assertThat(n.messageArgs()).containsExactly("dr.lee", "ENDOCRINOLOGY");
                });
        assertThat(notices(cardiologist, "notification.message.consultation"))
                .filteredOn(n -> n.id() > lastNotice).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("dr.lee"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE message_args LIKE ? OR message_args LIKE ?")
                .params("%HbA1c%", "%glargine%").query(Long.class).single()).isZero();

        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = 'CREATE' AND object_type = 'Message'
                  AND referral_id = ? AND patient_id IS NOT NULL AND detail LIKE ?""")
                .params(referralId, "in consultation " + id + ",%").query(Long.class).single()).isEqualTo(2);
        assertThat(auditedWithPatient("VIEW", "dr.lau", "MessageThread", id)).isEqualTo(1);
        assertThat(auditedWithPatient("VIEW", "dr.lee", "MessageThread", id)).isEqualTo(1);
    }

    @Test
    void onlyTheConsultationsDoctorsTakePart() {
        String id = consultation(List.of());
        messages.post(cardiologist, CaseType.CONSULTATION, id, QUESTION, null);
        // outside the consultation's scope: another department's nurse, the family doctor, another hospital
        for (String outsider : List.of("nurse.ho", "gp.chan", "dr.kwok", "coord.wong")) {
            CareRelayUser user = user(outsider);
            assertThatThrownBy(() -> messages.thread(user, CaseType.CONSULTATION, id))
                    .as(outsider).isInstanceOf(NotFoundException.class).hasMessage("No consultation " + id + ".");
            assertThatThrownBy(() -> messages.post(user, CaseType.CONSULTATION, id, "Hello", null))
                    .as(outsider).isInstanceOf(NotFoundException.class);
            assertThat(messages.unread(user).in(CaseType.CONSULTATION, id)).isZero();
            assertThat(messages.access(user, CaseType.CONSULTATION, id)).isEqualTo(Access.DENY);
            assertThat(audited("ACCESS_DENIED", outsider, "Consultation", id)).as(outsider).isEqualTo(2);
        }
        // in the consulted department, but the policy gives interns nothing of a consultation
        CareRelayUser intern = user("intern.lam");
        assertThatThrownBy(() -> messages.thread(intern, CaseType.CONSULTATION, id))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> messages.post(intern, CaseType.CONSULTATION, id, "Hello", null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(messages.unread(intern).in(CaseType.CONSULTATION, id)).isZero();
        assertThat(audited("ACCESS_DENIED", "intern.lam", "MessageThread", id)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE case_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
        assertThatThrownBy(() -> messages.thread(cardiologist, CaseType.CONSULTATION, "no-such-consultation"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aConsultationMessagePointsAtTheReferralsDocumentsOnlyIfTheRequestSharedThem() {
        ClinicalDocuments.Document letter = documents.upload(gp, referralId, "echo.txt", "LETTER",
                "Echo: ejection fraction 45 percent.".getBytes(StandardCharsets.UTF_8));
        String task = taskService.createTaskQuery().processInstanceId(letter.processInstanceId()).singleResult()
                .getId();
        tasks.complete(gp, task, Map.of("decision", "RELEASE"));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(letter.processInstanceId())
                .singleResult().getId());

        String withoutDocuments = consultation(List.of("REFERRAL_SUMMARY"));
        assertThat(messages.attachable(cardiologist, CaseType.CONSULTATION, withoutDocuments)).isEmpty();
        assertThatThrownBy(() -> messages.post(cardiologist, CaseType.CONSULTATION, withoutDocuments,
                "See the echo.", letter.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("documentId",
                                "cannot be attached: this consultation shares no documents of a referral")));

        String withDocuments = consultation(List.of("REFERRAL_SUMMARY", "DOCUMENTS"));
        assertThat(messages.attachable(cardiologist, CaseType.CONSULTATION, withDocuments))
                .extracting(ClinicalDocuments.Document::id).containsExactly(letter.id());
        messages.post(cardiologist, CaseType.CONSULTATION, withDocuments, "See the echo.", letter.id());
        assertThat(messages.thread(endocrinologist, CaseType.CONSULTATION, withDocuments).messages())
                .singleElement().satisfies(m -> {
                    assertThat(m.attachment()).isEqualTo(new Message.Attachment(letter.id(), "echo.txt", "LETTER"));
                    assertThat(m.attachmentPending()).isFalse();
                });
        assertThatThrownBy(() -> messages.post(cardiologist, CaseType.CONSULTATION, withDocuments, "And this?",
                "not-a-document"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("documentId",
                                "is not a document of this consultation's referral that you can open")));
    }

    // ---- discharge handovers ----

    @Test
    void theHospitalAndTheFamilyDoctorTalkAboutAHandover() {
        String id = handover();
        assertThat(messages.access(gp, CaseType.DISCHARGE, id)).as("the family doctor reads the handover and writes")
                .isEqualTo(Access.WRITE);
        Message question = messages.post(gp, CaseType.DISCHARGE, id, "Should the aspirin continue after 12 months?",
                null);
        assertThat(question.author()).isEqualTo("gp.chan");
        assertThat(messages.unread(cardiologist).in(CaseType.DISCHARGE, id)).isEqualTo(1);
        assertThat(messages.unread(endocrinologist).in(CaseType.DISCHARGE, id))
                .as("every doctor of the discharging hospital takes part").isEqualTo(1);
        assertThat(notices(cardiologist, "notification.message.discharge")).first().satisfies(n -> {
            assertThat(n.recipient()).isEqualTo("dr.lee");
            assertThat(n.messageArgs()).containsExactly("gp.chan");
        });

        MessageThread read = messages.thread(cardiologist, CaseType.DISCHARGE, id);
        assertThat(read.mayWrite()).isTrue();
        assertThat(read.messages()).singleElement().satisfies(m -> assertThat(m.unread()).isTrue());
        assertThat(messages.unread(cardiologist).in(CaseType.DISCHARGE, id)).isZero();
        assertThat(messages.unread(endocrinologist).in(CaseType.DISCHARGE, id)).as("receipts are per reader")
                .isEqualTo(1);
        messages.post(cardiologist, CaseType.DISCHARGE, id, "Yes, lifelong; clopidogrel stops at 12 months.", null);
        assertThat(messages.unread(gp).in(CaseType.DISCHARGE, id)).isEqualTo(1);
        assertThat(messages.unread(gp).threads()).filteredOn(t -> t.caseId().equals(id))
                .extracting(UnreadMessages.Thread::caseType).containsExactly(CaseType.DISCHARGE);
        MessageThread seenByGp = messages.thread(gp, CaseType.DISCHARGE, id);
        assertThat(seenByGp.messages().get(0).readBy()).extracting(Message.Receipt::username)
                .containsExactly("dr.lee");
        assertThat(auditedWithPatient("VIEW", "gp.chan", "MessageThread", id)).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = 'CREATE' AND object_type = 'Message'
                  AND patient_id IS NOT NULL AND detail LIKE ?""")
                .param("in discharge handover " + id + ",%").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void onlyTheHandoversParticipantsTakePartAndMessagesTakeNoAttachment() {
        String id = handover();
        messages.post(cardiologist, CaseType.DISCHARGE, id, "Echo booked for the 3rd.", null);
        for (String outsider : List.of("dr.kwok", "coord.cheung")) {
            CareRelayUser user = user(outsider);
            assertThatThrownBy(() -> messages.thread(user, CaseType.DISCHARGE, id)).as(outsider)
                    .isInstanceOf(NotFoundException.class).hasMessage("No discharge handover " + id + ".");
            assertThatThrownBy(() -> messages.post(user, CaseType.DISCHARGE, id, "Hello", null)).as(outsider)
                    .isInstanceOf(NotFoundException.class);
            assertThat(audited("ACCESS_DENIED", outsider, "DischargeHandover", id)).isEqualTo(2);
        }
        // the discharging hospital's staff whom the DISCHARGE section leaves out
        for (String colleague : List.of("nurse.ho", "coord.wong", "admin.ng", "manager.tsang")) {
            CareRelayUser user = user(colleague);
            assertThatThrownBy(() -> messages.thread(user, CaseType.DISCHARGE, id)).as(colleague)
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> messages.post(user, CaseType.DISCHARGE, id, "Hello", null)).as(colleague)
                    .isInstanceOf(ForbiddenException.class);
            assertThat(messages.unread(user).in(CaseType.DISCHARGE, id)).isZero();
            assertThat(audited("ACCESS_DENIED", colleague, "MessageThread", id)).isEqualTo(2);
        }
        ClinicalDocuments.Document letter = documents.upload(gp, referralId, "letter.txt", "LETTER",
                "A letter.".getBytes(StandardCharsets.UTF_8));
        assertThat(messages.attachable(gp, CaseType.DISCHARGE, id)).isEmpty();
        assertThatThrownBy(() -> messages.post(gp, CaseType.DISCHARGE, id, "See my letter.", letter.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("documentId",
                                "cannot be attached: messages about a discharge handover take no attachments")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE case_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    // ---- storage ----

    @Test
    void bodiesAreStoredEncryptedAndBoundToTheirCaseType() {
        String consultation = consultation(List.of());
        String handover = handover();
        Message inConsultation = messages.post(cardiologist, CaseType.CONSULTATION, consultation, QUESTION, null);
        Message inHandover = messages.post(gp, CaseType.DISCHARGE, handover, ANSWER, null);
        for (Message m : List.of(inConsultation, inHandover)) {
            byte[] ciphertext = jdbc.sql("SELECT ciphertext FROM document_blob WHERE id = ?").param(m.id())
                    .query((rs, n) -> rs.getBytes(1)).single();
            assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("HbA1c")
                    .doesNotContain("glargine");
            Map<String, Object> row = jdbc.sql("SELECT * FROM message WHERE id = ?").param(m.id()).query()
                    .singleRow();
            assertThat(row.values()).noneMatch(v -> v != null
                    && (v.toString().contains("HbA1c") || v.toString().contains("glargine")));
            assertThat(jdbc.sql("SELECT kind FROM document_blob WHERE id = ?").param(m.id()).query(String.class)
                    .single()).isEqualTo("MESSAGE");
        }
        assertThat(jdbc.sql("SELECT case_type FROM message WHERE id = ?").param(inConsultation.id())
                .query(String.class).single()).isEqualTo("CONSULTATION");

        // a consultation's message moved into the handover's thread does not open there
        jdbc.sql("UPDATE message SET case_type = 'DISCHARGE', case_id = ? WHERE id = ?")
                .params(handover, inConsultation.id()).update();
        assertThatThrownBy(() -> messages.thread(gp, CaseType.DISCHARGE, handover))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("integrity");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'DOCUMENT_TAMPERED' AND object_id = ?")
                .param(inConsultation.id()).query(Long.class).single()).isEqualTo(1);
    }
}
