package hk.carerelay.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One audit log entry (shaped after FHIR AuditEvent / IHE BALP): when, who (role, institution, on whose behalf), from
 * where (client IP, user agent), what action on which objects (patient, referral, record section, process instance),
 * outcome and reason.
 */
public record AuditEntry(long id, Instant occurredAt, String username, String role, String institution,
        String onBehalfOf, String clientIp, String userAgent, AuditAction action, String objectType, String objectId,
        String patientId, String referralId, String recordSection, String processInstanceId, String outcome,
        String detail) {

    static final String COLUMNS = "id, occurred_at, username, role, institution, on_behalf_of, client_ip, user_agent, "
            + "action, object_type, object_id, patient_id, referral_id, record_section, process_instance_id, outcome, "
            + "detail";

    static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("username"), rs.getString("role"), rs.getString("institution"),
                rs.getString("on_behalf_of"), rs.getString("client_ip"), rs.getString("user_agent"),
                AuditAction.valueOf(rs.getString("action")), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("patient_id"), rs.getString("referral_id"), rs.getString("record_section"),
                rs.getString("process_instance_id"), rs.getString("outcome"), rs.getString("detail"));
    }

    /**
     * The bytes the leaf hash is computed over: every field in a fixed order, each as a length-prefixed UTF-8 string
     * (length -1 for null). Instants are stored and hashed to the microsecond.
     */
    byte[] canonicalBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(id);
            for (String field : new String[] {occurredAt.toString(), username, role, institution, onBehalfOf, clientIp,
                    userAgent, action.name(), objectType, objectId, patientId, referralId, recordSection,
                    processInstanceId, outcome, detail}) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
