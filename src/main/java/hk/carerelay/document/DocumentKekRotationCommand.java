package hk.carerelay.document;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import hk.carerelay.crypto.KeyStoreService;

/**
 * Command-line key rotation: {@code java -jar carerelay.jar --documents-rotate-kek --server.port=0} adds a new
 * document key-encryption key to the keystore, re-wraps every data key under it, prints the result and exits with 0,
 * or 3 if some wrapped keys failed their integrity check. On a keystore without any such key it creates the first.
 */
@Component
class DocumentKekRotationCommand implements ApplicationRunner {

    static final int INCOMPLETE = 3;

    private final DocumentKeyRotation rotation;
    private final ApplicationContext context;

    DocumentKekRotationCommand(DocumentKeyRotation rotation, ApplicationContext context) {
        this.rotation = rotation;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(KeyStoreService.ADD_DOCUMENT_KEK_OPTION)) {
            return;
        }
        DocumentKeyRotation.Result result = rotation.rotate();
        System.out.println(describe(result));
        int code = result.complete() ? 0 : INCOMPLETE;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }

    static String describe(DocumentKeyRotation.Result r) {
        StringBuilder text = new StringBuilder();
        text.append(r.complete() ? "Document key rotation COMPLETE" : "Document key rotation INCOMPLETE")
                .append(": new key-encryption key ").append(r.kekId()).append(", ").append(r.rewrapped())
                .append(" data keys re-wrapped; blobs per key: ").append(r.blobsPerKek());
        if (!r.tampered().isEmpty()) {
            text.append("\n").append(r.tampered().size()).append(" blobs failed their integrity check and still use ")
                    .append("their old key (see the audit log): ").append(r.tampered());
        }
        return text.toString();
    }
}
