package hk.carerelay.patient;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import hk.carerelay.shared.FieldError;

/**
 * A patient as a request names them (HKID, name, date of birth), checked the same way wherever a patient is sent:
 * errors are added under {@code prefix.hkid}, {@code prefix.name} and {@code prefix.dateOfBirth}; a field that fails
 * comes back null.
 */
public record PatientInput(Hkid hkid, String name, LocalDate dateOfBirth) {

    public static PatientInput check(String prefix, String hkid, String name, String dateOfBirth, LocalDate today,
            List<FieldError> errors) {
        Hkid parsed = null;
        if (blank(hkid)) {
            errors.add(new FieldError(prefix + ".hkid", "is required"));
        } else {
            parsed = Hkid.parse(hkid).orElse(null);
            if (parsed == null) {
                errors.add(new FieldError(prefix + ".hkid",
                        "is not a valid HKID (letter(s), six digits and a matching check digit, e.g. A123456(3))"));
            }
        }
        String cleanName = null;
        if (blank(name)) {
            errors.add(new FieldError(prefix + ".name", "is required"));
        } else if (name.strip().length() > 200) {
            errors.add(new FieldError(prefix + ".name", "must be at most 200 characters"));
        } else {
            cleanName = name.strip();
        }
        LocalDate dob = null;
        if (blank(dateOfBirth)) {
            errors.add(new FieldError(prefix + ".dateOfBirth", "is required"));
        } else {
            try {
                dob = LocalDate.parse(dateOfBirth.strip());
                if (dob.isAfter(today)) {
                    errors.add(new FieldError(prefix + ".dateOfBirth", "cannot be in the future"));
                    dob = null;
                } else if (dob.isBefore(LocalDate.of(1890, 1, 1))) {
                    errors.add(new FieldError(prefix + ".dateOfBirth", "is too far in the past"));
                    dob = null;
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(prefix + ".dateOfBirth", "must be a date (YYYY-MM-DD)"));
            }
        }
        return new PatientInput(parsed, cleanName, dob);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
