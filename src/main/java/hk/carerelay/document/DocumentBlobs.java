package hk.carerelay.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code document_blob} table. Content is written once; only the wrapped key and its key id ever change. */
@Repository
class DocumentBlobs {

    private static final String METADATA = "id, kind, media_type, content_length, kek_id, wrapped_key, nonce, created_at";

    private final JdbcClient jdbc;

    DocumentBlobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record WrappedKey(UUID id, String kekId, byte[] wrappedKey) {
    }

    void insert(BlobRow row) {
        jdbc.sql("""
                INSERT INTO document_blob (id, kind, media_type, content_length, kek_id, wrapped_key, nonce, ciphertext,
                                           created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.id().toString(), row.kind(), row.mediaType(), row.size(), row.kekId(),
                        row.wrappedKey(), row.nonce(), row.ciphertext(), row.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<BlobRow> find(UUID id) {
        return jdbc.sql("SELECT " + METADATA + ", ciphertext FROM document_blob WHERE id = ?").param(id.toString())
                .query((rs, n) -> map(rs, rs.getBytes("ciphertext"))).optional();
    }

    Optional<StoredBlob> metadata(UUID id) {
        return jdbc.sql("SELECT " + METADATA + " FROM document_blob WHERE id = ?").param(id.toString())
                .query((rs, n) -> map(rs, null).metadata()).optional();
    }

    /** Wrapped keys not under the given key-encryption key, in id order after {@code afterId} (keyset paging). */
    List<WrappedKey> wrappedKeysNotUnder(String kekId, String afterId, int limit) {
        return jdbc.sql("""
                SELECT id, kek_id, wrapped_key FROM document_blob
                WHERE kek_id <> ? AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY""")
                .params(kekId, afterId, limit)
                .query((rs, n) -> new WrappedKey(UUID.fromString(rs.getString("id")), rs.getString("kek_id"),
                        rs.getBytes("wrapped_key")))
                .list();
    }

    /** Replaces a wrapped key if the row still has the one that was read; false if it changed meanwhile. */
    boolean replaceWrappedKey(WrappedKey old, String kekId, byte[] wrappedKey) {
        return jdbc.sql("UPDATE document_blob SET kek_id = ?, wrapped_key = ? WHERE id = ? AND kek_id = ?")
                .params(kekId, wrappedKey, old.id().toString(), old.kekId()).update() == 1;
    }

    /** How many blobs each key-encryption key wraps. */
    Map<String, Long> countByKek() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT kek_id, COUNT(*) AS n FROM document_blob GROUP BY kek_id ORDER BY kek_id")
                .query(rs -> {
                    counts.put(rs.getString("kek_id"), rs.getLong("n"));
                });
        return counts;
    }

    private static BlobRow map(ResultSet rs, byte[] ciphertext) throws SQLException {
        return new BlobRow(UUID.fromString(rs.getString("id")), rs.getString("kind"),
                rs.getString("media_type"), rs.getLong("content_length"), rs.getString("kek_id"),
                rs.getBytes("wrapped_key"), rs.getBytes("nonce"), ciphertext,
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
