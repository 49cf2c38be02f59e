package hk.carerelay.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.crypto.Signatures;

/**
 * Re-computes the whole log and checks it against what was sealed and signed: every entry's leaf hash (content
 * changed?), the chain (entry removed, inserted or moved?), the sequence (gap?), every checkpoint's Merkle root and
 * Ed25519 signature, and that no signed checkpoint claims more entries than are left (truncated?). The result names the
 * first entry that does not match.
 */
@Service
public class AuditVerifier {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditSealer sealer;
    private final Signatures signatures;
    private final Clock clock;

    AuditVerifier(DataSource dataSource, TransactionTemplate tx, AuditSealer sealer, Signatures signatures,
            Clock clock) {
        // Its own template: the log is streamed in batches rather than loaded whole.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2000);
        this.tx = tx;
        this.sealer = sealer;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** The first mismatch: the position in the log, the audit row it concerns (if known) and why. */
    public record Failure(long seq, Long eventId, String reason) {
    }

    public record Result(boolean valid, long entriesChecked, int checkpointsChecked, long latestCheckpointSize,
            Failure firstFailure, long elapsedMillis, Instant verifiedAt) {
    }

    /** Seals what is pending (so that the newest entries are covered), then verifies. */
    public Result sealAndVerify() {
        sealer.sealAll(true);
        return verify();
    }

    public Result verify() {
        long started = System.nanoTime();
        List<AuditSealer.Checkpoint> checkpoints = sealer.checkpoints();
        Map<Long, AuditSealer.Checkpoint> bySize = new HashMap<>();
        checkpoints.forEach(c -> bySize.put(c.treeSize(), c));

        Walk walk = new Walk(bySize);
        tx.executeWithoutResult(status -> {
            jdbc.query("SELECT s.seq, s.event_id, s.leaf_hash, s.chain_hash, e.id AS present, "
                    + AuditSealer.prefixed("e").replace("e.id,", "e.id AS id,")
                    + " FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id ORDER BY s.seq",
                    rs -> {
                        if (walk.failure != null) {
                            return;
                        }
                        long seq = rs.getLong("seq");
                        long eventId = rs.getLong("event_id");
                        boolean present = rs.getObject("present") != null;
                        walk.step(seq, eventId, rs.getString("leaf_hash"), rs.getString("chain_hash"),
                                present ? AuditEntry.map(rs, 0) : null);
                    });
        });
        if (walk.failure == null) {
            for (AuditSealer.Checkpoint c : checkpoints) {
                if (c.treeSize() > walk.tree.size()) {
                    walk.failure = new Failure(walk.tree.size() + 1, null, "the log ends after entry "
                            + walk.tree.size() + " but a signed checkpoint covers " + c.treeSize()
                            + " entries: entries were removed from the end");
                    break;
                }
            }
        }
        long latest = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).treeSize();
        return new Result(walk.failure == null, walk.tree.size(), walk.checkpointsChecked, latest, walk.failure,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), clock.instant());
    }

    private final class Walk {
        private final Map<Long, AuditSealer.Checkpoint> checkpoints;
        private final MerkleTree tree = new MerkleTree();
        private byte[] chain = MerkleTree.CHAIN_START;
        private int checkpointsChecked;
        private Failure failure;

        Walk(Map<Long, AuditSealer.Checkpoint> checkpoints) {
            this.checkpoints = checkpoints;
        }

        void step(long seq, long eventId, String storedLeaf, String storedChain, AuditEntry entry) {
            long expected = tree.size() + 1;
            if (seq != expected) {
                failure = new Failure(expected, null, "entry " + expected + " is missing (the next sealed entry is "
                        + seq + ")");
                return;
            }
            if (entry == null) {
                failure = new Failure(seq, eventId, "audit row " + eventId + " was deleted");
                return;
            }
            byte[] leaf = MerkleTree.leafHash(entry.canonicalBytes());
            if (!MerkleTree.hex(leaf).equals(storedLeaf)) {
                failure = new Failure(seq, eventId, "audit row " + eventId + " was changed after it was sealed");
                return;
            }
            chain = MerkleTree.chainHash(chain, leaf);
            if (!MerkleTree.hex(chain).equals(storedChain)) {
                failure = new Failure(seq, eventId, "the chain breaks at entry " + seq
                        + ": an entry before it was removed, inserted or moved");
                return;
            }
            tree.append(leaf);
            AuditSealer.Checkpoint checkpoint = checkpoints.get(seq);
            if (checkpoint != null) {
                checkpointsChecked++;
                String root = MerkleTree.hex(tree.root());
                if (!root.equals(checkpoint.rootHash()) || !MerkleTree.hex(chain).equals(checkpoint.chainHead())) {
                    failure = new Failure(seq, eventId, "the log up to entry " + seq
                            + " does not match the signed checkpoint of that size");
                } else if (!signatures.verify(checkpoint.signedBytes(), checkpoint.keyId(), checkpoint.signature())) {
                    failure = new Failure(seq, eventId, "the signature of the checkpoint at entry " + seq
                            + " is not valid");
                }
            }
        }
    }
}
