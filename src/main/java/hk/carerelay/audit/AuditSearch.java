package hk.carerelay.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the audit log for auditors: filtered, time-bounded, newest first, paged by keyset (the position after the
 * last row seen), so page 10,000 costs what page 1 does.
 */
@Service
public class AuditSearch {

    public static final int MAX_PAGE = 500;
    public static final int MAX_EXPORT = 100_000;

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a page ended: the next page starts after this row. Encoded as {@code epochMicros-id}. */
    public record Position(Instant occurredAt, long id) {

        public String token() {
            long micros = occurredAt.getEpochSecond() * 1_000_000 + occurredAt.getNano() / 1000;
            return micros + "-" + id;
        }

        public static Position parse(String token) {
            int dash = token.lastIndexOf('-');
            if (dash <= 0) {
                throw new IllegalArgumentException("bad position");
            }
            long micros = Long.parseLong(token.substring(0, dash));
            long id = Long.parseLong(token.substring(dash + 1));
            return new Position(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1000L), id);
        }
    }

    public record Page(List<AuditEntry> items, Position next) {
    }

    public Page page(AuditQuery query, Position after, int size) {
        StringBuilder sql = new StringBuilder("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE ");
        Map<String, Object> params = new HashMap<>();
        where(query, sql, params);
        if (after != null) {
            sql.append(" AND (occurred_at < :afterAt OR (occurred_at = :afterAt AND id < :afterId))");
            params.put("afterAt", after.occurredAt().atOffset(ZoneOffset.UTC));
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC FETCH FIRST ").append(size + 1).append(" ROWS ONLY");
        List<AuditEntry> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(AuditEntry::map).list());
        Position next = null;
        if (rows.size() > size) {
            rows.remove(size);
            AuditEntry last = rows.get(size - 1);
            next = new Position(last.occurredAt(), last.id());
        }
        return new Page(rows, next);
    }

    /** Streams up to {@value #MAX_EXPORT} matching entries, newest first, without holding them all in memory. */
    public int export(AuditQuery query, Consumer<AuditEntry> sink) {
        StringBuilder sql = new StringBuilder("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE ");
        Map<String, Object> params = new HashMap<>();
        where(query, sql, params);
        sql.append(" ORDER BY occurred_at DESC, id DESC FETCH FIRST ").append(MAX_EXPORT).append(" ROWS ONLY");
        int[] count = {0};
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            sink.accept(AuditEntry.map(rs, count[0]));
            count[0]++;
        });
        return count[0];
    }

    private static void where(AuditQuery q, StringBuilder sql, Map<String, Object> params) {
        sql.append("occurred_at >= :from AND occurred_at < :to");
        params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        if (q.patientId() != null) {
            sql.append(" AND patient_id = :patient");
            params.put("patient", q.patientId());
        }
        if (q.username() != null) {
            sql.append(" AND username = :username");
            params.put("username", q.username());
        }
        if (q.referralId() != null) {
            sql.append(" AND referral_id = :referral");
            params.put("referral", q.referralId());
        }
        if (q.action() != null) {
            sql.append(" AND action = :action");
            params.put("action", q.action().name());
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = :outcome");
            params.put("outcome", q.outcome());
        }
    }
}
