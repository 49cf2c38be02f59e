package hk.carerelay.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import hk.carerelay.document.DocumentLimits;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/** Exports of the audit log (CSV, FHIR AuditEvent) and the per-patient access report, for the API and the UI alike. */
@Service
public class AuditExports {

    private final AuditSearch search;
    private final AuditLog audit;
    private final PatientRegistry patients;
    private final Clock clock;
    private final Path cjkFont;

    AuditExports(AuditSearch search, AuditLog audit, PatientRegistry patients, Clock clock, DocumentLimits documents) {
        this.search = search;
        this.audit = audit;
        this.patients = patients;
        this.clock = clock;
        this.cjkFont = documents.cjkFont();
    }

    public void csv(CareRelayUser user, AuditQuery query, OutputStream out) throws IOException {
        audited(user, query, "CSV");
        try (CsvAuditExport csv = new CsvAuditExport(out)) {
            search.export(query, e -> unchecked(() -> csv.write(e)));
        }
    }

    public void fhir(CareRelayUser user, AuditQuery query, OutputStream out) throws IOException {
        audited(user, query, "FHIR AuditEvent");
        try (FhirAuditEvents bundle = new FhirAuditEvents(out)) {
            search.export(query, e -> unchecked(() -> bundle.write(e)));
        }
    }

    /** The PDF for one patient, over the query's period; the request itself is audited under the patient. */
    public byte[] accessReport(CareRelayUser user, String hkid, AuditQuery query) {
        Hkid id = Hkid.parse(hkid).orElseThrow(() -> ValidationException.of("patient", "is not a valid HKID"));
        PatientRegistry.Patient patient = patients.find(id)
                .orElseThrow(() -> new NotFoundException("No patient with this HKID."));
        List<AuditEntry> entries = new ArrayList<>();
        search.export(query, entries::add);
        audit.write(user, AuditLog.Event.of(AuditAction.EXPORT).on("AccessReport", patient.id()).patient(patient.id())
                .detail("who-accessed report, entries=" + entries.size()));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            AccessReportPdf.write(new AccessReportPdf.Subject(id.display(), patient.name(), query.from(), query.to(),
                    user.displayName() + " (" + user.username() + ")", clock.instant()), entries, cjkFont, pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    private void audited(CareRelayUser user, AuditQuery query, String format) {
        audit.write(user, AuditLog.Event.of(AuditAction.EXPORT).on("AuditLog", null)
                .patient(AuditQueryParser.NO_SUCH_PATIENT.equals(query.patientId()) ? null : query.patientId())
                .detail(format + " export " + describe(query)));
    }

    static String describe(AuditQuery q) {
        return "from=" + q.from() + " to=" + q.to() + (q.username() == null ? "" : " user=" + q.username())
                + (q.referralId() == null ? "" : " referral=" + q.referralId())
                + (q.action() == null ? "" : " action=" + q.action())
                + (q.outcome() == null ? "" : " outcome=" + q.outcome());
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
