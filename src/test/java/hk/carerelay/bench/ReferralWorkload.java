package hk.carerelay.bench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentRequest;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * A cardiology referral from submission to the sender's acknowledgement, driven like the users drive it: through
 * ReferralService and the task path (WorkflowTasks), each step found, claimed and completed by the user whose step it
 * is. Every delegate of the happy path runs, with its audit entries, notifications and form submissions.
 */
final class ReferralWorkload implements Workload {

    private static final String CHECK_CHARACTERS = "0123456789A";

    private final ReferralService referrals;
    private final ConsentService consents;
    /** Patients with a standing consent to HSC, recorded before any run; empty: a consent per referral. */
    private final List<ReferralRequest.Patient> consentedPatients;
    private final WorkflowTasks tasks;
    private final CareRelayUser gp;
    private final CareRelayUser coordinator;
    private final CareRelayUser cardiologist;
    private final boolean inbox;
    private final String appointmentAt = LocalDateTime.now(HongKongTime.ZONE).plusDays(7).withHour(10).withMinute(30)
            .withSecond(0).withNano(0).toString();

    /**
     * With {@code standingPatients} > 0 the referrals go to a pool of that many patients, each registered and with a
     * standing consent to share with HSC recorded here, once, before any run. With 0, every referral has a new patient
     * and its own consent, recorded inside the measured run.
     */
    ReferralWorkload(ReferralService referrals, ConsentService consents, PatientRegistry patients, WorkflowTasks tasks,
            CareRelayUser gp, CareRelayUser coordinator, CareRelayUser cardiologist, boolean inbox,
            int standingPatients) {
        this.referrals = referrals;
        this.consents = consents;
        List<ReferralRequest.Patient> pool = new ArrayList<>();
        for (int i = 0; i < standingPatients; i++) {
            ReferralRequest.Patient patient = patient(i);
            patients.findOrRegister(Hkid.parse(patient.hkid()).orElseThrow(), patient.name(),
                    LocalDate.parse(patient.dateOfBirth()));
            consents.record(gp, new ConsentRequest("INSTITUTION", null, patient.hkid(), "HSC", "GRANTED", null, true,
                    null, null, ConsentFixtures.signature()));
            pool.add(patient);
        }
        this.consentedPatients = List.copyOf(pool);
        this.tasks = tasks;
        this.gp = gp;
        this.coordinator = coordinator;
        this.cardiologist = cardiologist;
        this.inbox = inbox;
    }

    @Override
    public String name() {
        return "referral";
    }

    @Override
    public int userTasks() {
        return 4;
    }

    @Override
    public void run(int index, Phases phases) {
        ReferralRequest.Patient patient = consentedPatients.isEmpty() ? patient(index)
                : consentedPatients.get(index % consentedPatients.size());
        Referral referral = phases.time("submit", () -> referrals.submit(gp, request(patient)));
        String id = referral.id();
        if (consentedPatients.isEmpty()) {
            // the patient's consent to share (ADR 0019): the referral waits at the sharing step until it is recorded
            phases.time("consent", () -> ConsentFixtures.consentToShare(consents, gp, id));
        }
        step(phases, coordinator, id, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        step(phases, coordinator, id, "Task_ScheduleAppointment",
                Map.of("appointmentAt", appointmentAt, "location", "Cardiology Clinic, Room 3"));
        step(phases, cardiologist, id, "Task_ConductConsultation", Map.of(
                "findings", "Irregularly irregular pulse 84/min, BP 138/82. Echo: normal LV function.",
                "diagnosis", "Non-valvular atrial fibrillation (I48.91)",
                "plan", "Start apixaban 5 mg twice daily; continue bisoprolol 2.5 mg.",
                "followUp", "RETURN_TO_REFERRER",
                "followUpDetails", "Renal function every 6 months; refer back if symptomatic."));
        step(phases, gp, id, "Task_AcknowledgeOutcome", Map.of("acknowledged", true));
    }

    private void step(Phases phases, CareRelayUser user, String referralId, String taskKey, Map<String, ?> values) {
        TaskView task = phases.time("find", () -> find(user, referralId, taskKey));
        phases.time("claim", () -> tasks.claim(user, task.id()));
        phases.time("complete", () -> tasks.complete(user, task.id(), values));
    }

    private TaskView find(CareRelayUser user, String referralId, String taskKey) {
        List<TaskView> open = inbox ? tasks.tasksFor(user) : tasks.openTasksOfCase(user, referralId);
        return open.stream().filter(t -> t.referralId().equals(referralId) && t.taskKey().equals(taskKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + taskKey + " for " + user.username()
                        + " on referral " + referralId));
    }

    @Override
    public long finished() {
        return referrals.count(coordinator, ReferralStatus.COMPLETED);
    }

    /** Patient {@code index}, with a valid HKID that no demo patient has (two letters, XA to XZ). */
    private static ReferralRequest.Patient patient(int index) {
        String body = "X" + (char) ('A' + (index / 1_000_000) % 26) + String.format("%06d", index % 1_000_000);
        String hkid = null;
        for (char c : CHECK_CHARACTERS.toCharArray()) {
            if (Hkid.isValid(body + c)) {
                hkid = body + "(" + c + ")";
                break;
            }
        }
        return new ReferralRequest.Patient(hkid, "Bench Patient " + index, "1960-05-17");
    }

    private static ReferralRequest request(ReferralRequest.Patient patient) {
        return new ReferralRequest(patient, "HSC",
                "CARDIOLOGY", "ROUTINE", "Exertional chest tightness for 3 months",
                "Hypertension on amlodipine 5 mg. Resting ECG: sinus rhythm, no ST changes. "
                        + "Please assess for stable angina.");
    }
}
