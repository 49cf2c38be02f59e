package hk.carerelay.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.patient.Hkid;
import hk.carerelay.sla.SlaProperties;

/**
 * Fills the database with synthetic referrals for demos and benchmarks: patients with valid HKIDs, referrals spread
 * over a span of history, each walked through the process's stages with plausible times (some triage SLAs missed, some
 * information requests, declines with a coded reason, advice, cancellations) and cut at the present, so that old ones
 * are closed and recent ones still open. Before triage each waits for the patient's consent to share unless a
 * standing consent covers it; the decisions are handed to the consent feature as {@link ConsentsGenerated}. Each
 * clocked step passed gets its {@code sla_clock} row (ADR 0018), breached where it took longer than its SLA. Rows are
 * written by JDBC batches; each open referral gets a running process waiting at its step, so it can be worked like any
 * other; closed ones get no engine history (ADR 0015).
 */
@Service
public class ReferralGenerator {

    private static final int BATCH = 1000;
    private static final int PROCESSES_PER_TRANSACTION = 100;
    private static final String[] SURNAMES = {"Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Ho", "Leung", "Lam",
            "Tsang", "Yip", "Tang", "Li", "Kwok", "Mak", "Chow", "Fung", "Siu", "Yeung", "Poon"};
    private static final String[] GIVEN = {"Tai", "Man", "Siu", "Ming", "Ka", "Fai", "Wing", "Sze", "Mei", "Ling",
            "Yuen", "Ting", "Chi", "Hang", "Wai", "Hoi", "Yan", "Kit", "Lok", "Yin", "Shun", "Kwan", "Wah", "Hei"};
    private static final String[] REASONS = {"Review of persistent symptoms", "Abnormal screening result",
            "Follow-up after emergency attendance", "Second opinion on management", "Medication review",
            "Worsening despite first-line treatment"};
    private static final String HKID_LETTERS = "ABCDEGHKMPRTVWZ";
    private static final DeclineReason[] DECLINE_REASONS = DeclineReason.values();
    /** How often each decline reason is drawn (same order as {@link DeclineReason}), roughly as e-RS reports them. */
    private static final int[] DECLINE_WEIGHTS = {30, 20, 22, 10, 6, 4, 8};
    /** The clocked steps a status waits at (ADR 0018); triage has its own timer and no clock. */
    private static final Map<ReferralStatus, String> CLOCKED = Map.of(ReferralStatus.ACCEPTED,
            ReferralVariables.TASK_SCHEDULE, ReferralStatus.INFO_REQUESTED, "Task_ProvideMoreInformation",
            ReferralStatus.CANCELLATION_REQUESTED, ReferralVariables.TASK_CONFIRM_CANCELLATION,
            ReferralStatus.REPORT_SENT, "Task_AcknowledgeOutcome");
    /** Clocks of closed referrals belong to no process instance: this stands in for it. */
    static final String NO_PROCESS = "generated";

    /**
     * Consent decisions made with a batch of generated referrals, for the consent feature to record (it owns the
     * table, the signature store and the consent coverage); published after the referrals are written, for every
     * batch, with or without decisions.
     */
    public record ConsentsGenerated(List<GeneratedConsent> consents, List<String> referralIds) {
    }

    /**
     * One decision: for a referral (scope REFERRAL) or, when {@code referralId} is null, standing for the patient and
     * the receiving institution. {@code endedAt} is set for WITHDRAWN and EXPIRED.
     */
    public record GeneratedConsent(String referralId, String patientId, String receivingInstitution, String status,
            Instant recordedAt, Instant validUntil, Instant endedAt, String witness, String recordingInstitution) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final RuntimeService runtimeService;
    private final hk.carerelay.workflow.EngineAuthorizations engineAuthorizations;
    private final UserDirectory users;
    private final Directory directory;
    private final ReferralProperties properties;
    private final SlaProperties sla;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReferralGenerator(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, TransactionTemplate transactions,
            RuntimeService runtimeService, hk.carerelay.workflow.EngineAuthorizations engineAuthorizations,
            UserDirectory users, Directory directory, ReferralProperties properties, SlaProperties sla,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.transactions = transactions;
        this.runtimeService = runtimeService;
        this.engineAuthorizations = engineAuthorizations;
        this.users = users;
        this.directory = directory;
        this.properties = properties;
        this.sla = sla;
        this.events = events;
        this.clock = clock;
    }

    /** What was generated: the referrals' ids, how many of each status, how many processes were started. */
    public record Result(List<String> referralIds, int patients, Map<ReferralStatus, Integer> byStatus,
            int processesStarted, long millis) {
    }

    /**
     * Generates {@code count} referrals created within {@code span} before now. The same seed gives the same
     * referrals relative to the present (ids and HKIDs aside where they would collide with existing ones).
     */
    public Result generate(int count, Duration span, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of referrals must be at least 1");
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("the span of history must be positive");
        }
        long started = System.nanoTime();
        Random random = new Random(seed);
        Instant now = clock.instant();
        List<CareRelayUser> senders = users.all().stream().filter(u -> u.role() == Role.REFERRING_DOCTOR).toList();
        List<String> receivers = directory.institutions().stream().filter(Institution::receivesReferrals)
                .map(Institution::code).toList();
        List<String> specialties = directory.specialties().stream().map(Specialty::code).toList();
        if (senders.isEmpty() || receivers.isEmpty() || specialties.isEmpty()) {
            throw new IllegalStateException(
                    "The database needs at least one referring doctor, one receiving institution and one specialty.");
        }

        List<PatientRow> patientRows = patients(Math.max(1, count * 6 / 10), random, now);
        List<String> ids = new ArrayList<>(count);
        Map<ReferralStatus, Integer> byStatus = new EnumMap<>(ReferralStatus.class);
        List<Object[]> rows = new ArrayList<>(BATCH);
        List<Object[]> clocks = new ArrayList<>();
        List<GeneratedConsent> consents = new ArrayList<>();
        List<Generated> open = new ArrayList<>();
        ReferralStatus[] all = ReferralStatus.values();
        for (int i = 0; i < count; i++) {
            CareRelayUser sender = senders.get(random.nextInt(senders.size()));
            String receiving = pick(receivers, sender.institution(), random);
            Urgency urgency = random.nextInt(100) < 22 ? Urgency.URGENT : Urgency.ROUTINE;
            // the first referrals take each status in turn, so that even a small set has every one
            ReferralStatus wanted = i < all.length ? all[i] : null;
            Timeline timeline = timeline(urgency, random, wanted);
            long age = wanted != null ? timeline.ageWithin(wanted, random)
                    : (long) (random.nextDouble() * span.toSeconds());
            Instant created = now.minusSeconds(age);
            Generated g = new Generated(UUID.randomUUID().toString(),
                    patientRows.get(random.nextInt(patientRows.size())), sender, receiving,
                    specialties.get(random.nextInt(specialties.size())), urgency, created, timeline.at(age),
                    timeline.openClocks(age, this::slaOf, urgency));
            ids.add(g.id());
            byStatus.merge(g.state().status(), 1, Integer::sum);
            rows.add(g.row(random));
            timeline.closedClocks(age, this::slaOf, urgency).forEach(c -> clocks.add(g.clockRow(c)));
            consents.addAll(g.consents(timeline, age));
            if (!g.state().status().isTerminal()) {
                open.add(g);
            }
            if (rows.size() == BATCH) {
                write(rows, clocks, consents);
            }
        }
        if (!rows.isEmpty()) {
            write(rows, clocks, consents);
        }
        int processes = startProcesses(open);
        return new Result(ids, patientRows.size(), byStatus, processes, (System.nanoTime() - started) / 1_000_000);
    }

    /** Writes a batch of referrals, then the clocks and consent decisions that name them. */
    private void write(List<Object[]> rows, List<Object[]> clocks, List<GeneratedConsent> consents) {
        insertReferrals(rows);
        if (!clocks.isEmpty()) {
            transactions.executeWithoutResult(status -> jdbc.batchUpdate("""
                    INSERT INTO sla_clock (task_id, process_key, task_key, process_instance_id, case_id, institution,
                                           urgency, started_at, due_at, ended_at, breached_at, case_institution,
                                           case_specialty)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", clocks));
        }
        // always published: the consent feature also keeps the consent coverage of referrals without a decision
        events.publishEvent(new ConsentsGenerated(List.copyOf(consents), rows.stream().map(r -> (String) r[0])
                .toList()));
        rows.clear();
        clocks.clear();
        consents.clear();
    }

    private Duration slaOf(String task, Urgency urgency) {
        return sla.of(ReferralVariables.PROCESS_KEY, task, urgency.name()).orElse(null);
    }

    private static String pick(List<String> receivers, String notThis, Random random) {
        List<String> others = receivers.stream().filter(r -> !r.equals(notThis)).toList();
        List<String> from = others.isEmpty() ? receivers : others;
        return from.get(random.nextInt(from.size()));
    }

    // ---- patients ----

    private record PatientRow(String id, String name, LocalDate dateOfBirth) {
    }

    /** Registers the patients (a number already registered is reused as it is), in batches. */
    private List<PatientRow> patients(int count, Random random, Instant now) {
        List<PatientRow> patients = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        Map<String, PatientRow> byHkid = new HashMap<>();
        while (patients.size() + byHkid.size() < count) {
            Hkid hkid = Hkid.of(String.valueOf(HKID_LETTERS.charAt(random.nextInt(HKID_LETTERS.length()))),
                    String.format("%06d", random.nextInt(1_000_000)));
            PatientRow patient = new PatientRow(UUID.randomUUID().toString(), name(random),
                    LocalDate.of(1930, 1, 1).plusDays(random.nextInt(85 * 365)));
            if (seen.add(hkid.value())) {
                byHkid.put(hkid.value(), patient);
            }
            if (byHkid.size() == BATCH) {
                patients.addAll(registerPatients(byHkid, now));
            }
        }
        if (!byHkid.isEmpty()) {
            patients.addAll(registerPatients(byHkid, now));
        }
        return patients;
    }

    private List<PatientRow> registerPatients(Map<String, PatientRow> byHkid, Instant now) {
        List<PatientRow> registered = new ArrayList<>(byHkid.size());
        transactions.executeWithoutResult(status -> {
            named.query("SELECT id, hkid, name, date_of_birth FROM patient WHERE hkid IN (:hkids)",
                    new MapSqlParameterSource("hkids", List.copyOf(byHkid.keySet())), rs -> {
                        registered.add(new PatientRow(rs.getString("id"), rs.getString("name"),
                                rs.getObject("date_of_birth", LocalDate.class)));
                        byHkid.remove(rs.getString("hkid"));
                    });
            List<Object[]> rows = new ArrayList<>();
            byHkid.forEach((hkid, p) -> rows.add(new Object[] {p.id(), hkid, p.name(), p.dateOfBirth(), utc(now)}));
            jdbc.batchUpdate("INSERT INTO patient (id, hkid, name, date_of_birth, created_at) VALUES (?, ?, ?, ?, ?)",
                    rows);
        });
        registered.addAll(byHkid.values());
        byHkid.clear();
        return registered;
    }

    private static String name(Random random) {
        // Hong Kong's usual romanisation: surname, then the two-syllable given name hyphenated (Chan Tai-man)
        return SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)] + "-"
                + GIVEN[random.nextInt(GIVEN.length)].toLowerCase(java.util.Locale.ROOT);
    }

    // ---- referrals ----

    private record Generated(String id, PatientRow patient, CareRelayUser sender, String receiving, String specialty,
            Urgency urgency, Instant created, State state, List<StepClock> openClocks) {

        Object[] row(Random random) {
            String reason = REASONS[random.nextInt(REASONS.length)] + " (generated)";
            return new Object[] {id, patient.id(), patient.name(), patient.dateOfBirth(), sender.institution(),
                    sender.username(), receiving, specialty, urgency.name(), reason,
                    "Synthetic referral made by the data generator; no real patient.", state.status().name(),
                    state.before() == null ? null : state.before().name(),
                    state.before() == null ? null : "Generated cancellation request.",
                    state.before() == null ? null : sender.username(), at(state.triageDue()), at(state.appointment()),
                    utc(created), at(state.updated()), at(state.triaged()), at(state.scheduled()),
                    at(state.reportSent()), at(state.closed()), at(state.breached()),
                    state.declineReason() == null ? null : state.declineReason().name()};
        }

        /** A clock that has ended (its task belongs to no running process). */
        Object[] clockRow(StepClock c) {
            String institution = c.task().equals(ReferralVariables.TASK_SCHEDULE)
                    || c.task().equals(ReferralVariables.TASK_CONFIRM_CANCELLATION) ? receiving : sender.institution();
            return new Object[] {UUID.randomUUID().toString(), ReferralVariables.PROCESS_KEY, c.task(), NO_PROCESS, id,
                    institution, urgency.name(), at(c.started()), at(c.due()), at(c.ended()), at(c.breached()),
                    receiving, specialty};
        }

        /** The consent decisions made by now: a standing one before it was sent, or its own after it was sent. */
        List<GeneratedConsent> consents(Timeline t, long age) {
            Consent c = t.consent();
            String witness = sender.username();
            if (c.standingBefore() != null) {
                Instant recorded = created.minusSeconds(c.standingBefore());
                return List.of(new GeneratedConsent(null, patient.id(), receiving, "GRANTED", recorded,
                        recorded.plus(Duration.ofDays(730)), null, witness, sender.institution()));
            }
            if (c.decidedAfter() > age) {
                return List.of();
            }
            Instant recorded = created.plusSeconds(c.decidedAfter());
            if (c.refused()) {
                return List.of(new GeneratedConsent(id, patient.id(), receiving, "REFUSED", recorded,
                        recorded.plus(Duration.ofDays(365)), null, witness, sender.institution()));
            }
            String status = c.fate() != null && c.fateAfter() <= age ? c.fate() : "GRANTED";
            Instant ends = c.fate() == null ? null : created.plusSeconds(c.fateAfter());
            Instant validUntil = "EXPIRED".equals(c.fate()) ? ends : recorded.plus(Duration.ofDays(365));
            return List.of(new GeneratedConsent(id, patient.id(), receiving, status, recorded, validUntil,
                    status.equals("GRANTED") ? null : ends, witness, sender.institution()));
        }

        private OffsetDateTime at(Long offset) {
            return offset == null ? null : utc(created.plusSeconds(offset));
        }

        Instant instant(Long offset) {
            return offset == null ? null : created.plusSeconds(offset);
        }
    }

    private void insertReferrals(List<Object[]> rows) {
        transactions.executeWithoutResult(status -> jdbc.batchUpdate("""
                INSERT INTO referral (id, patient_id, patient_name, patient_dob, sending_institution, sending_user,
                                      receiving_institution, specialty, urgency, reason, clinical_summary, status,
                                      status_before_cancellation, cancellation_reason, cancellation_requested_by,
                                      triage_due, appointment_at, created_at, updated_at, triaged_at, scheduled_at,
                                      report_sent_at, closed_at, triage_breached_at, decline_reason_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows));
    }

    // ---- the engine side of open referrals ----

    /** The user task an open referral waits at, by its status. */
    private static String activity(ReferralStatus status) {
        return switch (status) {
            case RECEIVED -> "Task_TriageReferral";
            case INFO_REQUESTED -> "Task_ProvideMoreInformation";
            case ACCEPTED -> ReferralVariables.TASK_SCHEDULE;
            case SCHEDULED -> "Task_ConductConsultation";
            case REPORT_SENT -> "Task_AcknowledgeOutcome";
            default -> throw new IllegalArgumentException(status + " has no waiting step");
        };
    }

    private int startProcesses(List<Generated> open) {
        int started = 0;
        for (int from = 0; from < open.size(); from += PROCESSES_PER_TRANSACTION) {
            List<Generated> chunk = open.subList(from, Math.min(open.size(), from + PROCESSES_PER_TRANSACTION));
            started += transactions.execute(status -> {
                List<Object[]> links = new ArrayList<>();
                List<Object[]> clockTimes = new ArrayList<>();
                for (Generated g : chunk) {
                    State s = g.state();
                    Map<String, Object> variables = new HashMap<>();
                    variables.put(ReferralVariables.URGENCY, g.urgency().name());
                    variables.put(ReferralVariables.SPECIALTY, g.specialty());
                    variables.put(ReferralVariables.RECEIVING_INSTITUTION, g.receiving());
                    variables.put(ReferralVariables.SENDING_INSTITUTION, g.sender().institution());
                    variables.put(ReferralVariables.REFERRING_DOCTOR, g.sender().username());
                    variables.put(ReferralVariables.TRIAGE_DUE, date(g.instant(s.triageDue())));
                    if (s.appointment() != null) {
                        variables.put(ReferralVariables.APPOINTMENT_AT, date(g.instant(s.appointment())));
                    }
                    ProcessInstantiationBuilder builder = runtimeService
                            .createProcessInstanceByKey(ReferralVariables.PROCESS_KEY).businessKey(g.id())
                            .setVariables(variables);
                    if (s.awaitingConsent()) {
                        builder.startBeforeActivity(ReferralVariables.TASK_OBTAIN_CONSENT);
                    } else if (s.status() == ReferralStatus.CANCELLATION_REQUESTED) {
                        builder.startBeforeActivity(activity(s.before()))
                                .startBeforeActivity(ReferralVariables.TASK_CONFIRM_CANCELLATION);
                    } else {
                        builder.startBeforeActivity(activity(s.status()));
                    }
                    ProcessInstance instance = builder.execute();
                    engineAuthorizations.shareInstance(instance.getId(),
                            ReferralScope.engineGroups(g.sender().institution(), g.receiving(), g.specialty()),
                            List.of(CareRelayUser.group(g.sender().institution(), Role.REFERRING_DOCTOR)));
                    links.add(new Object[] {instance.getId(), g.id()});
                    for (StepClock c : g.openClocks()) {
                        clockTimes.add(new Object[] {g.at(c.started()), g.at(c.due()), g.at(c.breached()),
                                instance.getId(), c.task()});
                    }
                }
                jdbc.batchUpdate("UPDATE referral SET process_instance_id = ? WHERE id = ?", links);
                // the engine started the waiting steps' clocks now; they started when the referral reached the step
                // (a breach found here raises no managers' task, as for the closed referrals' clocks)
                jdbc.batchUpdate("UPDATE sla_clock SET started_at = ?, due_at = ?, breached_at = ?"
                        + " WHERE process_instance_id = ? AND task_key = ? AND ended_at IS NULL", clockTimes);
                return chunk.size();
            });
        }
        return started;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // ---- a referral's path through the stages, in seconds after it was sent ----

    /** Where a referral stands at some age: its status and the stage times passed by then (seconds after sending). */
    record State(ReferralStatus status, ReferralStatus before, Long triageDue, Long appointment, Long updated,
            Long triaged, Long scheduled, Long reportSent, Long closed, Long breached, DeclineReason declineReason,
            boolean awaitingConsent) {
    }

    /**
     * The consent path of a referral: covered when sent by a standing consent recorded {@code standingBefore}
     * seconds earlier, or decided {@code decidedAfter} seconds after sending (refused, or granted and later perhaps
     * withdrawn or expired, {@code fateAfter} seconds after sending).
     */
    record Consent(Long standingBefore, long decidedAfter, boolean refused, String fate, long fateAfter) {
    }

    /** A clocked step's times, in seconds after sending; {@code ended} is null while the task waits. */
    record StepClock(String task, long started, long due, Long ended, Long breached) {
    }

    /** The SLA of a clocked step for an urgency, or null if the step is not clocked. */
    private interface StepSla {
        Duration of(String task, Urgency urgency);
    }

    private record Step(long at, ReferralStatus status) {
    }

    /** The whole path of one referral, as if nothing stopped it; {@link #at} cuts it at an age. */
    private record Timeline(List<Step> steps, List<long[]> triageRounds, long slaSeconds, Long appointment,
            Consent consent, DeclineReason declineReason) {

        State at(long age) {
            Step current = steps.get(0);
            Long triaged = null;
            Long scheduled = null;
            Long reportSent = null;
            Long closed = null;
            ReferralStatus before = null;
            ReferralStatus previous = null;
            for (Step step : steps) {
                if (step.at() > age) {
                    break;
                }
                switch (step.status()) {
                    case ACCEPTED -> triaged = triaged == null ? step.at() : triaged;
                    case DECLINED -> {
                        triaged = triaged == null ? step.at() : triaged;
                        closed = step.at();
                    }
                    case COMPLETED -> {
                        if (previous == ReferralStatus.RECEIVED) {
                            triaged = triaged == null ? step.at() : triaged;
                        }
                        closed = step.at();
                    }
                    case SCHEDULED -> scheduled = step.at();
                    case REPORT_SENT -> reportSent = step.at();
                    case CANCELLED -> closed = step.at();
                    case CANCELLATION_REQUESTED -> before = previous;
                    default -> { }
                }
                previous = step.status();
                current = step;
            }
            Long due = null;
            Long breached = null;
            for (long[] round : triageRounds) {
                if (round[0] <= age) {
                    due = round[0] + slaSeconds;
                    if (round[1] > slaSeconds && due <= age) {
                        breached = breached == null ? due : breached;
                    }
                }
            }
            if (current.status() != ReferralStatus.CANCELLATION_REQUESTED) {
                before = null;
            }
            boolean awaiting = consent.standingBefore() == null && current.status() == ReferralStatus.RECEIVED
                    && (consent.refused() || consent.decidedAfter() > age);
            return new State(current.status(), before, due, scheduled == null ? null : appointment, current.at(),
                    triaged, scheduled, reportSent, closed, breached,
                    current.status() == ReferralStatus.DECLINED ? declineReason : null, awaiting);
        }

        /** The clocks of the steps passed by this age whose task has ended. */
        List<StepClock> closedClocks(long age, StepSla sla, Urgency urgency) {
            return clocks(age, sla, urgency).stream().filter(c -> c.ended() != null).toList();
        }

        /** The clocks of the steps waiting at this age (the engine starts their tasks). */
        List<StepClock> openClocks(long age, StepSla sla, Urgency urgency) {
            return clocks(age, sla, urgency).stream().filter(c -> c.ended() == null).toList();
        }

        private List<StepClock> clocks(long age, StepSla sla, Urgency urgency) {
            List<StepClock> clocks = new ArrayList<>();
            for (int i = 0; i < steps.size() && steps.get(i).at() <= age; i++) {
                String task = CLOCKED.get(steps.get(i).status());
                Duration limit = task == null ? null : sla.of(task, urgency);
                if (limit == null) {
                    continue;
                }
                // a cancellation request leaves the step waiting beside the confirmation; the step ends with the next
                Long ended = null;
                for (int j = i + 1; j < steps.size(); j++) {
                    if (steps.get(j).status() != ReferralStatus.CANCELLATION_REQUESTED) {
                        ended = steps.get(j).at() <= age ? steps.get(j).at() : null;
                        break;
                    }
                }
                long started = steps.get(i).at();
                long due = started + limit.toSeconds();
                boolean late = ended != null ? ended > due : due <= age;
                clocks.add(new StepClock(task, started, due, ended, late ? due : null));
            }
            return clocks;
        }

        /** An age at which the referral is in the given status (it must reach it). */
        long ageWithin(ReferralStatus status, Random random) {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).status() == status) {
                    long from = steps.get(i).at();
                    long to = i + 1 < steps.size() ? steps.get(i + 1).at() : from + Duration.ofDays(30).toSeconds();
                    return from + (long) (random.nextDouble() * Math.max(1, to - from - 1));
                }
            }
            throw new IllegalStateException("the path does not reach " + status);
        }

        boolean reaches(ReferralStatus status) {
            return steps.stream().anyMatch(s -> s.status() == status);
        }
    }

    /** A path that reaches {@code wanted} (drawn again until it does), or any path when {@code wanted} is null. */
    private Timeline timeline(Urgency urgency, Random random, ReferralStatus wanted) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Timeline t = timeline(urgency, random);
            if (wanted == null || t.reaches(wanted)) {
                return t;
            }
        }
        throw new IllegalStateException("no path reaches " + wanted);
    }

    private Timeline timeline(Urgency urgency, Random random) {
        long sla = properties.triageSla().of(urgency).toSeconds();
        List<Step> steps = new ArrayList<>();
        List<long[]> rounds = new ArrayList<>();
        steps.add(new Step(0, ReferralStatus.RECEIVED));
        // consent to share (ADR 0019): one in five is covered by a standing consent when sent; the others wait for the
        // patient's decision, about a day (log-normal, median 20 hours, at most 14 days), and one in sixteen refuses,
        // after which the sender cancels
        Long standing = random.nextInt(100) < 20 ? hours(random, 24, 24 * 365) : null;
        long wait = standing != null ? 0 : Math.min(Duration.ofDays(14).toSeconds(),
                (long) (Duration.ofHours(20).toSeconds() * Math.exp(0.9 * random.nextGaussian())));
        if (standing == null && random.nextInt(100) < 6) {
            steps.add(new Step(wait + hours(random, 1, 72), ReferralStatus.CANCELLED));
            return new Timeline(steps, rounds, sla, null, new Consent(null, wait, true, null, 0), null);
        }
        long t = wait;
        boolean askedOnce = false;
        String decision;
        while (true) {
            // most are triaged well within the SLA; about one in ten runs over it
            long took = random.nextInt(100) < 10 ? (long) (sla * (1.05 + random.nextDouble() * 1.5))
                    : (long) (sla * (0.05 + random.nextDouble() * 0.9));
            rounds.add(new long[] {t, took});
            t += took;
            int d = random.nextInt(100);
            decision = !askedOnce && d < 8 ? "REQUEST_INFO" : d < 80 ? "ACCEPT" : d < 90 ? "RETURN_WITH_ADVICE"
                    : "DECLINE";
            if (!decision.equals("REQUEST_INFO")) {
                break;
            }
            askedOnce = true;
            steps.add(new Step(t, ReferralStatus.INFO_REQUESTED));
            t += hours(random, 6, 24 * 6);
            steps.add(new Step(t, ReferralStatus.RECEIVED));
        }
        Long appointment = null;
        switch (decision) {
            case "DECLINE" -> steps.add(new Step(t, ReferralStatus.DECLINED));
            case "RETURN_WITH_ADVICE" -> steps.add(new Step(t, ReferralStatus.COMPLETED));
            default -> {
                steps.add(new Step(t, ReferralStatus.ACCEPTED));
                t += hours(random, 2, 24 * 5);
                steps.add(new Step(t, ReferralStatus.SCHEDULED));
                appointment = t + (urgency == Urgency.URGENT ? hours(random, 12, 24 * 4) : hours(random, 24 * 5, 24 * 40));
                t = appointment + hours(random, 1, 24 * 3);
                steps.add(new Step(t, ReferralStatus.REPORT_SENT));
                t += hours(random, 2, 24 * 10);
                steps.add(new Step(t, ReferralStatus.COMPLETED));
            }
        }
        if (random.nextInt(100) < 6 && steps.size() > 1) {
            // the sender asks to cancel while the referral is open (after consent); the receiving side confirms later
            long last = steps.get(steps.size() - 1).at();
            long asked = wait + (long) (random.nextDouble() * (last - wait));
            List<Step> kept = new ArrayList<>();
            for (Step step : steps) {
                if (step.at() <= asked) {
                    kept.add(step);
                }
            }
            if (!kept.get(kept.size() - 1).status().isTerminal()) {
                steps = kept;
                steps.add(new Step(asked + 1, ReferralStatus.CANCELLATION_REQUESTED));
                steps.add(new Step(asked + 1 + hours(random, 2, 24 * 5), ReferralStatus.CANCELLED));
                rounds.removeIf(round -> round[0] > asked);
            }
        }
        // a grant may be withdrawn, or run out, some time after the referral's last step
        int fate = random.nextInt(100);
        String consentFate = standing != null ? null : fate < 5 ? "WITHDRAWN" : fate < 10 ? "EXPIRED" : null;
        long fateAfter = steps.get(steps.size() - 1).at() + hours(random, 24, 24 * 30);
        DeclineReason reason = decision.equals("DECLINE") ? declineReason(random) : null;
        return new Timeline(steps, rounds, sla, appointment, new Consent(standing, wait, false, consentFate, fateAfter),
                reason);
    }

    private static DeclineReason declineReason(Random random) {
        int draw = random.nextInt(java.util.Arrays.stream(DECLINE_WEIGHTS).sum());
        for (int i = 0; i < DECLINE_WEIGHTS.length; i++) {
            draw -= DECLINE_WEIGHTS[i];
            if (draw < 0) {
                return DECLINE_REASONS[i];
            }
        }
        return DeclineReason.OTHER;
    }

    private static long hours(Random random, int min, int max) {
        return Duration.ofHours(min).toSeconds() + (long) (random.nextDouble() * Duration.ofHours(max - min).toSeconds());
    }
}
