package hk.carerelay.consultation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import hk.carerelay.access.RecordSection;

/** JDBC access to the consultation table (with the patient's name and HKID joined in for lists). */
@Repository
class ConsultationRepository {

    private static final String SELECT = """
            SELECT c.id, c.institution, c.requester, c.requesting_department, c.consulted_department, c.patient_id,
                   p.name, p.hkid, c.referral_id, c.shared_sections, c.urgency, c.question_blob, c.opinion_blob,
                   c.status, c.answered_by, c.process_instance_id, c.created_at, c.answered_at, c.closed_at
            FROM consultation c JOIN patient p ON p.id = c.patient_id
            """;

    private final JdbcClient jdbc;

    ConsultationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Consultation c) {
        jdbc.sql("""
                INSERT INTO consultation (id, institution, requester, requesting_department, consulted_department,
                    patient_id, referral_id, shared_sections, urgency, question_blob, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.institution(), c.requester(), c.requestingDepartment(), c.consultedDepartment(),
                        c.patientId(), c.referralId(), sections(c.sharedSections()), c.urgency(), c.questionBlob(),
                        c.status().name(), utc(c.createdAt()))
                .update();
    }

    void setProcessInstance(String id, String processInstanceId) {
        jdbc.sql("UPDATE consultation SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    Optional<Consultation> find(String id) {
        return jdbc.sql(SELECT + " WHERE c.id = ?").param(id).query(this::map).optional();
    }

    List<Consultation> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE c.id IN (:ids)").param("ids", ids).query(this::map).list();
    }

    List<Consultation> byRequester(String username, int limit) {
        return jdbc.sql(SELECT + " WHERE c.requester = ? ORDER BY c.created_at DESC FETCH FIRST " + limit + " ROWS ONLY")
                .param(username).query(this::map).list();
    }

    List<Consultation> byConsultedDepartment(String institution, String department, int limit) {
        return jdbc.sql(SELECT + """
                 WHERE c.institution = ? AND c.consulted_department = ?
                ORDER BY c.created_at DESC FETCH FIRST\s""" + limit + " ROWS ONLY")
                .params(institution, department).query(this::map).list();
    }

    /** Records the sealed opinion and who wrote it, while the request is still open; false otherwise. */
    boolean recordOpinion(String id, String opinionBlob, String answeredBy, Instant at) {
        return jdbc.sql("""
                UPDATE consultation SET opinion_blob = ?, answered_by = ?, answered_at = ?
                WHERE id = ? AND status = 'REQUESTED'""")
                .params(opinionBlob, answeredBy, utc(at), id).update() == 1;
    }

    /** Moves the status on from {@code from} only; false if it stands elsewhere (a race lost, a repeat). */
    boolean transition(String id, ConsultationStatus from, ConsultationStatus to, Instant at) {
        boolean closing = to == ConsultationStatus.COMPLETED || to == ConsultationStatus.CANCELLED;
        return jdbc.sql("UPDATE consultation SET status = ?" + (closing ? ", closed_at = ?" : "")
                + " WHERE id = ? AND status = ?")
                .params(closing ? List.of(to.name(), utc(at), id, from.name()) : List.of(to.name(), id, from.name()))
                .update() == 1;
    }

    private static String sections(Set<RecordSection> sections) {
        return sections.isEmpty() ? null
                : sections.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private Consultation map(ResultSet rs, int row) throws SQLException {
        String shared = rs.getString("shared_sections");
        Set<RecordSection> sections = EnumSet.noneOf(RecordSection.class);
        if (shared != null && !shared.isBlank()) {
            Arrays.stream(shared.split(",")).map(RecordSection::valueOf).forEach(sections::add);
        }
        return new Consultation(rs.getString("id"), rs.getString("institution"), rs.getString("requester"),
                rs.getString("requesting_department"), rs.getString("consulted_department"),
                rs.getString("patient_id"), rs.getString("name"), rs.getString("hkid"), rs.getString("referral_id"),
                sections, rs.getString("urgency"), rs.getString("question_blob"), rs.getString("opinion_blob"),
                ConsultationStatus.valueOf(rs.getString("status")), rs.getString("answered_by"),
                rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "answered_at"),
                instant(rs, "closed_at"));
    }
}
