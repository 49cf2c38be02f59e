package hk.carerelay.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.crypto.Signatures;

/**
 * Seals new audit entries into the hash chain and the Merkle tree, and writes signed checkpoints. Runs every few
 * seconds on every node; a row lock makes sure only one node seals at a time. Entries are sealed in the order the
 * sealer sees them committed, so an entry whose transaction commits late still gets its place.
 */
@Component
public class AuditSealer {

    static final String CHECKPOINT_PREFIX = "carerelay-audit-checkpoint-v1";
    private static final int BATCH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final Signatures signatures;
    private final AuditProperties properties;
    private final Clock clock;

    AuditSealer(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, Signatures signatures,
            AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.signatures = signatures;
        this.properties = properties;
        this.clock = clock;
    }

    record Checkpoint(long treeSize, String rootHash, String chainHead, String frontier, Instant signedAt, String keyId,
            String signature) {

        byte[] signedBytes() {
            return signedBytes(treeSize, rootHash, chainHead);
        }

        static byte[] signedBytes(long treeSize, String rootHash, String chainHead) {
            return (CHECKPOINT_PREFIX + "\n" + treeSize + "\n" + rootHash + "\n" + chainHead + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Scheduled(fixedDelayString = "${carerelay.audit.seal-interval:PT2S}", initialDelayString = "PT5S")
    void scheduled() {
        sealAll(false);
    }

    /** Seals everything committed so far; with {@code checkpoint} also signs a checkpoint if anything is new. */
    public long sealAll(boolean checkpoint) {
        long sealed = 0;
        long count;
        do {
            count = tx.execute(status -> sealBatch());
            sealed += count;
        } while (count >= BATCH);
        tx.executeWithoutResult(status -> checkpointIfDue(checkpoint));
        return sealed;
    }

    private long sealBatch() {
        jdbc.sql("SELECT id FROM audit_sealer_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
        record Last(long seq, String chain, long maxEventId) {
        }
        Last last = jdbc.sql("""
                SELECT s.seq, s.chain_hash, (SELECT MAX(event_id) FROM audit_seal) FROM audit_seal s
                WHERE s.seq = (SELECT MAX(seq) FROM audit_seal)""")
                .query((rs, n) -> new Last(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .optional().orElse(new Last(0, MerkleTree.hex(MerkleTree.CHAIN_START), 0));
        // New entries beyond the newest sealed one: a plain index range, the common case.
        List<AuditEntry> pending = new ArrayList<>(jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event"
                + " WHERE id > ? ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY")
                .param(last.maxEventId()).query(AuditEntry::map).list());
        if (pending.size() < BATCH && last.maxEventId() > 0) {
            // Stragglers: entries with a lower id whose transaction committed after later ones were sealed. Only
            // the recent window is searched, so a long log costs nothing here.
            long floor = Math.max(0, last.maxEventId() - properties.sealLagWindow());
            pending.addAll(0, jdbc.sql("SELECT " + prefixed("e") + " FROM audit_event e"
                    + " LEFT JOIN audit_seal s ON s.event_id = e.id"
                    + " WHERE s.event_id IS NULL AND e.id > ? AND e.id <= ? ORDER BY e.id")
                    .params(floor, last.maxEventId()).query(AuditEntry::map).list());
        }
        byte[] chain = MerkleTree.unhex(last.chain());
        long seq = last.seq();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> seals = new ArrayList<>(pending.size());
        for (AuditEntry entry : pending) {
            byte[] leaf = MerkleTree.leafHash(entry.canonicalBytes());
            chain = MerkleTree.chainHash(chain, leaf);
            seq++;
            seals.add(new Object[] {seq, entry.id(), MerkleTree.hex(leaf), MerkleTree.hex(chain), now});
        }
        batch.batchUpdate("INSERT INTO audit_seal (seq, event_id, leaf_hash, chain_hash, sealed_at) VALUES (?, ?, ?, ?, ?)",
                seals);
        return pending.size();
    }

    private void checkpointIfDue(boolean force) {
        jdbc.sql("SELECT id FROM audit_sealer_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
        long size = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_seal").query(Long.class).single();
        Optional<Checkpoint> last = latestCheckpoint();
        long lastSize = last.map(Checkpoint::treeSize).orElse(0L);
        if (size == lastSize) {
            return;
        }
        boolean due = force || size - lastSize >= properties.checkpointEvery()
                || last.map(c -> c.signedAt().plus(properties.checkpointInterval()).isBefore(clock.instant()))
                        .orElse(true);
        if (!due) {
            return;
        }
        MerkleTree tree = last.map(c -> MerkleTree.fromFrontier(c.treeSize(), c.frontier())).orElseGet(MerkleTree::new);
        String[] head = new String[1];
        jdbc.sql("SELECT leaf_hash, chain_hash FROM audit_seal WHERE seq > ? AND seq <= ? ORDER BY seq")
                .params(lastSize, size)
                .query(rs -> {
                    tree.append(MerkleTree.unhex(rs.getString(1)));
                    head[0] = rs.getString(2);
                });
        String root = MerkleTree.hex(tree.root());
        Signatures.Signed signed = signatures.sign(Checkpoint.signedBytes(size, root, head[0]));
        jdbc.sql("""
                INSERT INTO audit_checkpoint (tree_size, root_hash, chain_head, frontier, signed_at, key_id, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(size, root, head[0], tree.frontierText(), clock.instant().atOffset(ZoneOffset.UTC),
                        signed.keyId(), signed.signature())
                .update();
    }

    Optional<Checkpoint> latestCheckpoint() {
        return jdbc.sql("SELECT tree_size, root_hash, chain_head, frontier, signed_at, key_id, signature "
                + "FROM audit_checkpoint WHERE tree_size = (SELECT MAX(tree_size) FROM audit_checkpoint)")
                .query(AuditSealer::mapCheckpoint).optional();
    }

    List<Checkpoint> checkpoints() {
        return jdbc.sql("SELECT tree_size, root_hash, chain_head, frontier, signed_at, key_id, signature "
                + "FROM audit_checkpoint ORDER BY tree_size").query(AuditSealer::mapCheckpoint).list();
    }

    private static Checkpoint mapCheckpoint(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7));
    }

    static String prefixed(String alias) {
        StringBuilder columns = new StringBuilder();
        for (String column : AuditEntry.COLUMNS.split(",\\s*")) {
            if (!columns.isEmpty()) {
                columns.append(", ");
            }
            columns.append(alias).append('.').append(column);
        }
        return columns.toString();
    }
}
