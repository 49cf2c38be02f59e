package hk.carerelay.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Command-line verification: {@code java -jar carerelay.jar --audit-verify --server.port=0} seals what is pending,
 * verifies the whole log, prints the result and exits with 0 (valid) or 3 (tampering found).
 */
@Component
class AuditVerifyCommand implements ApplicationRunner {

    static final String OPTION = "audit-verify";
    static final int TAMPERED = 3;

    private final AuditVerifier verifier;
    private final ApplicationContext context;

    AuditVerifyCommand(AuditVerifier verifier, ApplicationContext context) {
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        AuditVerifier.Result result = verifier.sealAndVerify();
        System.out.println(describe(result));
        int code = result.valid() ? 0 : TAMPERED;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }

    static String describe(AuditVerifier.Result r) {
        StringBuilder text = new StringBuilder();
        text.append(r.valid() ? "Audit log VALID" : "Audit log TAMPERED").append(": ").append(r.entriesChecked())
                .append(" entries, ").append(r.checkpointsChecked()).append(" signed checkpoints checked in ")
                .append(r.elapsedMillis()).append(" ms");
        if (r.firstFailure() != null) {
            text.append("\nFirst mismatch at entry ").append(r.firstFailure().seq());
            if (r.firstFailure().eventId() != null) {
                text.append(" (audit row ").append(r.firstFailure().eventId()).append(')');
            }
            text.append(": ").append(r.firstFailure().reason());
        }
        return text.toString();
    }
}
