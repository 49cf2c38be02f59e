package hk.carerelay.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.access.SharingConsents;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/**
 * Every path of consent.bpmn, driven as the clinic drives it through {@link ConsentService}: granted (and then
 * withdrawn, or expired by its timer on the engine's clock), refused; with the substitute decision maker's rules and
 * the signed form.
 */
@ApplicationTest
class ConsentProcessTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ConsentService consents;
    @Autowired
    SharingConsents sharing;
    @Autowired
    ReferralService referrals;
    @Autowired
    UserDirectory users;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;

    CareRelayUser gp;
    CareRelayUser coordinator;
    CareRelayUser otherCoordinator;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        gp = users.find("gp.chan").orElseThrow();
        coordinator = users.find("coord.wong").orElseThrow();
        otherCoordinator = users.find("coord.cheung").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void aGrantedConsentSharesTheReferralAndWaitsForWithdrawalOrExpiry() {
        Referral referral = submit("1960-05-01");
        assertThat(shared(referral)).isFalse();

        Consent consent = consents.record(gp, grant(referral));

        assertThat(consent.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(consent.witness()).isEqualTo("gp.chan");
        assertThat(consent.receivingInstitution()).isEqualTo("HSC");
        assertThat(process(consent)).hasPassed("Task_StartSharing").isWaitingAt("Gateway_ConsentEnds");
        assertThat(shared(referral)).isTrue();
        assertThat(messages(coordinator, referral)).contains("notification.consent.granted");
        assertThat(messages(gp, referral)).contains("notification.consent.granted");
    }

    @Test
    void askingByTheIdOfAReferralThatDoesNotExistIsNotFoundNotUnshared() {
        assertThatThrownBy(() -> sharing.sharingGranted("no-such-referral")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRefusalSharesNothingAndEndsTheProcess() {
        Referral referral = submit("1960-05-01");

        Consent consent = consents.record(gp, request(referral, "REFUSED", true, null, null));

        assertThat(consent.status()).isEqualTo(ConsentStatus.REFUSED);
        assertThat(process(consent)).hasPassed("Task_RecordRefusal", "EndEvent_ConsentRefused").isEnded();
        assertThat(shared(referral)).isFalse();
        assertThat(messages(coordinator, referral)).contains("notification.consent.refused");
    }

    @Test
    void withdrawalStopsSharingAtOnceAndEndsTheProcess() {
        Referral referral = submit("1960-05-01");
        Consent consent = consents.record(gp, grant(referral));

        Consent withdrawn = consents.withdraw(gp, consent.id(), "Patient changed their mind");

        assertThat(withdrawn.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawn.endedBy()).isEqualTo("gp.chan");
        assertThat(withdrawn.endReason()).isEqualTo("Patient changed their mind");
        assertThat(process(consent)).hasPassed("Message_PatientWithdrewConsent", "Task_StopSharing",
                "EndEvent_ConsentWithdrawn").isEnded();
        assertThat(shared(referral)).isFalse();
        assertThat(messages(coordinator, referral)).contains("notification.consent.withdrawn");
        assertThatThrownBy(() -> consents.withdraw(gp, consent.id(), "again")).isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyTheReferringSideWithdrawsAndAReasonIsNeeded() {
        Referral referral = submit("1960-05-01");
        Consent consent = consents.record(gp, grant(referral));

        assertThatThrownBy(() -> consents.withdraw(coordinator, consent.id(), "no"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> consents.withdraw(otherCoordinator, consent.id(), "no"))
                .isInstanceOf(NotFoundException.class);
        assertThat(fieldsOf(() -> consents.withdraw(gp, consent.id(), " "))).containsExactly("reason");
        assertThat(consents.get(gp, consent.id()).status()).isEqualTo(ConsentStatus.GRANTED);
    }

    @Test
    void theTimerExpiresTheConsentAtTheEndOfItsValidity() {
        Referral referral = submit("1960-05-01");
        LocalDate lastDay = LocalDate.now(HongKongTime.ZONE).plusDays(10);
        Consent consent = consents.record(gp, new ConsentRequest("REFERRAL", referral.id(), null, null, "GRANTED",
                lastDay.toString(), true, null, null, ConsentFixtures.signature()));
        assertThat(consent.validUntil()).isEqualTo(lastDay.plusDays(1).atStartOfDay(HongKongTime.ZONE).toInstant());
        ProcessInstance process = process(consent);
        assertThat(executableTimers(process)).isEmpty();

        ClockUtil.setCurrentTime(Date.from(consent.validUntil().plus(Duration.ofMinutes(1))));
        assertThat(shared(referral)).as("past its validity, even before the timer has run").isFalse();
        List<Job> due = executableTimers(process);
        assertThat(due).hasSize(1);
        managementService.executeJob(due.get(0).getId());

        assertThat(process).hasPassed("Timer_ConsentExpires", "Task_ExpireConsent", "EndEvent_ConsentExpired")
                .isEnded();
        assertThat(consents.get(gp, consent.id()).status()).isEqualTo(ConsentStatus.EXPIRED);
        assertThat(messages(coordinator, referral)).contains("notification.consent.expired");
    }

    @Test
    void aStandingConsentCoversEveryReferralOfThePatientToThatInstitutionOnly() {
        String hkid = ConsentFixtures.newHkid();
        Referral first = submit(hkid, "1970-01-01", "HSC");
        Referral second = submit(hkid, "1970-01-01", "HSC");
        Referral elsewhere = submit(hkid, "1970-01-01", "LRH");

        Consent standing = consents.record(gp, new ConsentRequest("INSTITUTION", null, hkid, "HSC", "GRANTED", null,
                true, null, null, ConsentFixtures.signature()));

        assertThat(standing.scope()).isEqualTo(ConsentScope.INSTITUTION);
        assertThat(shared(first)).isTrue();
        assertThat(shared(second)).isTrue();
        assertThat(shared(elsewhere)).isFalse();
        assertThat(consents.forReferral(coordinator, first.id())).extracting(Consent::id).contains(standing.id());
        assertThat(consents.forPatient(gp, hkid)).extracting(Consent::id).containsExactly(standing.id());
        assertThat(consents.forPatient(otherCoordinator, hkid)).isEmpty();

        consents.withdraw(gp, standing.id(), "Patient withdrew at the clinic");
        assertThat(shared(first)).isFalse();
        assertThat(shared(second)).isFalse();
    }

    @Test
    void aPatientUnder16NeedsAParentOrGuardianToDecide() {
        String birth = LocalDate.now(HongKongTime.ZONE).minusYears(10).toString();
        Referral child = submit(birth);

        assertThat(fieldsOf(() -> consents.record(gp, request(child, "GRANTED", true, null, null))))
                .containsExactlyInAnyOrder("substituteName", "substituteRelationship");
        assertThat(fieldsOf(() -> consents.record(gp, request(child, "GRANTED", true, "Chan Siu Ming", "SPOUSE"))))
                .containsExactly("substituteRelationship");

        Consent consent = consents.record(gp, request(child, "GRANTED", true, "Chan Tai Man", "PARENT"));
        assertThat(consent.substituteName()).isEqualTo("Chan Tai Man");
        assertThat(consent.substituteRelationship()).isEqualTo(SubstituteRelationship.PARENT);
        assertThat(shared(child)).isTrue();
    }

    @Test
    void anAdultWithoutCapacityNeedsASubstituteAndOneWithCapacityMayNotHaveOne() {
        Referral adult = submit("1950-02-02");

        assertThat(fieldsOf(() -> consents.record(gp, request(adult, "GRANTED", false, null, null))))
                .containsExactlyInAnyOrder("substituteName", "substituteRelationship");
        assertThat(fieldsOf(() -> consents.record(gp, request(adult, "GRANTED", true, "Wong Mei", "CHILD"))))
                .containsExactly("substituteName");

        Consent consent = consents.record(gp, request(adult, "GRANTED", false, "Wong Mei", "CHILD"));
        assertThat(consent.patientHasCapacity()).isFalse();
        assertThat(consent.substituteRelationship()).isEqualTo(SubstituteRelationship.CHILD);
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndLeavesNothingBehind() {
        Referral referral = submit("1960-05-01");
        long before = jdbc.sql("SELECT COUNT(*) FROM consent").query(Long.class).single();

        assertThat(fieldsOf(() -> consents.record(gp, new ConsentRequest("REFERRAL", referral.id(), null, null,
                "MAYBE", "2001-01-01", null, null, null, ConsentFixtures.blankSignature()))))
                .containsExactlyInAnyOrder("decision", "validUntil", "patientHasCapacity", "signature");
        assertThat(fieldsOf(() -> consents.record(gp, new ConsentRequest("REFERRAL", referral.id(), null, null,
                "GRANTED", null, true, null, null, "data:image/png;base64,AAAA"))))
                .containsExactly("signature");
        assertThat(fieldsOf(() -> consents.record(gp, new ConsentRequest("EVERYTHING", null, null, null,
                "GRANTED", null, true, null, null, ConsentFixtures.signature()))))
                .containsExactly("scope");
        assertThatThrownBy(() -> consents.record(coordinator, grant(referral))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> consents.record(gp, new ConsentRequest("REFERRAL", "no-such-referral", null, null,
                "GRANTED", null, true, null, null, ConsentFixtures.signature()))).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theSignedFormIsAPdfWithTheSignatureWhoseHashAndSignatureVerify() throws Exception {
        Referral referral = submit("1960-05-01");
        Consent consent = consents.record(gp, grant(referral));

        byte[] pdf = consents.form(gp, consent.id());
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("consent to share", consent.id(), "GRANTED", "gp.chan", "HSC");
            assertThat(document.getPage(0).getResources().getXObjectNames()).isNotEmpty();
        }
        ConsentService.Verification verification = consents.verify(coordinator, consent.id());
        assertThat(verification.valid()).isTrue();

        jdbc.sql("UPDATE consent SET pdf_sha256 = ? WHERE id = ?")
                .params("00".repeat(32), consent.id()).update();
        ConsentService.Verification tampered = consents.verify(gp, consent.id());
        assertThat(tampered.hashMatches()).isFalse();
        assertThat(tampered.signatureValid()).isFalse();
        assertThat(tampered.valid()).isFalse();
    }

    private Referral submit(String dateOfBirth) {
        return submit(ConsentFixtures.newHkid(), dateOfBirth, "HSC");
    }

    private Referral submit(String hkid, String dateOfBirth, String receiving) {
        return referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient(hkid, "Lee Siu Wah", dateOfBirth),
                receiving, "CARDIOLOGY", "ROUTINE", "Palpitations", "Intermittent palpitations for three months."));
    }

    private static ConsentRequest grant(Referral referral) {
        return request(referral, "GRANTED", true, null, null);
    }

    private static ConsentRequest request(Referral referral, String decision, boolean capacity, String substitute,
            String relationship) {
        return new ConsentRequest("REFERRAL", referral.id(), null, null, decision, null, capacity, substitute,
                relationship, ConsentFixtures.signature());
    }

    /**
     * Whether the referral is shared, asked both ways (for many referrals at once, as lists ask, and for one by its id,
     * as the task path asks), which must agree.
     */
    private boolean shared(Referral referral) {
        boolean inList = sharing.sharingGranted(java.util.Set.of(new SharingConsents.SharedRecord(referral.id(),
                referral.patientId(), referral.receivingInstitution()))).contains(referral.id());
        assertThat(sharing.sharingGranted(referral.id())).as("asked by the referral's id").isEqualTo(inList);
        return inList;
    }

    /** The consent's process, running or ended, for the engine's assertions (which read its history). */
    private ProcessInstance process(Consent consent) {
        ProcessInstance running = runtimeService.createProcessInstanceQuery()
                .processInstanceId(consent.processInstanceId()).singleResult();
        return running != null ? running : new EndedInstance(consent.processInstanceId());
    }

    private record EndedInstance(String id) implements ProcessInstance {
        public String getId() { return id; }
        public String getProcessInstanceId() { return id; }
        public String getProcessDefinitionId() { return null; }
        public String getBusinessKey() { return null; }
        public String getRootProcessInstanceId() { return id; }
        public String getCaseInstanceId() { return null; }
        public boolean isSuspended() { return false; }
        public boolean isEnded() { return true; }
        public String getTenantId() { return null; }
        public String getProcessDefinitionKey() { return "consent"; }
    }

    private List<Job> executableTimers(ProcessInstance process) {
        return managementService.createJobQuery().processInstanceId(process.getId()).timers().executable().list();
    }

    private List<String> messages(CareRelayUser user, Referral referral) {
        return notifications.forUser(user, 1000).stream().filter(n -> referral.id().equals(n.referralId()))
                .map(Notification::messageKey).toList();
    }

    private static List<String> fieldsOf(Runnable action) {
        ValidationException e = catchThrowableOfType(ValidationException.class, action::run);
        assertThat(e).as("a validation error").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }
}
