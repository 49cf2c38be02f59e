package hk.carerelay.document;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Direct access to stored rows, as someone with database access would have it: to read raw bytes and alter them. */
final class BlobRows {

    private final JdbcClient jdbc;

    BlobRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Object> raw(UUID id) {
        return jdbc.sql("SELECT kind, media_type, content_length, kek_id, wrapped_key, nonce, ciphertext "
                + "FROM document_blob WHERE id = ?").param(id.toString()).query((rs, n) -> Map.<String, Object>of(
                        "kind", rs.getString("kind"), "media_type", rs.getString("media_type"),
                        "content_length", rs.getLong("content_length"), "kek_id", rs.getString("kek_id"),
                        "wrapped_key", rs.getBytes("wrapped_key"), "nonce", rs.getBytes("nonce"),
                        "ciphertext", rs.getBytes("ciphertext")))
                .single();
    }

    byte[] bytes(UUID id, String column) {
        return (byte[]) raw(id).get(column);
    }

    void set(UUID id, String column, Object value) {
        jdbc.sql("UPDATE document_blob SET " + column + " = ? WHERE id = ?").params(value, id.toString()).update();
    }

    static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
