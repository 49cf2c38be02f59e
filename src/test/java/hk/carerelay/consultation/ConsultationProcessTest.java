package hk.carerelay.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.access.RecordSection;
import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.TaskSubmissions;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Every path of consultation.bpmn as its users drive it: a cardiologist asks endocrinology through
 * {@link ConsultationService}, the endocrinologists answer and the requester acknowledges through the task path.
 */
@ApplicationTest
class ConsultationProcessTest {

    private static final String ANSWER = "Task_AnswerConsultation";
    private static final String ACKNOWLEDGE = "Task_AcknowledgeOpinion";
    private static final String OPINION = "Start metformin 500 mg twice daily; HbA1c in three months.";

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ConsultationService consultations;
    @Autowired
    ReferralService referrals;
    @Autowired
    ConsentService consents;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskSubmissions submissions;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    CareRelayUser gp;
    CareRelayUser cardiologist;
    CareRelayUser endocrinologist;
    CareRelayUser endocrineNurse;
    CareRelayUser intern;
    CareRelayUser manager;
    CareRelayUser otherHospital;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        gp = user("gp.chan");
        cardiologist = user("dr.lee");
        endocrinologist = user("dr.lau");
        endocrineNurse = user("nurse.ho");
        intern = user("intern.lam");
        manager = user("manager.tsang");
        otherHospital = user("dr.kwok");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void theConsultedDepartmentAnswersAndTheRequesterAcknowledges() {
        Referral referral = referral();
        long askedNotices = notices("HSC-SPECIALIST-ENDOCRINOLOGY", "notification.consultation.requested");
        long answeredNotices = notices("dr.lee", "notification.consultation.answered");
        Consultation asked = ask(referral, "ROUTINE", List.of("REFERRAL_SUMMARY"));
        assertThat(notices("HSC-SPECIALIST-ENDOCRINOLOGY", "notification.consultation.requested"))
                .as("the consulted department is told").isEqualTo(askedNotices + 1);
        ProcessInstance process = process(asked);
        assertThat(process).isWaitingAtExactly(ANSWER);
        assertThat(asked.status()).isEqualTo(ConsultationStatus.REQUESTED);

        assertThat(taskIds(endocrinologist, asked)).as("the consulted department's doctors see it").hasSize(1);
        assertThat(taskIds(endocrineNurse, asked)).as("nurses of the department do not answer").isEmpty();
        assertThat(taskIds(intern, asked)).isEmpty();
        assertThat(taskIds(cardiologist, asked)).as("the requester waits; the answer is not theirs").isEmpty();

        TaskView answer = task(endocrinologist, asked, ANSWER);
        assertThat(answer.due()).as("routine SLA from configuration: five days")
                .isEqualTo(ClockUtil.now().toInstant().plus(Duration.ofDays(5)));
        tasks.complete(endocrinologist, answer.id(), Map.of("opinion", OPINION, "recommendation", "ADVICE_ONLY"));
        assertThat(process).hasPassed("Task_RecordOpinion").isWaitingAtExactly(ACKNOWLEDGE);
        assertThat(consultations.get(cardiologist, asked.id()).status()).isEqualTo(ConsultationStatus.ANSWERED);
        assertThat(notices("dr.lee", "notification.consultation.answered")).as("the requester is told")
                .isEqualTo(answeredNotices + 1);

        var stored = submissions.latest(asked.id(), ANSWER).orElseThrow().values();
        assertThat(stored).as("the opinion is sealed, not kept in the submission table").doesNotContainKey("opinion")
                .containsEntry("recommendation", "ADVICE_ONLY").containsKey("opinionSealedIn");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task_submission WHERE values_json LIKE '%metformin%'")
                .query(Long.class).single()).isZero();

        ConsultationService.Details details = consultations.details(cardiologist, asked.id());
        assertThat(details.opinion()).isEqualTo(OPINION);
        assertThat(details.question()).contains("HbA1c 9.1");
        assertThat(details.consultation().answeredBy()).isEqualTo("dr.lau");

        TaskView acknowledge = task(cardiologist, asked, ACKNOWLEDGE);
        assertThat(acknowledge.assignee()).isEqualTo("dr.lee");
        tasks.complete(cardiologist, acknowledge.id(), Map.of("acknowledged", true));
        assertThat(process).hasPassed("Task_CloseConsultation").isEnded();
        assertThat(consultations.get(cardiologist, asked.id()).status()).isEqualTo(ConsultationStatus.COMPLETED);
    }

    @Test
    void theRequesterMayCancelUntilTheOpinionIsWritten() {
        Consultation asked = ask(referral(), "URGENT", List.of());
        ProcessInstance process = process(asked);
        assertThatThrownBy(() -> consultations.cancel(endocrinologist, asked.id()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(consultations.cancel(cardiologist, asked.id()).status()).isEqualTo(ConsultationStatus.CANCELLED);
        assertThat(process).hasPassed("Task_RecordConsultationCancellation").isEnded();
        assertThat(taskIds(endocrinologist, asked)).isEmpty();

        Consultation answered = ask(referral(), "URGENT", List.of());
        tasks.complete(endocrinologist, task(endocrinologist, answered, ANSWER).id(),
                Map.of("opinion", OPINION, "recommendation", "WILL_REVIEW"));
        assertThatThrownBy(() -> consultations.cancel(cardiologist, answered.id()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyTheRequesterAndTheConsultedDoctorsReadIt() {
        Consultation asked = ask(referral(), "ROUTINE", List.of("REFERRAL_SUMMARY"));
        assertThat(consultations.details(endocrinologist, asked.id()).question()).contains("HbA1c");
        for (CareRelayUser outsider : List.of(gp, endocrineNurse, intern, manager, otherHospital)) {
            assertThatThrownBy(() -> consultations.details(outsider, asked.id())).as(outsider.username())
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(consultations.list(endocrinologist, "department")).extracting(Consultation::id)
                .contains(asked.id());
        assertThat(consultations.list(cardiologist, "mine")).extracting(Consultation::id).contains(asked.id());
        assertThat(consultations.list(endocrineNurse, "department")).extracting(Consultation::id)
                .doesNotContain(asked.id());
        long reads = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE object_id = ? AND action = 'VIEW'")
                .param(asked.id()).query(Long.class).single();
        assertThat(reads).as("every read is audited").isEqualTo(1);
    }

    @Test
    void theConsultedSideReadsOnlyTheSharedSectionsOfTheReferral() {
        Referral referral = referral();
        Referral summaryOnly = consultations.details(endocrinologist,
                ask(referral, "ROUTINE", List.of("REFERRAL_SUMMARY")).id()).sharedReferral();
        assertThat(summaryOnly.reason()).isEqualTo("Exertional chest tightness");
        assertThat(summaryOnly.patientName()).as("demographics were not shared").isNull();

        Referral both = consultations.details(endocrinologist,
                ask(referral, "ROUTINE", List.of("REFERRAL_SUMMARY", "DEMOGRAPHICS")).id()).sharedReferral();
        assertThat(both.patientName()).isEqualTo("Chan Tai Man");

        assertThat(consultations.details(endocrinologist, ask(referral, "ROUTINE", List.of()).id()).sharedReferral())
                .as("nothing shared, nothing shown").isNull();
        long sharedReads = jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE object_id = ? AND username = 'dr.lau' AND action = 'VIEW'
                AND record_section = 'REFERRAL_SUMMARY'""").param(referral.id()).query(Long.class).single();
        assertThat(sharedReads).as("reads of shared sections are audited on the referral").isEqualTo(1);
    }

    @Test
    void aConsultationPassesOnNoClinicalSectionBeforeThePatientConsents() {
        String hkid = ConsentFixtures.newHkid();
        Referral unconsented = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient(hkid, "Yeung Siu Fong", "1966-08-09"), "HSC", "CARDIOLOGY", "ROUTINE",
                "Breathless on exertion", "Ankle swelling for two weeks; BNP pending."));
        String asked = ask(unconsented, "ROUTINE", List.of("REFERRAL_SUMMARY", "DIAGNOSES")).id();
        assertThat(consultations.details(endocrinologist, asked).sharedReferral())
                .as("no consent, so nothing clinical reaches the consulted department").isNull();
        assertThat(consultations.details(cardiologist, asked).sharedReferral())
                .as("nor the requester, through the consultation").isNull();

        ConsentFixtures.consentToShare(consents, gp, unconsented.id());
        Referral shared = consultations.details(endocrinologist, asked).sharedReferral();
        assertThat(shared).isNotNull();
        assertThat(shared.reason()).isEqualTo("Breathless on exertion");
    }

    @Test
    void theRequestFormOffersExactlyTheShareableSections() {
        assertThat(consultations.form().field("sharedSections").orElseThrow().options())
                .extracting(hk.carerelay.form.FormField.Option::value)
                .containsExactlyInAnyOrderElementsOf(ConsultationService.SHAREABLE.stream().map(Enum::name).toList());
    }

    @Test
    void badRequestsAreRefusedAndLeaveNothingBehind() {
        long before = jdbc.sql("SELECT COUNT(*) FROM consultation").query(Long.class).single();
        assertThatThrownBy(() -> consultations.request(endocrineNurse, new ConsultationRequest("CARDIOLOGY",
                "ROUTINE", "Question", null, null, "A123456(3)"))).isInstanceOf(ForbiddenException.class);
        assertThat(fieldsOf(() -> consultations.request(cardiologist, new ConsultationRequest("CARDIOLOGY", "SOON",
                " ", null, List.of("DIAGNOSES"), null))))
                .containsExactlyInAnyOrder("consultedDepartment", "urgency", "question", "sharedSections",
                        "patientHkid");
        assertThat(fieldsOf(() -> consultations.request(otherHospital, new ConsultationRequest("ENDOCRINOLOGY",
                "ROUTINE", "Question", referral().id(), List.of("AUDIT"), null))))
                .containsExactlyInAnyOrder("referralId", "sharedSections");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consultation").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aStandaloneConsultationNamesARegisteredPatient() {
        referral();
        Consultation asked = consultations.request(cardiologist, new ConsultationRequest("ENDOCRINOLOGY", "ROUTINE",
                "Thyroid nodule on echo: please advise.", null, null, "A123456(3)"));
        assertThat(asked.referralId()).isNull();
        assertThat(asked.patientName()).isEqualTo("Chan Tai Man");
        assertThat(consultations.details(endocrinologist, asked.id()).sharedReferral()).isNull();
    }

    // ---- helpers ----

    private long notices(String recipient, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient = ? AND message_key = ?")
                .params(recipient, key).query(Long.class).single();
    }

    private Referral referral() {
        return referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Chan Tai Man", "1958-03-14"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Exertional chest tightness", "Hypertension on amlodipine; resting ECG normal."));
    }

    private Consultation ask(Referral referral, String urgency, List<String> shared) {
        return consultations.request(cardiologist, new ConsultationRequest("ENDOCRINOLOGY", urgency,
                "New diabetes, HbA1c 9.1: please advise on treatment before angiography.", referral.id(), shared,
                null));
    }

    private ProcessInstance process(Consultation c) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(c.id())
                .singleResult();
        assertThat(instance).as("process of consultation %s", c.id()).isNotNull();
        return instance;
    }

    private List<String> taskIds(CareRelayUser user, Consultation c) {
        return tasks.tasksFor(user).stream().filter(t -> c.id().equals(t.summary().caseId())).map(TaskView::id)
                .toList();
    }

    private TaskView task(CareRelayUser user, Consultation c, String taskKey) {
        return tasks.openTasksOfCase(user, c.id()).stream().filter(t -> t.taskKey().equals(taskKey)).findFirst()
                .orElseThrow(() -> new AssertionError(taskKey + " not open for " + user.username()));
    }

    private static List<String> fieldsOf(Runnable action) {
        ValidationException e = catchThrowableOfType(ValidationException.class, action::run);
        assertThat(e).as("a validation error").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }
}
