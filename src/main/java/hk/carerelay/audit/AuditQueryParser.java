package hk.carerelay.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;

/**
 * Turns search parameters into an {@link AuditQuery}, naming every bad parameter. Dates are ISO instants or Hong
 * Kong calendar dates ({@code to} is exclusive); an unknown patient matches nothing rather than everything.
 */
@Component
public class AuditQueryParser {

    static final Set<String> OUTCOMES = Set.of("SUCCESS", "FAILURE", "DENIED");
    static final String NO_SUCH_PATIENT = "no-such-patient";

    private final PatientRegistry patients;
    private final Clock clock;

    AuditQueryParser(PatientRegistry patients, Clock clock) {
        this.patients = patients;
        this.clock = clock;
    }

    public AuditQuery parse(String patient, String user, String referral, String action, String outcome, String from,
            String to, int defaultDays) {
        List<FieldError> errors = new ArrayList<>();
        String patientId = null;
        if (patient != null && !patient.isBlank()) {
            Hkid hkid = Hkid.parse(patient).orElse(null);
            if (hkid == null) {
                errors.add(new FieldError("patient", "is not a valid HKID"));
            } else {
                patientId = patients.idOf(hkid).orElse(NO_SUCH_PATIENT);
            }
        }
        AuditAction parsedAction = null;
        if (action != null && !action.isBlank()) {
            try {
                parsedAction = AuditAction.valueOf(action.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("action", "must be one of " + List.of(AuditAction.values())));
            }
        }
        String parsedOutcome = null;
        if (outcome != null && !outcome.isBlank()) {
            parsedOutcome = outcome.strip();
            if (!OUTCOMES.contains(parsedOutcome)) {
                errors.add(new FieldError("outcome", "must be one of " + OUTCOMES));
            }
        }
        Instant toInstant = instant(to, "to", errors);
        Instant fromInstant = instant(from, "from", errors);
        if (toInstant == null) {
            toInstant = clock.instant().plusSeconds(1);
        }
        if (fromInstant == null) {
            fromInstant = toInstant.minus(Duration.ofDays(defaultDays));
        }
        if (errors.isEmpty()) {
            if (!fromInstant.isBefore(toInstant)) {
                errors.add(new FieldError("from", "must be before 'to'"));
            } else if (Duration.between(fromInstant, toInstant).toDays() > AuditQuery.MAX_DAYS) {
                errors.add(new FieldError("from", "the period may not exceed " + AuditQuery.MAX_DAYS + " days"));
            }
        }
        if (user != null && user.length() > 64) {
            errors.add(new FieldError("user", "is too long"));
        }
        if (referral != null && referral.length() > 36) {
            errors.add(new FieldError("referral", "is too long"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AuditQuery(patientId, blankToNull(user), blankToNull(referral), parsedAction, parsedOutcome,
                fromInstant, toInstant);
    }

    private static Instant instant(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(HongKongTime.ZONE).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date (YYYY-MM-DD) or an ISO instant"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
