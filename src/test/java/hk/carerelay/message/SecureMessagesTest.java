package hk.carerelay.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.referral.EmergencyAccess;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * A referral's message thread between the clinic and the hospital: who may read and write, what is stored, the
 * receipts and unread counts, the attachment that waits for release, notifications and audit entries.
 */
@ApplicationTest
class SecureMessagesTest {

    private static final String QUESTION = "Is the chest pain still only on exertion? Any syncope since the referral?";
    private static final String ANSWER = "Only on exertion, no syncope. Her daughter can bring the old ECGs.";

    @Autowired
    SecureMessages messages;
    @Autowired
    ReferralService referrals;
    @Autowired
    ClinicalDocuments documents;
    @Autowired
    EmergencyAccess emergencyAccess;
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
    CareRelayUser coordinator;
    String referralId;

    @BeforeEach
    void aReferralToCardiology() {
        gp = user("gp.chan");
        cardiologist = user("dr.lee");
        coordinator = user("coord.wong");
        referralId = send("CARDIOLOGY");
    }

    private String send(String specialty) {
        return referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient("A123456(3)", "Chan Tai Man",
                "1960-01-01"), "HSC", specialty, "ROUTINE", "Exertional chest pain", "Summary for messages.")).id();
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }

    private long unread(CareRelayUser user) {
        return messages.unread(user).in(CaseType.REFERRAL, referralId);
    }

    private long auditEntries(String action, String username, String objectType) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = ? AND username = ? AND referral_id = ?
                  AND object_type = ? AND patient_id IS NOT NULL""")
                .params(action, username, referralId, objectType).query(Long.class).single();
    }

    @Test
    void senderAndReceiverTalkWithReceiptsAndUnreadCounts() {
        Message question = messages.post(gp, CaseType.REFERRAL, referralId, "  " + QUESTION + "\n", null);
        assertThat(question.body()).isEqualTo(QUESTION);
        assertThat(unread(gp)).as("one's own message is never unread").isZero();
        assertThat(unread(cardiologist)).isEqualTo(1);
        assertThat(unread(coordinator)).isEqualTo(1);
        long totalBefore = messages.unread(cardiologist).total();

        MessageThread read = messages.thread(cardiologist, CaseType.REFERRAL, referralId);
        assertThat(read.mayWrite()).isTrue();
        assertThat(read.emergencyAccess()).isFalse();
        assertThat(read.messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(QUESTION);
            assertThat(m.author()).isEqualTo("gp.chan");
            assertThat(m.unread()).as("unread until this reading").isTrue();
            assertThat(m.readBy()).extracting(Message.Receipt::username).containsExactly("dr.lee");
        });
        assertThat(unread(cardiologist)).isZero();
        assertThat(messages.unread(cardiologist).total()).isEqualTo(totalBefore - 1);
        assertThat(messages.thread(cardiologist, CaseType.REFERRAL, referralId).messages().get(0).unread()).isFalse();
        assertThat(unread(coordinator)).as("the coordinator has not read it yet").isEqualTo(1);

        messages.post(cardiologist, CaseType.REFERRAL, referralId, ANSWER, null);
        assertThat(unread(gp)).isEqualTo(1);
        MessageThread seenBySender = messages.thread(gp, CaseType.REFERRAL, referralId);
        assertThat(seenBySender.messages()).extracting(Message::body).containsExactly(QUESTION, ANSWER);
        assertThat(seenBySender.messages().get(0).readBy()).extracting(Message.Receipt::username)
                .containsExactly("dr.lee");
        assertThat(seenBySender.messages().get(0).readBy().get(0).readAt()).isNotNull();
        assertThat(seenBySender.messages().get(1).readBy()).extracting(Message.Receipt::username)
                .containsExactly("gp.chan");
        assertThat(unread(gp)).isZero();

        assertThat(auditEntries("CREATE", "gp.chan", "Message")).isEqualTo(1);
        assertThat(auditEntries("CREATE", "dr.lee", "Message")).isEqualTo(1);
        assertThat(auditEntries("VIEW", "dr.lee", "MessageThread")).isEqualTo(2);
        assertThat(auditEntries("VIEW", "gp.chan", "MessageThread")).isEqualTo(1);
    }

    @Test
    void theOtherSideIsNotifiedWithoutTheText() {
        messages.post(gp, CaseType.REFERRAL, referralId, QUESTION, null);
        List<Notification> forCoordinator = notifications.forUser(coordinator, 50).stream()
                .filter(n -> referralId.equals(n.referralId()) && n.messageKey().equals("notification.message.received"))
                .toList();
        assertThat(forCoordinator).singleElement().satisfies(n -> {
            assertThat(n.messageArgs()).containsExactly("gp.chan", "CARDIOLOGY");
            assertThat(n.recipient()).isEqualTo("HSC-COORDINATOR");
        });
        assertThat(notifications.forUser(cardiologist, 50)).filteredOn(n -> referralId.equals(n.referralId()))
                .extracting(Notification::recipient).contains("HSC-SPECIALIST-CARDIOLOGY");

        messages.post(cardiologist, CaseType.REFERRAL, referralId, ANSWER, null);
        assertThat(notifications.forUser(gp, 50)).filteredOn(n -> referralId.equals(n.referralId())
                && n.messageKey().equals("notification.message.received"))
                .singleElement().satisfies(n -> {
                    assertThat(n.recipient()).isEqualTo("gp.chan");
                    assertThat(n.messageArgs()).containsExactly("dr.lee", "CARDIOLOGY");
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE message_args LIKE ? OR message_args LIKE ?")
                .params("%exertion%", "%syncope%").query(Long.class).single()).isZero();
    }

    @Test
    void outsidersGetNotFoundAndRolesWithoutTheSectionAreRefused() {
        messages.post(gp, CaseType.REFERRAL, referralId, QUESTION, null);
        CareRelayUser otherHospital = user("dr.kwok");
        CareRelayUser internOfAnotherDepartment = user("intern.lam");
        for (CareRelayUser outsider : List.of(otherHospital, internOfAnotherDepartment)) {
            assertThatThrownBy(() -> messages.thread(outsider, CaseType.REFERRAL, referralId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> messages.post(outsider, CaseType.REFERRAL, referralId, "Hello", null))
                    .isInstanceOf(NotFoundException.class);
            assertThat(messages.unread(outsider).in(CaseType.REFERRAL, referralId)).isZero();
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM audit_event WHERE action = 'ACCESS_DENIED' AND username = ? AND object_id = ?""")
                    .params(outsider.username(), referralId).query(Long.class).single()).isGreaterThanOrEqualTo(2);
        }
        for (String role : List.of("admin.ng", "manager.tsang")) {
            CareRelayUser user = user(role);
            assertThatThrownBy(() -> messages.thread(user, CaseType.REFERRAL, referralId)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> messages.post(user, CaseType.REFERRAL, referralId, "Hello", null))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(messages.unread(user).in(CaseType.REFERRAL, referralId)).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE case_id = ?").param(referralId).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void anInternOfTheDepartmentReadsButDoesNotWrite() {
        String endocrinology = send("ENDOCRINOLOGY");
        messages.post(gp, CaseType.REFERRAL, endocrinology, QUESTION, null);
        CareRelayUser intern = user("intern.lam");
        assertThat(messages.unread(intern).in(CaseType.REFERRAL, endocrinology)).isEqualTo(1);
        MessageThread thread = messages.thread(intern, CaseType.REFERRAL, endocrinology);
        assertThat(thread.mayWrite()).isFalse();
        assertThat(thread.messages()).extracting(Message::body).containsExactly(QUESTION);
        assertThatThrownBy(() -> messages.post(intern, CaseType.REFERRAL, endocrinology, "Noted", null))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void emergencyAccessReadsWithoutReceiptsAndNeverWrites() {
        messages.post(gp, CaseType.REFERRAL, referralId, QUESTION, null);
        CareRelayUser kwok = user("dr.kwok");
        emergencyAccess.open(kwok, referralId, "Patient collapsed in our emergency department, history needed now.");

        MessageThread thread = messages.thread(kwok, CaseType.REFERRAL, referralId);
        assertThat(thread.emergencyAccess()).isTrue();
        assertThat(thread.mayWrite()).isFalse();
        assertThat(thread.messages()).singleElement().satisfies(m -> assertThat(m.readBy()).isEmpty());
        assertThatThrownBy(() -> messages.post(kwok, CaseType.REFERRAL, referralId, "Hello", null)).isInstanceOf(ForbiddenException.class);
        assertThat(messages.unread(kwok).in(CaseType.REFERRAL, referralId)).as("not a participant").isZero();
        assertThat(auditEntries("BREAK_GLASS", "dr.kwok", "MessageThread")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message_read WHERE username = 'dr.kwok'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void theBodyIsStoredEncryptedAndBoundToItsThread() {
        Message posted = messages.post(gp, CaseType.REFERRAL, referralId, QUESTION, null);
        byte[] ciphertext = jdbc.sql("SELECT ciphertext FROM document_blob WHERE id = ?").param(posted.id())
                .query((rs, n) -> rs.getBytes(1)).single();
        String raw = new String(ciphertext, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("exertion").doesNotContain("syncope").doesNotContain("gp.chan");
        Map<String, Object> row = jdbc.sql("SELECT * FROM message WHERE id = ?").param(posted.id()).query().singleRow();
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains("exertion"));

        // a row moved to another referral's thread no longer opens there
        String other = send("CARDIOLOGY");
        jdbc.sql("UPDATE message SET case_id = ? WHERE id = ?").params(other, posted.id()).update();
        assertThatThrownBy(() -> messages.thread(gp, CaseType.REFERRAL, other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integrity");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'DOCUMENT_TAMPERED' AND object_id = ?")
                .param(posted.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badMessagesAreRefusedFieldByFieldAndLeaveNothingBehind() {
        String elsewhere = send("CARDIOLOGY");
        ClinicalDocuments.Document foreign = documents.upload(gp, elsewhere, "letter.txt", "LETTER",
                "Another patient's letter.".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> messages.post(gp, CaseType.REFERRAL, referralId, "   ", foreign.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("body", "documentId"));
        assertThatThrownBy(() -> messages.post(gp, CaseType.REFERRAL, referralId, "x".repeat(SecureMessages.MAX_BODY + 1), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("body", "must be at most 4000 characters")));
        assertThatThrownBy(() -> messages.post(gp, CaseType.REFERRAL, referralId, null, null)).isInstanceOf(ValidationException.class);
        assertThat(messages.post(gp, CaseType.REFERRAL, referralId, "y".repeat(SecureMessages.MAX_BODY), null).body()).hasSize(4000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE case_id = ?").param(referralId).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void theReceiverSeesAnAttachmentOnlyOnceItIsReleased() {
        ClinicalDocuments.Document letter = documents.upload(gp, referralId, "letter.txt", "LETTER",
                "Old ECG report: sinus rhythm, no ST changes.".getBytes(StandardCharsets.UTF_8));
        messages.post(gp, CaseType.REFERRAL, referralId, "The old ECG report is attached.", letter.id());

        Message before = messages.thread(cardiologist, CaseType.REFERRAL, referralId).messages().get(0);
        assertThat(before.attachment()).isNull();
        assertThat(before.attachmentPending()).isTrue();
        assertThat(messages.thread(gp, CaseType.REFERRAL, referralId).messages().get(0).attachment().documentId()).isEqualTo(letter.id());
        assertThatThrownBy(() -> messages.post(cardiologist, CaseType.REFERRAL, referralId, "Which one?", letter.id()))
                .as("the receiver cannot point at what it may not open").isInstanceOf(ValidationException.class);

        String task = taskService.createTaskQuery().processInstanceId(letter.processInstanceId()).singleResult().getId();
        tasks.complete(gp, task, Map.of("decision", "RELEASE"));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(letter.processInstanceId())
                .singleResult().getId());

        Message after = messages.thread(cardiologist, CaseType.REFERRAL, referralId).messages().get(0);
        assertThat(after.attachmentPending()).isFalse();
        assertThat(after.attachment()).isEqualTo(new Message.Attachment(letter.id(), "letter.txt", "LETTER"));
    }
}
