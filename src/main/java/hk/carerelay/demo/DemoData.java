package hk.carerelay.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.consent.ConsentRequest;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationRequest;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.NewUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Seeds the demo institutions, users, referrals, cross-department consultations and a discharge handover once, on the
 * first start with an empty database, through the services and the task path a user would use. Every demo user has
 * the password {@value #PASSWORD} and the TOTP secret {@value #TOTP_SECRET}.
 */
@Component
@Profile("demo")
class DemoData {

    static final String PASSWORD = "CareRelay-demo-1";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserDirectory users;
    private final Directory directory;
    private final ReferralService referrals;
    private final WorkflowTasks tasks;
    private final TransactionTemplate tx;
    private final ConsentService consents;
    private final ConsultationService consultations;
    private final DischargeHandovers discharges;
    private final java.util.Set<String> consented = new java.util.HashSet<>();
    private final ApplicationEventPublisher events;

    DemoData(UserDirectory users, Directory directory, ReferralService referrals, WorkflowTasks tasks,
            TransactionTemplate tx, ConsentService consents, ConsultationService consultations,
            DischargeHandovers discharges, ApplicationEventPublisher events) {
        this.events = events;
        this.consents = consents;
        this.consultations = consultations;
        this.discharges = discharges;
        this.users = users;
        this.directory = directory;
        this.referrals = referrals;
        this.tasks = tasks;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void seed() {
        if (users.exists("gp.chan")) {
            if (!users.exists("metrics")) {
                user("metrics", "Monitoring", Role.METRICS, "HSC", null);
            }
            return;
        }
        tx.executeWithoutResult(status -> {
            seedInstitutionsAndUsers();
            seedReferrals();
        });
        log.info("Demo data created: sign in as gp.chan, coord.wong, dr.lee, ... with password {} and the code shown on the sign-in page",
                PASSWORD);
        events.publishEvent(new DemoDataCreated());
    }

    /** Published once, when a new demo database has been given its institutions, users and referrals. */
    record DemoDataCreated() {
    }

    private void seedInstitutionsAndUsers() {
        directory.addInstitution(new Institution("KEFC", "Kowloon East Family Clinic", "九龍東家庭醫學診所", "CLINIC", false));
        directory.addInstitution(new Institution("HSC", "Harbour Specialist Centre", "海港專科中心", "SPECIALIST_CENTRE", true));
        user("gp.chan", "Dr Chan Siu Ming", Role.REFERRING_DOCTOR, "KEFC", "FAMILY_MEDICINE");
        user("coord.wong", "Wong Mei Ling", Role.COORDINATOR, "HSC", null);
        user("dr.lee", "Dr Lee Ka Fai", Role.SPECIALIST, "HSC", "CARDIOLOGY");
        user("dr.lau", "Dr Lau Wing Sze", Role.SPECIALIST, "HSC", "ENDOCRINOLOGY");
        user("nurse.ho", "Ho Yuen Ting", Role.NURSE, "HSC", "CARDIOLOGY");
        user("intern.lam", "Dr Lam Chi Hang", Role.INTERN, "HSC", "ENDOCRINOLOGY");
        user("admin.ng", "Ng Wai Man", Role.ADMIN_STAFF, "HSC", null);
        user("manager.tsang", "Tsang Hoi Yan", Role.MANAGER, "HSC", null);
        user("auditor.yip", "Yip Sze Wan", Role.AUDITOR, "HSC", null);
        user("sysadmin", "System Administrator", Role.SYSADMIN, "HSC", null);
        user("metrics", "Monitoring", Role.METRICS, "HSC", null);
        // A second hospital: its referrals are outside every HSC user's scope (emergency access, access matrix).
        directory.addInstitution(new Institution("LRH", "Lion Rock Hospital", "獅子山醫院", "HOSPITAL", true));
        user("coord.cheung", "Cheung Ka Man", Role.COORDINATOR, "LRH", null);
        user("dr.kwok", "Dr Kwok Wai Kit", Role.SPECIALIST, "LRH", "CARDIOLOGY");
    }

    private void user(String username, String name, Role role, String institution, String department) {
        users.create(new NewUser(username, name, PASSWORD, TOTP_SECRET, role, institution, department));
    }

    private void seedReferrals() {
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        CareRelayUser cardiologist = users.find("dr.lee").orElseThrow();
        CareRelayUser endocrinologist = users.find("dr.lau").orElseThrow();
        String nextWeek = LocalDateTime.now(HongKongTime.ZONE).plusDays(7).withHour(10).withMinute(30).withSecond(0)
                .withNano(0).toString();

        // Waiting for triage
        send(gp, "A123456(3)", "Chan Tai Man", "1958-03-14", "CARDIOLOGY", "ROUTINE",
                "Exertional chest tightness for 3 months",
                "Hypertension on amlodipine 5 mg. Resting ECG: sinus rhythm, no ST changes. Please assess for stable angina.");
        send(gp, "C668668(9)", "Leung Mei Kuen", "1971-11-02", "ENDOCRINOLOGY", "URGENT",
                "Newly found HbA1c 11.2% with weight loss",
                "HbA1c 11.2%, random glucose 18 mmol/L, 4 kg weight loss in 2 months. No ketones on urine dipstick.");

        // Information requested from the referring doctor
        Referral info = send(gp, "K345678(1)", "Ho Ka Yan", "1985-06-21", "CARDIOLOGY", "ROUTINE",
                "Palpitations", "Intermittent palpitations, worse at night. Thyroid function pending.");
        complete(coordinator, info, "Task_TriageReferral",
                Map.of("decision", "REQUEST_INFO", "infoQuestion", "Please send the thyroid function result and any Holter report."));

        // Accepted, appointment to be booked
        Referral accepted = send(gp, "Y234567(4)", "Wong Chi Keung", "1962-01-30", "ENDOCRINOLOGY", "ROUTINE",
                "Thyroid nodule", "2 cm left thyroid nodule on ultrasound, TSH normal.");
        complete(coordinator, accepted, "Task_TriageReferral", Map.of("decision", "ACCEPT"));

        // Scheduled, consultation pending (dr.lee)
        Referral scheduled = send(gp, "D987654(6)", "Lee Siu Fong", "1949-09-09", "CARDIOLOGY", "URGENT",
                "Syncope on exertion", "Two episodes of syncope climbing stairs. Ejection systolic murmur.");
        complete(coordinator, scheduled, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        complete(coordinator, scheduled, "Task_ScheduleAppointment",
                Map.of("appointmentAt", nextWeek, "location", "Cardiology Clinic, Room 3"));

        // Report sent, waiting for the referring doctor's acknowledgement
        Referral reported = send(gp, "AB987654(3)", "Cheung Wai Lun", "1955-12-12", "CARDIOLOGY", "ROUTINE",
                "Atrial fibrillation, anticoagulation advice", "Newly detected AF, CHA2DS2-VASc 3. eGFR 58.");
        complete(coordinator, reported, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        complete(coordinator, reported, "Task_ScheduleAppointment",
                Map.of("appointmentAt", nextWeek, "location", "Cardiology Clinic, Room 1"));
        complete(cardiologist, reported, "Task_ConductConsultation", Map.of(
                "findings", "Irregularly irregular pulse 84/min, BP 138/82. Echo: normal LV function, LA mildly dilated.",
                "diagnosis", "Non-valvular atrial fibrillation (I48.91)",
                "plan", "Start apixaban 5 mg twice daily. Rate control adequate; continue bisoprolol 2.5 mg.",
                "followUp", "RETURN_TO_REFERRER",
                "followUpDetails", "Renal function every 6 months; refer back if symptomatic."));

        // Closed loop
        Referral closed = send(gp, "E112233(2)", "Lam Yuk Ling", "1968-04-18", "ENDOCRINOLOGY", "ROUTINE",
                "Subclinical hypothyroidism", "TSH 7.8 mIU/L, free T4 normal, anti-TPO positive.");
        complete(coordinator, closed, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        complete(coordinator, closed, "Task_ScheduleAppointment",
                Map.of("appointmentAt", nextWeek, "location", "Endocrine Clinic, Room 2"));
        complete(endocrinologist, closed, "Task_ConductConsultation", Map.of(
                "findings", "Asymptomatic, no goitre.", "diagnosis", "Subclinical hypothyroidism (E02)",
                "plan", "No treatment now. Repeat TSH in 6 months.", "followUp", "RETURN_TO_REFERRER",
                "followUpDetails", "Repeat TSH and free T4 in 6 months; start levothyroxine if TSH above 10."));
        complete(gp, closed, "Task_AcknowledgeOutcome", Map.of("acknowledged", true));

        // Declined, and returned with advice
        Referral declined = send(gp, "G445566(4)", "Tse Kwok Wing", "1990-07-07", "CARDIOLOGY", "ROUTINE",
                "Benign ectopics", "Occasional ectopic beats, normal ECG and echo last year.");
        complete(coordinator, declined, "Task_TriageReferral", Map.of("decision", "DECLINE",
                "declineReasonCode", "NOT_MEETING_CRITERIA", "declineReason",
                "Already fully investigated; no new features. Reassure and review in primary care."));
        Referral advice = send(gp, "M778899(7)", "Yeung Sau Ha", "1979-02-25", "ENDOCRINOLOGY", "ROUTINE",
                "Borderline HbA1c", "HbA1c 6.2%, BMI 27.");
        complete(coordinator, advice, "Task_TriageReferral", Map.of("decision", "RETURN_WITH_ADVICE",
                "advice", "Prediabetes: lifestyle programme and repeat HbA1c in 12 months; no specialist review needed."));

        // Cancellation requested by the sender
        Referral cancelling = send(gp, "P135790(9)", "Fung Hiu Tung", "2001-10-10", "CARDIOLOGY", "ROUTINE",
                "Chest pain, young adult", "Atypical chest pain, normal ECG.");
        referrals.requestCancellation(gp, cancelling.id(), "Symptoms resolved; patient prefers to stay in primary care.");

        // Waiting for the patient's consent: HSC sees only the administrative part until gp.chan records it
        referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient("S112358(2)", "So Wing Yee", "1966-08-16"),
                "HSC", "CARDIOLOGY", "ROUTINE", "Exertional breathlessness",
                "Breathless on one flight of stairs for 2 months; ankle swelling. BNP pending."));

        // Sent to the other hospital, waiting for its triage
        send(gp, "LRH", "R246802(5)", "Ma Kin Wah", "1952-05-05", "CARDIOLOGY", "URGENT",
                "Worsening heart failure", "Known HFrEF, EF 30%. Ankle oedema and orthopnoea for 2 weeks on furosemide 40 mg daily.");

        seedConsultations(cardiologist, endocrinologist, reported);
        seedDischargeHandover(cardiologist, scheduled);
    }

    /**
     * Cardiology (dr.lee) asks endocrinology twice: about the AF referral, answered by dr.lau and waiting for dr.lee to
     * acknowledge the opinion; and about a patient without a referral of theirs, waiting for endocrinology's answer.
     */
    private void seedConsultations(CareRelayUser cardiologist, CareRelayUser endocrinologist, Referral reported) {
        Consultation answered = consultations.request(cardiologist, new ConsultationRequest("ENDOCRINOLOGY", "ROUTINE",
                "HbA1c 7.9% on the bloods before starting apixaban. Should we start treatment before he goes back to "
                        + "his family doctor, and is metformin safe with eGFR 58?",
                reported.id(), List.of("REFERRAL_SUMMARY", "DIAGNOSES", "MEDICATIONS"), null));
        completeTask(endocrinologist, answered.id(), "Task_AnswerConsultation", Map.of(
                "opinion", "New type 2 diabetes. Metformin 500 mg daily, titrate to 1 g twice daily over 4 weeks; "
                        + "safe at eGFR 58 (review if below 45). Repeat HbA1c in 3 months in primary care.",
                "recommendation", "ADVICE_ONLY"));
        consultations.request(cardiologist, new ConsultationRequest("ENDOCRINOLOGY", "URGENT",
                "Exertional chest tightness with weight loss and tremor: please assess for thyrotoxicosis before "
                        + "exercise testing.", null, null, "A123456(3)"));
    }

    /**
     * The syncope patient was admitted and is discharged from HSC back to gp.chan (the referral's sender) with two
     * dated follow-up items and one result still pending: the family doctor's acknowledgement, follow-up tasks and the
     * late result are open.
     */
    private void seedDischargeHandover(CareRelayUser hospitalDoctor, Referral referral) {
        LocalDate dischargedOn = LocalDate.now(HongKongTime.ZONE).minusDays(1);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dischargedOn", dischargedOn.toString());
        summary.put("admissionReason", "Admitted after a third syncope on exertion. Echo: severe calcific aortic "
                + "stenosis (valve area 0.8 cm2). Transcatheter aortic valve implantation on day 3, uneventful.");
        summary.put("diagnoses", List.of(Map.of("diagnosis", "Severe aortic stenosis (I35.0)", "kind", "PRINCIPAL"),
                Map.of("diagnosis", "Hypertension", "kind", "SECONDARY")));
        summary.put("procedures", List.of(Map.of("procedure", "Transcatheter aortic valve implantation",
                "performedOn", dischargedOn.minusDays(2).toString())));
        summary.put("medications", List.of(
                Map.of("drug", "Clopidogrel", "change", "NEW", "dose", "75 mg", "frequency", "daily"),
                Map.of("drug", "Amlodipine", "change", "CHANGED", "dose", "2.5 mg", "frequency", "daily",
                        "changeReason", "Lower blood pressure after the valve"),
                Map.of("drug", "Isosorbide mononitrate", "change", "STOPPED", "changeReason", "No longer indicated")));
        summary.put("pendingResults", List.of(Map.of("test", "24-hour Holter")));
        summary.put("followUpPlan", "Check the wound and blood pressure; watch for new conduction disturbance.");
        summary.put("followUpItems", List.of(
                Map.of("action", "Check the femoral wound and blood pressure", "dueKind", "INTERVAL", "dueInDays", 7),
                Map.of("action", "ECG for conduction disturbance", "dueKind", "DATE",
                        "dueOn", dischargedOn.plusDays(30).toString())));
        discharges.start(hospitalDoctor, new DischargeHandovers.StartRequest(new DischargeHandovers.StartRequest.Patient(
                referral.patientHkid(), referral.patientName(), referral.patientDateOfBirth().toString()),
                null, referral.id(), summary));
    }

    private Referral send(CareRelayUser gp, String hkid, String name, String dob, String specialty, String urgency,
            String reason, String summary) {
        return send(gp, "HSC", hkid, name, dob, specialty, urgency, reason, summary);
    }

    private Referral send(CareRelayUser gp, String to, String hkid, String name, String dob, String specialty,
            String urgency, String reason, String summary) {
        Referral referral = referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient(hkid, name, dob), to,
                specialty, urgency, reason, summary));
        // The demo patients gave the receiving institution a standing consent to share (as eHRSS registration does),
        // so their referrals go on to triage; the consent is recorded once per patient and institution.
        if (consented.add(hkid + "|" + to)) {
            consents.record(gp, new ConsentRequest("INSTITUTION", null, hkid, to, "GRANTED", null, true, null, null,
                    DemoSignature.png()));
        }
        return referral;
    }

    private void complete(CareRelayUser user, Referral referral, String taskKey, Map<String, ?> values) {
        completeTask(user, referral.id(), taskKey, values);
    }

    /** Completes the case's open task through the one task path, as its user would. */
    private void completeTask(CareRelayUser user, String caseId, String taskKey, Map<String, ?> values) {
        List<TaskView> open = tasks.openTasksOfCase(user, caseId);
        TaskView task = open.stream().filter(t -> t.taskKey().equals(taskKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Demo data: no " + taskKey + " on " + caseId));
        tasks.complete(user, task.id(), values);
    }
}
