package hk.carerelay.workflow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The store of completed task forms. Features read their cases' submissions from here. */
@Repository
public class TaskSubmissions {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TaskSubmissions(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    TaskSubmission save(TaskSubmission s, String processInstanceId) {
        String id = UUID.randomUUID().toString();
        try {
            jdbc.sql("""
                    INSERT INTO task_submission (id, business_key, process_instance_id, task_id, task_key, form_id,
                                                 values_json, submitted_by, submitted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, s.caseId(), processInstanceId, s.taskId(), s.taskKey(), s.formId(),
                            json.writeValueAsString(s.values()), s.submittedBy(), s.submittedAt().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new TaskSubmission(id, s.caseId(), s.taskId(), s.taskKey(), s.formId(), s.values(), s.submittedBy(),
                s.submittedAt());
    }

    /** Every submission of a case, oldest first. */
    public List<TaskSubmission> forCase(String caseId) {
        return jdbc.sql("""
                SELECT id, business_key, task_id, task_key, form_id, values_json, submitted_by, submitted_at
                FROM task_submission WHERE business_key = ? ORDER BY submitted_at, id""")
                .param(caseId).query(this::map).list();
    }

    /** The newest submission of a case for one task (BPMN id), for example the latest triage decision. */
    public Optional<TaskSubmission> latest(String caseId, String taskKey) {
        return jdbc.sql("""
                SELECT id, business_key, task_id, task_key, form_id, values_json, submitted_by, submitted_at
                FROM task_submission WHERE business_key = ? AND task_key = ?
                ORDER BY submitted_at DESC, id DESC FETCH FIRST 1 ROWS ONLY""")
                .params(caseId, taskKey).query(this::map).optional();
    }

    private TaskSubmission map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TaskSubmission(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                read(rs.getString(6)), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant());
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored submission is not valid JSON", e);
        }
    }
}
