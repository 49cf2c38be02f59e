package hk.carerelay.message;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.access.Access;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.document.BlobKind;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.document.StoredBlob;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/**
 * A referral's message thread (ADR 0014). Whoever may see the referral and read its MESSAGES section reads the
 * thread; the participants the policy lets write, write in it. Each body is sealed in the document store together with
 * the thread, author and time it was written for, under the message's own id; opening a participant's thread marks
 * its messages read for them (receipts); emergency access reads without receipts and never writes. Every read and
 * write is audited with the patient.
 */
@Service
public class SecureMessages {

    /** The longest message body, in characters. */
    public static final int MAX_BODY = 4000;
    static final String MEDIA_TYPE = "application/json";

    private final JdbcClient jdbc;
    private final ReferralService referrals;
    private final ClinicalDocuments documents;
    private final DocumentStore store;
    private final UserDirectory users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    SecureMessages(JdbcClient jdbc, ReferralService referrals, ClinicalDocuments documents, DocumentStore store,
            UserDirectory users, AuditLog audit, ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.documents = documents;
        this.store = store;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** What is encrypted: the text with the thread, author, time and attachment it belongs to, checked on reading. */
    record Sealed(String caseType, String caseId, String author, String sentAt, String documentId, String body) {
    }

    /** A message row as stored (the body is in the document store under the same id). */
    private record Row(String id, String caseType, String caseId, String author, String authorInstitution,
            Instant sentAt, String documentId) {
    }

    // ---- reading ----

    /**
     * The referral's thread for the user: 404 outside scope, 403 where the policy withholds MESSAGES. A participant's
     * unread messages become read (receipts); under emergency access nothing is marked. Audited (BREAK_GLASS under a
     * grant).
     */
    @Transactional
    public MessageThread thread(CareRelayUser user, String referralId) {
        ReferralService.SectionAccess access = readable(user, referralId);
        boolean participant = participant(access);
        List<Row> rows = rows(CaseType.REFERRAL, referralId);
        Set<String> unread = participant ? unreadOf(user, rows) : Set.of();
        if (!unread.isEmpty()) {
            markRead(user, unread);
        }
        Map<String, List<Message.Receipt>> receipts = receipts(rows);
        Map<String, ClinicalDocuments.Document> openable = documents.openableIn(user, referralId);
        Map<String, String> names = new HashMap<>();
        List<Message> messages = new ArrayList<>();
        for (Row row : rows) {
            messages.add(view(row, open(user, row), receipts.getOrDefault(row.id(), List.of()), openable,
                    unread.contains(row.id()), names));
        }
        Referral referral = access.referral();
        AuditLog.Event event = AuditLog.Event.of(participant ? AuditAction.VIEW : AuditAction.BREAK_GLASS)
                .on("MessageThread", referralId).referral(referralId).patient(referral.patientId())
                .section(RecordSection.MESSAGES.name());
        audit.write(user, event.detail(participant
                ? "message thread, " + rows.size() + " messages, " + unread.size() + " newly read"
                : "message thread read under emergency access, " + rows.size() + " messages"));
        return new MessageThread(CaseType.REFERRAL, referralId, List.copyOf(messages), mayWrite(access),
                !participant);
    }

    /**
     * The user's unread messages over the referrals they may see and whose MESSAGES section they may read (their own
     * messages never count). Counts and referral ids only, so not audited.
     */
    @Transactional(readOnly = true)
    public UnreadMessages unread(CareRelayUser user) {
        if (user == null || user.institution() == null) {
            return new UnreadMessages(0, List.of());
        }
        // the institution narrows the search; the referral's own scope rule and the policy then decide
        Map<String, Long> candidates = new LinkedHashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        jdbc.sql("""
                SELECT m.case_id, COUNT(*) AS unread, MAX(m.sent_at) AS latest FROM message m
                JOIN referral r ON r.id = m.case_id
                WHERE m.case_type = :caseType AND m.author <> :me
                  AND (r.sending_institution = :institution OR r.receiving_institution = :institution)
                  AND NOT EXISTS (SELECT 1 FROM message_read mr WHERE mr.message_id = m.id AND mr.username = :me)
                GROUP BY m.case_id""")
                .param("caseType", CaseType.REFERRAL.name()).param("me", user.username())
                .param("institution", user.institution())
                .query(rs -> {
                    candidates.put(rs.getString("case_id"), rs.getLong("unread"));
                    latest.put(rs.getString("case_id"), rs.getObject("latest", OffsetDateTime.class).toInstant());
                });
        if (candidates.isEmpty()) {
            return new UnreadMessages(0, List.of());
        }
        // emergency access reads leave no receipts, so such threads are never counted as unread
        Map<String, ReferralService.SectionAccess> visible = referrals.sectionAccess(user, candidates.keySet(),
                RecordSection.MESSAGES);
        List<UnreadMessages.Thread> threads = candidates.entrySet().stream()
                .filter(e -> visible.containsKey(e.getKey())
                        && !visible.get(e.getKey()).standing().contains(Relationship.EMERGENCY_ACCESS)
                        && visible.get(e.getKey()).access().allowsRead())
                .map(e -> new UnreadMessages.Thread(CaseType.REFERRAL, e.getKey(), e.getValue(),
                        latest.get(e.getKey())))
                .sorted(Comparator.comparing(UnreadMessages.Thread::latest).reversed()
                        .thenComparing(UnreadMessages.Thread::caseId))
                .toList();
        return new UnreadMessages(threads.stream().mapToLong(UnreadMessages.Thread::unread).sum(), threads);
    }

    /**
     * Whether the user may read the referral's thread, and write in it, without reading anything (for screens that
     * decide what to show). Not audited.
     */
    @Transactional(readOnly = true)
    public Access access(CareRelayUser user, String referralId) {
        return referrals.sectionAccess(user, referralId, RecordSection.MESSAGES)
                .map(a -> a.access().allowsRead() && !mayWrite(a) ? Access.READ : a.access())
                .orElse(Access.DENY);
    }

    // ---- writing ----

    /**
     * Writes a message in the referral's thread: 404 outside scope, 403 without WRITE on MESSAGES or under emergency
     * access, 400 for an empty or too long text or a document that is not one of this referral's the author may open.
     * The body is stored encrypted, the write audited with the patient, and the other participants notified.
     */
    @Transactional
    public Message post(CareRelayUser user, String referralId, String body, String documentId) {
        ReferralService.SectionAccess access = referrals.sectionAccess(user, referralId, RecordSection.MESSAGES)
                .orElseThrow(() -> refused(user, "Referral", referralId, "message outside the user's scope",
                        new NotFoundException("No referral " + referralId + ".")));
        if (!mayWrite(access)) {
            throw refused(user, "MessageThread", referralId, "message without write access to MESSAGES",
                    new ForbiddenException("Your role may not write in this referral's messages."));
        }
        List<FieldError> errors = new ArrayList<>();
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            errors.add(new FieldError("body", "is required"));
        } else if (text.length() > MAX_BODY) {
            errors.add(new FieldError("body", "must be at most " + MAX_BODY + " characters"));
        }
        String attached = documentId == null || documentId.isBlank() ? null : documentId.strip();
        ClinicalDocuments.Document document = null;
        if (attached != null) {
            document = documents.openableIn(user, referralId).get(attached);
            if (document == null) {
                errors.add(new FieldError("documentId", "is not a document of this referral that you can open"));
            } else if (document.status() == ClinicalDocuments.Status.WITHDRAWN) {
                errors.add(new FieldError("documentId", "was withdrawn and cannot be attached"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Referral referral = access.referral();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        StoredBlob blob = store.store(BlobKind.MESSAGE, MEDIA_TYPE, write(new Sealed(CaseType.REFERRAL.name(),
                referralId, user.username(), now.toString(), attached, text)));
        String id = blob.id().toString();
        List<String> earlierAuthors = jdbc.sql("""
                SELECT DISTINCT author FROM message WHERE case_type = ? AND case_id = ?""")
                .params(CaseType.REFERRAL.name(), referralId).query(String.class).list();
        jdbc.sql("""
                INSERT INTO message (id, case_type, case_id, author, author_institution, sent_at, document_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, CaseType.REFERRAL.name(), referralId, user.username(), user.institution(),
                        now.atOffset(ZoneOffset.UTC), attached)
                .update();
        audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("Message", id).referral(referralId)
                .patient(referral.patientId()).section(RecordSection.MESSAGES.name())
                .detail(text.length() + " characters" + (attached == null ? "" : ", attachment document " + attached)));
        events.publishEvent(new MessagePosted(CaseType.REFERRAL, referralId, id, user.username(),
                referral.specialty(), recipients(user, access, earlierAuthors)));
        Row row = new Row(id, CaseType.REFERRAL.name(), referralId, user.username(), user.institution(), now,
                attached);
        Map<String, ClinicalDocuments.Document> openable = document == null ? Map.of() : Map.of(attached, document);
        return view(row, text, List.of(), openable, false, new HashMap<>());
    }

    // ---- helpers ----

    /** Participants are the sending and receiving sides; emergency access reads without taking part. */
    private static boolean participant(ReferralService.SectionAccess access) {
        return access.standing().contains(Relationship.SENDING) || access.standing().contains(Relationship.RECEIVING);
    }

    private static boolean mayWrite(ReferralService.SectionAccess access) {
        return participant(access) && access.access().allowsWrite();
    }

    private ReferralService.SectionAccess readable(CareRelayUser user, String referralId) {
        ReferralService.SectionAccess access = referrals.sectionAccess(user, referralId, RecordSection.MESSAGES)
                .orElseThrow(() -> refused(user, "Referral", referralId, "message thread outside the user's scope",
                        new NotFoundException("No referral " + referralId + ".")));
        if (!access.access().allowsRead()) {
            throw refused(user, "MessageThread", referralId, "the access policy withholds MESSAGES from the role",
                    new ForbiddenException("The access policy withholds this referral's messages from your role."));
        }
        return access;
    }

    /**
     * Who hears of a new message: from the sending side, the receiving coordinators and the specialists of the
     * specialty; from the receiving side, the referring doctor; and everyone who has written in the thread before.
     */
    private static List<String> recipients(CareRelayUser author, ReferralService.SectionAccess access,
            Collection<String> earlierAuthors) {
        Referral r = access.referral();
        Set<String> recipients = new LinkedHashSet<>();
        if (access.standing().contains(Relationship.SENDING)) {
            recipients.add(CareRelayUser.group(r.receivingInstitution(), Role.COORDINATOR));
            recipients.add(CareRelayUser.group(r.receivingInstitution(), Role.SPECIALIST, r.specialty()));
        }
        if (access.standing().contains(Relationship.RECEIVING)) {
            recipients.add(r.sendingUser());
        }
        recipients.addAll(earlierAuthors);
        recipients.remove(author.username());
        return List.copyOf(recipients);
    }

    private List<Row> rows(CaseType caseType, String caseId) {
        return jdbc.sql("""
                SELECT id, case_type, case_id, author, author_institution, sent_at, document_id FROM message
                WHERE case_type = ? AND case_id = ? ORDER BY sent_at, id""")
                .params(caseType.name(), caseId)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("case_type"), rs.getString("case_id"),
                        rs.getString("author"), rs.getString("author_institution"),
                        rs.getObject("sent_at", OffsetDateTime.class).toInstant(), rs.getString("document_id")))
                .list();
    }

    private Set<String> unreadOf(CareRelayUser user, List<Row> rows) {
        Set<String> read = new java.util.HashSet<>(jdbc.sql("""
                SELECT mr.message_id FROM message_read mr JOIN message m ON m.id = mr.message_id
                WHERE m.case_type = ? AND m.case_id = ? AND mr.username = ?""")
                .params(CaseType.REFERRAL.name(), rows.isEmpty() ? "" : rows.get(0).caseId(), user.username())
                .query(String.class).list());
        Set<String> unread = new LinkedHashSet<>();
        for (Row row : rows) {
            if (!row.author().equals(user.username()) && !read.contains(row.id())) {
                unread.add(row.id());
            }
        }
        return unread;
    }

    private void markRead(CareRelayUser user, Set<String> messageIds) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        try {
            for (String id : messageIds) {
                jdbc.sql("INSERT INTO message_read (message_id, username, read_at) VALUES (?, ?, ?)")
                        .params(id, user.username(), now).update();
            }
        } catch (DuplicateKeyException e) {
            // the same user opened the thread twice at the same moment; the other request records the receipts
            throw new OptimisticLockingFailureException("Receipts written concurrently", e);
        }
    }

    private Map<String, List<Message.Receipt>> receipts(List<Row> rows) {
        Map<String, List<Message.Receipt>> receipts = new HashMap<>();
        if (rows.isEmpty()) {
            return receipts;
        }
        Map<String, String> names = new HashMap<>();
        jdbc.sql("""
                SELECT mr.message_id, mr.username, mr.read_at FROM message_read mr JOIN message m ON m.id = mr.message_id
                WHERE m.case_type = ? AND m.case_id = ? ORDER BY mr.read_at, mr.username""")
                .params(rows.get(0).caseType(), rows.get(0).caseId())
                .query(rs -> {
                    String username = rs.getString("username");
                    receipts.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
                            .add(new Message.Receipt(username, name(username, names),
                                    rs.getObject("read_at", OffsetDateTime.class).toInstant()));
                });
        return receipts;
    }

    /** The body, after checking that what was sealed belongs to this row (a row moved to another thread fails). */
    private String open(CareRelayUser user, Row row) {
        Sealed sealed;
        try {
            sealed = json.readValue(store.read(UUID.fromString(row.id())), Sealed.class);
        } catch (IOException e) {
            throw tampered(user, row, "unreadable message content");
        }
        if (!row.caseType().equals(sealed.caseType()) || !row.caseId().equals(sealed.caseId())
                || !row.author().equals(sealed.author()) || !row.sentAt().toString().equals(sealed.sentAt())
                || !Objects.equals(row.documentId(), sealed.documentId())) {
            throw tampered(user, row, "the message row does not match its sealed thread, author, time or attachment");
        }
        return sealed.body();
    }

    private IllegalStateException tampered(CareRelayUser user, Row row, String reason) {
        audit.write(user, AuditLog.Event.of(AuditAction.DOCUMENT_TAMPERED).outcome("FAILURE").on("Message", row.id())
                .referral(row.caseId()).detail(reason));
        return new IllegalStateException("Message " + row.id() + " failed its integrity check: " + reason);
    }

    private Message view(Row row, String body, List<Message.Receipt> readBy,
            Map<String, ClinicalDocuments.Document> openable, boolean unread, Map<String, String> names) {
        Message.Attachment attachment = null;
        boolean pending = false;
        if (row.documentId() != null) {
            ClinicalDocuments.Document d = openable.get(row.documentId());
            if (d == null) {
                pending = true;
            } else {
                attachment = new Message.Attachment(d.id(), d.fileName(), d.category());
            }
        }
        return new Message(row.id(), row.author(), name(row.author(), names), row.authorInstitution(), row.sentAt(),
                body, attachment, pending, List.copyOf(readBy), unread);
    }

    private String name(String username, Map<String, String> names) {
        return names.computeIfAbsent(username,
                u -> users.find(u).map(CareRelayUser::displayName).orElse(u));
    }

    private byte[] write(Sealed sealed) {
        try {
            return json.writeValueAsBytes(sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <E extends RuntimeException> E refused(CareRelayUser user, String type, String id, String reason, E e) {
        audit.write(user, AuditLog.Event.of(AuditAction.ACCESS_DENIED).outcome("DENIED").on(type, id).referral(
                "Referral".equals(type) || "MessageThread".equals(type) ? id : null).detail(reason));
        return e;
    }
}
