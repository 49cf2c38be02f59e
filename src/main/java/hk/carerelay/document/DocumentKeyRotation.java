package hk.carerelay.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.IntegrityException;
import hk.carerelay.identity.CurrentUser;

/**
 * Rotates the document key-encryption key: adds a new one to the keystore, then re-wraps every data key under it,
 * leaving the encrypted content as it is. Retired keys stay in the keystore for restoring older database backups.
 */
@Service
public class DocumentKeyRotation {

    private static final int BATCH = 200;
    // rows that keep arriving under the old key (a node not yet seeing the new one) are caught by a further pass
    private static final int MAX_PASSES = 5;

    private final DocumentBlobs blobs;
    private final EnvelopeEncryption envelopes;
    private final DocumentStore store;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    DocumentKeyRotation(DocumentBlobs blobs, EnvelopeEncryption envelopes, DocumentStore store, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.blobs = blobs;
        this.envelopes = envelopes;
        this.store = store;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * The new key, how many data keys were re-wrapped, the blobs whose wrapped key failed its integrity check (left
     * as they were, each in the audit log), and the number of blobs per key afterwards.
     */
    public record Result(String kekId, int rewrapped, List<UUID> tampered, Map<String, Long> blobsPerKek) {

        public boolean complete() {
            return tampered.isEmpty() && blobsPerKek.keySet().stream().allMatch(kekId::equals);
        }
    }

    public Result rotate() {
        String kekId = envelopes.addKek();
        int rewrapped = 0;
        List<UUID> tampered = new ArrayList<>();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int inPass = rewrapPass(kekId, tampered);
            rewrapped += inPass;
            if (inPass == 0) {
                break;
            }
        }
        Result result = new Result(kekId, rewrapped, List.copyOf(tampered), blobs.countByKek());
        audit.write(CurrentUser.get().orElse(null), AuditLog.Event.of(AuditAction.KEY_ROTATION)
                .outcome(result.complete() ? "SUCCESS" : "FAILURE").on("KeyEncryptionKey", kekId)
                .detail("Document data keys re-wrapped under " + kekId + ": " + rewrapped + "; failed integrity: "
                        + tampered.size() + "; blobs per key now " + result.blobsPerKek()));
        return result;
    }

    private int rewrapPass(String kekId, List<UUID> tampered) {
        int count = 0;
        String after = "";
        while (true) {
            List<DocumentBlobs.WrappedKey> batch = blobs.wrappedKeysNotUnder(kekId, after, BATCH);
            if (batch.isEmpty()) {
                return count;
            }
            List<IntegrityFailure> failures = new ArrayList<>();
            count += transactions.execute(status -> {
                int done = 0;
                for (DocumentBlobs.WrappedKey old : batch) {
                    if (tampered.contains(old.id())) {
                        continue;
                    }
                    try {
                        EnvelopeEncryption.Rewrapped fresh = envelopes.rewrap(old.kekId(), old.wrappedKey(),
                                old.id().toString());
                        if (blobs.replaceWrappedKey(old, fresh.kekId(), fresh.wrappedKey())) {
                            done++;
                        }
                    } catch (IntegrityException e) {
                        failures.add(new IntegrityFailure(old.id(), e));
                    }
                }
                return done;
            });
            for (IntegrityFailure failure : failures) {
                tampered.add(failure.id());
                store.tampered(failure.id(), failure.cause());
            }
            after = batch.get(batch.size() - 1).id().toString();
        }
    }

    private record IntegrityFailure(UUID id, IntegrityException cause) {
    }
}
