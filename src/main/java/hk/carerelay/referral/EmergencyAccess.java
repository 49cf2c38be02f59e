package hk.carerelay.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditEntry;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.EngineAuthorizations;

/**
 * Break-glass: a clinician opens a referral outside their scope by giving a reason. The grant lets them read that
 * one referral (what the access policy allows under EMERGENCY_ACCESS) until it expires, every read under it is
 * audited as emergency access, and the emergency-access-review process asks their institution's managers whether
 * it was justified. Grants are never deleted.
 */
@Service
public class EmergencyAccess {

    static final String PROCESS_KEY = "emergency-access-review";
    static final String TASK_REVIEW = "Task_ReviewEmergencyAccess";
    static final int MIN_REASON = 15;
    static final int MAX_REASON = 2000;
    /** Clinicians who may break the glass; the decision table decides what they then see. */
    static final Set<Role> CLINICIANS = Set.of(Role.SPECIALIST, Role.NURSE, Role.REFERRING_DOCTOR);

    private static final String SELECT = """
            SELECT id, referral_id, username, institution_code, reason, granted_at, expires_at, process_instance_id,
                   review_outcome, reviewed_by, review_comment, reviewed_at
            FROM emergency_access""";

    private final JdbcClient jdbc;
    private final ReferralRepository referrals;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final AuditLog audit;
    private final EngineAuthorizations engineAuthorizations;
    private final ApplicationEventPublisher events;
    private final ReferralProperties properties;
    private final Clock clock;

    EmergencyAccess(JdbcClient jdbc, ReferralRepository referrals, RuntimeService runtimeService,
            IdentityService identityService, AuditLog audit, EngineAuthorizations engineAuthorizations,
            ApplicationEventPublisher events, ReferralProperties properties, Clock clock) {
        this.engineAuthorizations = engineAuthorizations;
        this.events = events;
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens the referral for the user for the configured time (default one hour) and starts the managers' review;
     * all or nothing. A user who already holds an unexpired grant to it gets that grant back.
     */
    @Transactional
    public EmergencyGrant open(CareRelayUser user, String referralId, String reason) {
        if (!CLINICIANS.contains(user.role()) || user.institution() == null) {
            audit.denied(user, "Referral", referralId, "emergency access asked for by a non-clinical role");
            throw new ForbiddenException("Only clinicians (specialists, nurses, referring doctors) can use emergency access.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() < MIN_REASON || why.length() > MAX_REASON) {
            throw ValidationException.of("reason", "must say why, in " + MIN_REASON + " to " + MAX_REASON + " characters");
        }
        Referral referral = referrals.find(referralId).orElse(null);
        if (referral == null) {
            audit.write(user, AuditLog.Event.of(AuditAction.ACCESS_DENIED).outcome("DENIED").on("Referral", referralId)
                    .detail("emergency access to a referral that does not exist"));
            throw new NotFoundException("No referral " + referralId + ".");
        }
        if (referrals.findVisible(referralId, ReferralScope.of(user)).isPresent()) {
            throw new ConflictException("You can already see this referral; emergency access is not needed.");
        }
        Instant now = clock.instant();
        Optional<EmergencyGrant> current = active(user, referralId);
        if (current.isPresent()) {
            return current.get();
        }
        String id = UUID.randomUUID().toString();
        Instant expires = now.plus(properties.emergencyAccess().duration());
        jdbc.sql("""
                INSERT INTO emergency_access (id, referral_id, username, institution_code, reason, granted_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, referralId, user.username(), user.institution(), why, utc(now), utc(expires)).update();
        engineAuthorizations.allowStart(CareRelayUser.group(user.institution(), user.role()), PROCESS_KEY);
        identityService.setAuthentication(user.username(), user.engineGroups());
        ProcessInstance instance;
        try {
            instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                    .businessKey(id)
                    .setVariable("institution", user.institution())
                    .setVariable("referralId", referralId)
                    .setVariable("reviewDue", Date.from(now.plus(properties.emergencyAccess().reviewWithin())))
                    .execute();
        } finally {
            identityService.clearAuthentication();
        }
        jdbc.sql("UPDATE emergency_access SET process_instance_id = ? WHERE id = ?").params(instance.getId(), id).update();
        engineAuthorizations.shareInstance(instance.getId(),
                List.of(CareRelayUser.group(user.institution(), Role.MANAGER)), List.of());
        audit.write(user, AuditLog.Event.of(AuditAction.BREAK_GLASS).on("Referral", referralId).referral(referralId)
                .patient(referral.patientId()).processInstance(instance.getId())
                .detail("emergency access granted until " + expires + " (grant " + id + "); reason: " + why));
        events.publishEvent(new ReferralEvents.EmergencyAccessGranted(id, referralId, user.username(),
                user.institution(), expires));
        return find(id).orElseThrow();
    }

    /** Whether the role may ask for emergency access at all (the views offer it only then). */
    public static boolean availableTo(Role role) {
        return CLINICIANS.contains(role);
    }

    /** The user's unexpired grant to the referral, if any. */
    public Optional<EmergencyGrant> active(CareRelayUser user, String referralId) {
        return jdbc.sql(SELECT + " WHERE username = ? AND referral_id = ? AND expires_at > ? ORDER BY expires_at DESC")
                .params(user.username(), referralId, utc(clock.instant())).query(EmergencyAccess::map).stream()
                .findFirst();
    }

    /** The user's unexpired grants among the referrals, one per referral (the longest lasting). */
    Map<String, EmergencyGrant> active(CareRelayUser user, Collection<String> referralIds) {
        if (referralIds.isEmpty()) {
            return Map.of();
        }
        Map<String, EmergencyGrant> grants = new HashMap<>();
        jdbc.sql(SELECT + " WHERE username = :username AND referral_id IN (:ids) AND expires_at > :now")
                .param("username", user.username()).param("ids", List.copyOf(referralIds))
                .param("now", utc(clock.instant())).query(EmergencyAccess::map).list()
                .forEach(g -> grants.merge(g.referralId(), g,
                        (a, b) -> a.expiresAt().isAfter(b.expiresAt()) ? a : b));
        return grants;
    }

    /** A grant by id, regardless of who asks: for the review process and for callers that have checked access. */
    Optional<EmergencyGrant> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(EmergencyAccess::map).optional();
    }

    /** The grants of an institution among the given ids: what its managers review. */
    List<EmergencyGrant> ofInstitution(String institution, Collection<String> ids) {
        if (ids.isEmpty() || institution == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE institution_code = :institution AND id IN (:ids)")
                .param("institution", institution).param("ids", ids).query(EmergencyAccess::map).list();
    }

    /** A grant for a manager of the user's institution (404 for anyone else); the read is audited. */
    @Transactional
    public EmergencyGrant forReview(CareRelayUser manager, String grantId) {
        EmergencyGrant grant = find(grantId).filter(g -> manager.role() == Role.MANAGER
                && g.institution().equals(manager.institution())).orElse(null);
        if (grant == null) {
            audit.denied(manager, "EmergencyAccess", grantId, "not a manager of the grant's institution");
            throw new NotFoundException("No emergency access " + grantId + ".");
        }
        audit.write(manager, AuditLog.Event.of(AuditAction.VIEW).on("EmergencyAccess", grantId)
                .referral(grant.referralId()).detail("emergency access review"));
        return grant;
    }

    /** What the grant's holder opened under it (the emergency-access entries of the audit log), oldest first. */
    public List<AuditEntry> usesOf(EmergencyGrant grant) {
        return audit.forReferral(grant.referralId()).stream()
                .filter(e -> e.action() == AuditAction.BREAK_GLASS && grant.username().equals(e.username()))
                .toList();
    }

    /** Called by the review process: the managers' finding, ending the grant early if it was not justified. */
    @Transactional
    public void recordReview(String grantId, String outcome, String reviewer, String comment) {
        EmergencyGrant grant = find(grantId).orElseThrow(() -> new NotFoundException("No emergency access " + grantId + "."));
        Instant now = clock.instant();
        Instant expires = "JUSTIFIED".equals(outcome) || !grant.activeAt(now) ? grant.expiresAt() : now;
        jdbc.sql("""
                UPDATE emergency_access SET review_outcome = ?, reviewed_by = ?, review_comment = ?, reviewed_at = ?,
                       expires_at = ? WHERE id = ?""")
                .params(outcome, reviewer, comment, utc(now), utc(expires), grantId).update();
        audit.write(null, AuditLog.Event.of(AuditAction.UPDATE).on("EmergencyAccess", grantId)
                .referral(grant.referralId()).processInstance(grant.processInstanceId())
                .detail("emergency access of " + grant.username() + " reviewed by " + reviewer + ": " + outcome));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static EmergencyGrant map(ResultSet rs, int row) throws SQLException {
        return new EmergencyGrant(rs.getString("id"), rs.getString("referral_id"), rs.getString("username"),
                rs.getString("institution_code"), rs.getString("reason"), instant(rs, "granted_at"),
                instant(rs, "expires_at"), rs.getString("process_instance_id"), rs.getString("review_outcome"),
                rs.getString("reviewed_by"), rs.getString("review_comment"), instant(rs, "reviewed_at"));
    }
}
