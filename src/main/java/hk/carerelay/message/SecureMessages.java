package hk.carerelay.message;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.document.BlobKind;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.document.StoredBlob;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.message.CaseThreads.Participation;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/**
 * A case's message thread (ADR 0014): a referral's, a consultation's or a discharge handover's. The case's own scope
 * and access policy decide who reads the thread and who writes in it ({@link CaseThreads}). Each body is sealed in the
 * document store together with the thread, author and time it was written for, under the message's own id; opening a
 * participant's thread marks its messages read for them (receipts); emergency access reads without receipts and never
 * writes. Every read and write is audited with the patient.
 */
@Service
public class SecureMessages {

    /** The longest message body, in characters. */
    public static final int MAX_BODY = 4000;
    static final String MEDIA_TYPE = "application/json";

    private final JdbcClient jdbc;
    private final Map<CaseType, CaseThreads> cases = new EnumMap<>(CaseType.class);
    private final DocumentStore store;
    private final UserDirectory users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    SecureMessages(JdbcClient jdbc, List<CaseThreads> cases, DocumentStore store, UserDirectory users,
            AuditLog audit, ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        cases.forEach(c -> this.cases.put(c.type(), c));
        if (this.cases.size() != CaseType.values().length) {
            throw new IllegalStateException("Message threads without a case lookup: " + this.cases.keySet());
        }
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
     * The case's thread for the user: 404 outside the case's scope, 403 where the policy withholds the thread. A
     * participant's unread messages become read (receipts); under emergency access nothing is marked. Audited
     * (BREAK_GLASS under a grant).
     */
    @Transactional
    public MessageThread thread(CareRelayUser user, CaseType caseType, String caseId) {
        CaseThreads threads = cases.get(caseType);
        Participation participation = readable(user, threads, caseId);
        boolean participant = participation.participant();
        List<Row> rows = rows(caseType, caseId);
        Set<String> unread = participant ? unreadOf(user, caseType, caseId, rows) : Set.of();
        if (!unread.isEmpty()) {
            markRead(user, unread);
        }
        Map<String, List<Message.Receipt>> receipts = receipts(caseType, caseId, rows);
        Map<String, ClinicalDocuments.Document> openable = rows.stream().anyMatch(r -> r.documentId() != null)
                ? threads.openable(user, participation) : Map.of();
        Map<String, String> names = new HashMap<>();
        List<Message> messages = new ArrayList<>();
        for (Row row : rows) {
            messages.add(view(row, open(user, row), receipts.getOrDefault(row.id(), List.of()), openable,
                    unread.contains(row.id()), names));
        }
        String thread = caseType == CaseType.REFERRAL ? "message thread" : caseType.noun() + " message thread";
        AuditLog.Event event = AuditLog.Event.of(participant ? AuditAction.VIEW : AuditAction.BREAK_GLASS)
                .on("MessageThread", caseId).referral(participation.referralId()).patient(participation.patientId())
                .section(RecordSection.MESSAGES.name());
        audit.write(user, event.detail(participant
                ? thread + ", " + rows.size() + " messages, " + unread.size() + " newly read"
                : thread + " read under emergency access, " + rows.size() + " messages"));
        return new MessageThread(caseType, caseId, List.copyOf(messages), participation.mayWrite(), !participant);
    }

    /**
     * The user's unread messages over the threads of every case type they take part in (their own messages never
     * count; emergency access reads leave no receipts, so such threads never count). Counts and case ids only, so not
     * audited.
     */
    @Transactional(readOnly = true)
    public UnreadMessages unread(CareRelayUser user) {
        if (user == null || user.institution() == null) {
            return new UnreadMessages(0, List.of());
        }
        List<UnreadMessages.Thread> threads = new ArrayList<>();
        for (CaseThreads caseThreads : cases.values()) {
            threads.addAll(unread(user, caseThreads));
        }
        threads.sort(Comparator.comparing(UnreadMessages.Thread::latest).reversed()
                .thenComparing(UnreadMessages.Thread::caseId));
        return new UnreadMessages(threads.stream().mapToLong(UnreadMessages.Thread::unread).sum(),
                List.copyOf(threads));
    }

    /** One case type's unread threads: the case table narrows the search in SQL, the case's scope and policy decide. */
    private List<UnreadMessages.Thread> unread(CareRelayUser user, CaseThreads caseThreads) {
        Map<String, Long> candidates = new LinkedHashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        jdbc.sql("SELECT m.case_id, COUNT(*) AS unread, MAX(m.sent_at) AS latest FROM message m "
                + caseThreads.candidateJoin() + """

                WHERE m.case_type = :caseType AND m.author <> :me
                  AND NOT EXISTS (SELECT 1 FROM message_read mr WHERE mr.message_id = m.id AND mr.username = :me)
                GROUP BY m.case_id""")
                .param("caseType", caseThreads.type().name()).param("me", user.username())
                .param("institution", user.institution())
                .param("department", user.department() == null ? "" : user.department())
                .query(rs -> {
                    candidates.put(rs.getString("case_id"), rs.getLong("unread"));
                    latest.put(rs.getString("case_id"), rs.getObject("latest", OffsetDateTime.class).toInstant());
                });
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Participation> taking = caseThreads.participations(user, candidates.keySet());
        return candidates.entrySet().stream()
                .filter(e -> taking.containsKey(e.getKey()) && taking.get(e.getKey()).participant()
                        && taking.get(e.getKey()).access().allowsRead())
                .map(e -> new UnreadMessages.Thread(caseThreads.type(), e.getKey(), e.getValue(),
                        latest.get(e.getKey())))
                .toList();
    }

    /**
     * Whether the user may read the case's thread, and write in it, without reading anything (for screens that
     * decide what to show). Not audited.
     */
    @Transactional(readOnly = true)
    public Access access(CareRelayUser user, CaseType caseType, String caseId) {
        return cases.get(caseType).participation(user, caseId)
                .map(p -> p.mayWrite() ? Access.WRITE : p.access().allowsRead() ? Access.READ : Access.DENY)
                .orElse(Access.DENY);
    }

    /**
     * The documents the user may point at in a message of the case's thread (none where the case takes no
     * attachments, withdrawn ones left out). Not audited: nothing is opened.
     */
    @Transactional(readOnly = true)
    public List<ClinicalDocuments.Document> attachable(CareRelayUser user, CaseType caseType, String caseId) {
        CaseThreads threads = cases.get(caseType);
        return threads.participation(user, caseId).filter(Participation::mayWrite)
                .map(p -> threads.openable(user, p).values().stream()
                        .filter(d -> d.status() != ClinicalDocuments.Status.WITHDRAWN).toList())
                .orElse(List.of());
    }

    // ---- writing ----

    /**
     * Writes a message in the case's thread: 404 outside the case's scope, 403 without write access to the thread or
     * under emergency access, 400 for an empty or too long text or a document the thread may not point at (one that
     * is not the case's, that the author may not open, that was withdrawn, or any in a thread that takes none). The
     * body is stored encrypted, the write audited with the patient, and the other participants notified.
     */
    @Transactional
    public Message post(CareRelayUser user, CaseType caseType, String caseId, String body, String documentId) {
        CaseThreads threads = cases.get(caseType);
        Participation participation = threads.participation(user, caseId)
                .orElseThrow(() -> refused(user, caseType.objectType(), caseType, caseId,
                        "message outside the user's scope", notFound(caseType, caseId)));
        if (!participation.mayWrite()) {
            throw refused(user, "MessageThread", caseType, caseId, "message without write access to MESSAGES",
                    new ForbiddenException("Your role may not write in this " + caseType.noun() + "'s messages."));
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
            Optional<String> none = threads.noAttachments(participation);
            document = none.isPresent() ? null : threads.openable(user, participation).get(attached);
            if (none.isPresent()) {
                errors.add(new FieldError("documentId", none.get()));
            } else if (document == null) {
                errors.add(new FieldError("documentId", "is not a document of this " + caseType.noun()
                        + (caseType == CaseType.REFERRAL ? "" : "'s referral") + " that you can open"));
            } else if (document.status() == ClinicalDocuments.Status.WITHDRAWN) {
                errors.add(new FieldError("documentId", "was withdrawn and cannot be attached"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        StoredBlob blob = store.store(BlobKind.MESSAGE, MEDIA_TYPE, write(new Sealed(caseType.name(),
                caseId, user.username(), now.toString(), attached, text)));
        String id = blob.id().toString();
        List<String> earlierAuthors = jdbc.sql("""
                SELECT DISTINCT author FROM message WHERE case_type = ? AND case_id = ?""")
                .params(caseType.name(), caseId).query(String.class).list();
        jdbc.sql("""
                INSERT INTO message (id, case_type, case_id, author, author_institution, sent_at, document_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseType.name(), caseId, user.username(), user.institution(),
                        now.atOffset(ZoneOffset.UTC), attached)
                .update();
        audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("Message", id)
                .referral(participation.referralId()).patient(participation.patientId())
                .section(RecordSection.MESSAGES.name())
                .detail((caseType == CaseType.REFERRAL ? "" : "in " + caseType.noun() + " " + caseId + ", ")
                        + text.length() + " characters" + (attached == null ? "" : ", attachment document " + attached)));
        Set<String> recipients = new LinkedHashSet<>(participation.recipients());
        recipients.addAll(earlierAuthors);
        recipients.remove(user.username());
        events.publishEvent(new MessagePosted(caseType, caseId, id, user.username(), participation.specialty(),
                List.copyOf(recipients)));
        Row row = new Row(id, caseType.name(), caseId, user.username(), user.institution(), now, attached);
        Map<String, ClinicalDocuments.Document> openable = document == null ? Map.of() : Map.of(attached, document);
        return view(row, text, List.of(), openable, false, new HashMap<>());
    }

    // ---- helpers ----

    private Participation readable(CareRelayUser user, CaseThreads threads, String caseId) {
        CaseType caseType = threads.type();
        Participation participation = threads.participation(user, caseId)
                .orElseThrow(() -> refused(user, caseType.objectType(), caseType, caseId,
                        "message thread outside the user's scope", notFound(caseType, caseId)));
        if (!participation.access().allowsRead()) {
            throw refused(user, "MessageThread", caseType, caseId,
                    "the access policy withholds MESSAGES from the role", new ForbiddenException(
                            "The access policy withholds this " + caseType.noun() + "'s messages from your role."));
        }
        return participation;
    }

    private static NotFoundException notFound(CaseType caseType, String caseId) {
        return new NotFoundException("No " + caseType.noun() + " " + caseId + ".");
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

    private Set<String> unreadOf(CareRelayUser user, CaseType caseType, String caseId, List<Row> rows) {
        Set<String> read = new HashSet<>(jdbc.sql("""
                SELECT mr.message_id FROM message_read mr JOIN message m ON m.id = mr.message_id
                WHERE m.case_type = ? AND m.case_id = ? AND mr.username = ?""")
                .params(caseType.name(), caseId, user.username())
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

    private Map<String, List<Message.Receipt>> receipts(CaseType caseType, String caseId, List<Row> rows) {
        Map<String, List<Message.Receipt>> receipts = new HashMap<>();
        if (rows.isEmpty()) {
            return receipts;
        }
        Map<String, String> names = new HashMap<>();
        jdbc.sql("""
                SELECT mr.message_id, mr.username, mr.read_at FROM message_read mr JOIN message m ON m.id = mr.message_id
                WHERE m.case_type = ? AND m.case_id = ? ORDER BY mr.read_at, mr.username""")
                .params(caseType.name(), caseId)
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
                .referral(CaseType.REFERRAL.name().equals(row.caseType()) ? row.caseId() : null)
                .detail(reason + " (" + row.caseType() + " " + row.caseId() + ")"));
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

    private <E extends RuntimeException> E refused(CareRelayUser user, String type, CaseType caseType, String id,
            String reason, E e) {
        audit.write(user, AuditLog.Event.of(AuditAction.ACCESS_DENIED).outcome("DENIED").on(type, id)
                .referral(caseType == CaseType.REFERRAL ? id : null)
                .detail(caseType == CaseType.REFERRAL ? reason : reason + " (" + caseType + ")"));
        return e;
    }
}
