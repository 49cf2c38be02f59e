package hk.carerelay.audit;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import hk.carerelay.identity.CareRelayUser;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Appends audit entries. Joins the caller's transaction when there is one, so an action and its entry commit or roll
 * back together; entries for failures and denials are written in their own transaction, so the refusal survives. An entry about a
 * referral is also filed under the referral's patient, for "who accessed this patient's record". The sealer later
 * chains and signs entries; nothing here ever changes or removes one.
 */
@Service
public class AuditLog {

    private static final int DETAIL_MAX = 2000;
    private static final int USER_AGENT_MAX = 300;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditProperties properties;
    private final TransactionTemplate independent;

    AuditLog(JdbcClient jdbc, Clock clock, AuditProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What was done to which objects; the actor and where the request came from are added by the log. */
    public record Event(AuditAction action, String outcome, String objectType, String objectId, String patientId,
            String referralId, String recordSection, String processInstanceId, String detail) {

        public static Event of(AuditAction action) {
            return new Event(action, "SUCCESS", null, null, null, null, null, null, null);
        }

        public Event on(String type, String id) {
            return new Event(action, outcome, type, id, patientId, referralId, recordSection, processInstanceId, detail);
        }

        public Event patient(String id) {
            return new Event(action, outcome, objectType, objectId, id, referralId, recordSection, processInstanceId,
                    detail);
        }

        public Event referral(String id) {
            return new Event(action, outcome, objectType, objectId, patientId, id, recordSection, processInstanceId,
                    detail);
        }

        public Event section(String section) {
            return new Event(action, outcome, objectType, objectId, patientId, referralId, section, processInstanceId,
                    detail);
        }

        public Event processInstance(String id) {
            return new Event(action, outcome, objectType, objectId, patientId, referralId, recordSection, id, detail);
        }

        public Event outcome(String value) {
            return new Event(action, value, objectType, objectId, patientId, referralId, recordSection,
                    processInstanceId, detail);
        }

        public Event detail(String text) {
            return new Event(action, outcome, objectType, objectId, patientId, referralId, recordSection,
                    processInstanceId, text);
        }
    }

    /**
     * Writes the entry. A success joins the caller's transaction; a denial or failure is written in a transaction of
     * its own, because the refusal that follows rolls the caller's transaction back.
     */
    public void write(CareRelayUser actor, Event event) {
        write(actor, actor == null ? null : actor.username(), event);
    }

    public void record(CareRelayUser actor, AuditAction action, String detail) {
        write(actor, Event.of(action).detail(detail));
    }

    public void referral(CareRelayUser actor, AuditAction action, String referralId, String patientId, String detail) {
        write(actor, Event.of(action).on("Referral", referralId).referral(referralId).patient(patientId).detail(detail));
    }

    /** An action on an engine task: the task, its process instance, the case (referral) and the step (BPMN id). */
    public void task(CareRelayUser actor, AuditAction action, Task task, String referralId) {
        write(actor, Event.of(action).on("Task", task.getId()).referral(referralId)
                .processInstance(task.getProcessInstanceId()).detail(task.getTaskDefinitionKey()));
    }

    public void denied(CareRelayUser actor, String objectType, String objectId, String reason) {
        write(actor, Event.of(AuditAction.ACCESS_DENIED).outcome("DENIED").on(objectType, objectId).detail(reason));
    }

    public void signInFailed(String username) {
        write(null, username == null ? null : truncate(username, 64),
                Event.of(AuditAction.SIGN_IN_FAILED).outcome("FAILURE"));
    }

    /** Every entry about one referral, oldest first (for its timeline). */
    public List<AuditEntry> forReferral(String referralId) {
        return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE referral_id = ? ORDER BY occurred_at, id")
                .param(referralId).query(AuditEntry::map).list();
    }

    private void write(CareRelayUser actor, String username, Event e) {
        if (!"SUCCESS".equals(e.outcome())) {
            HttpServletRequest request = currentRequest();
            independent.executeWithoutResult(status -> insert(actor, username, e, request));
        } else {
            insert(actor, username, e, currentRequest());
        }
    }

    private void insert(CareRelayUser actor, String username, Event e, HttpServletRequest request) {
        // Stored to the microsecond, the precision both databases keep, so that the entry hashes the same on reading.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, username, role, institution, on_behalf_of, client_ip, user_agent,
                                         action, object_type, object_id, patient_id, referral_id, record_section,
                                         process_instance_id, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        COALESCE(?, (SELECT r.patient_id FROM referral r WHERE r.id = ?)), ?, ?, ?, ?, ?)""")
                .params(now.atOffset(ZoneOffset.UTC), username,
                        text(actor == null ? null : actor.role().name()), text(actor == null ? null : actor.institution()),
                        text(null), text(request == null ? null : ClientAddress.of(request, properties.trustedProxies())),
                        text(request == null || request.getHeader("User-Agent") == null ? null
                                : truncate(request.getHeader("User-Agent"), USER_AGENT_MAX)),
                        e.action().name(), text(e.objectType()), text(e.objectId()), text(e.patientId()),
                        text(e.referralId()), text(e.referralId()), text(e.recordSection()),
                        text(e.processInstanceId()), e.outcome(),
                        text(e.detail() == null ? null : truncate(e.detail(), DETAIL_MAX)))
                .update();
    }

    /**
     * A text value that may be null, bound as text either way. An untyped null makes the PostgreSQL driver send the
     * statement with other parameter types than the last time, and the server parses and plans it again: for this
     * insert, whose entries differ in which fields they fill, that was nearly every time.
     */
    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
