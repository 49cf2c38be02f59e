package hk.carerelay.audit;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes audit entries as a FHIR R4 Bundle of AuditEvent resources shaped after the IHE Basic Audit Log Patterns
 * (BALP): the user as requesting agent with network address, CareRelay as observer, the patient and the referral
 * (ServiceRequest) as entities. Streams, so an export never holds all entries in memory.
 */
final class FhirAuditEvents implements AutoCloseable {

    private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    private final JsonGenerator json;

    FhirAuditEvents(OutputStream out) throws IOException {
        json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeStringField("resourceType", "Bundle");
        json.writeStringField("type", "searchset");
        json.writeArrayFieldStart("entry");
    }

    private FhirAuditEvents(JsonGenerator json) {
        this.json = json;
    }

    /** One AuditEvent resource as compact JSON (what the syslog forwarder sends). */
    static String resource(AuditEntry e) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
            new FhirAuditEvents(generator).writeResource(e);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return text.toString();
    }

    void write(AuditEntry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("fullUrl", "urn:carerelay:audit:" + e.id());
        json.writeFieldName("resource");
        writeResource(e);
        json.writeEndObject();
    }

    private void writeResource(AuditEntry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("resourceType", "AuditEvent");
        json.writeStringField("id", String.valueOf(e.id()));
        json.writeObjectFieldStart("meta");
        json.writeArrayFieldStart("profile");
        json.writeString(BALP + profile(e));
        json.writeEndArray();
        json.writeEndObject();
        coding("type", type(e)[0], type(e)[1], type(e)[2]);
        if (e.action() == AuditAction.SIGN_IN || e.action() == AuditAction.SIGN_IN_FAILED
                || e.action() == AuditAction.SIGN_OUT) {
            json.writeArrayFieldStart("subtype");
            boolean in = e.action() != AuditAction.SIGN_OUT;
            codingObject(DCM, in ? "110122" : "110123", in ? "Login" : "Logout");
            json.writeEndArray();
        }
        json.writeStringField("action", e.action().fhirCode());
        json.writeStringField("recorded", e.occurredAt().toString());
        json.writeStringField("outcome", switch (e.outcome() == null ? "SUCCESS" : e.outcome()) {
            case "SUCCESS" -> "0";
            case "DENIED", "FAILURE" -> "4";
            default -> "8";
        });
        json.writeStringField("outcomeDesc", e.action().name() + (e.detail() == null ? "" : ": " + e.detail()));

        json.writeArrayFieldStart("agent");
        json.writeStartObject();
        json.writeObjectFieldStart("type");
        json.writeArrayFieldStart("coding");
        codingObject("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "humanuser", "human user");
        json.writeEndArray();
        json.writeEndObject();
        if (e.role() != null) {
            json.writeArrayFieldStart("role");
            json.writeStartObject();
            json.writeStringField("text", e.role());
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeObjectFieldStart("who");
        json.writeObjectFieldStart("identifier");
        json.writeStringField("system", "urn:carerelay:user");
        json.writeStringField("value", e.username() == null ? "unknown" : e.username());
        json.writeEndObject();
        json.writeEndObject();
        json.writeBooleanField("requestor", true);
        if (e.clientIp() != null) {
            json.writeObjectFieldStart("network");
            json.writeStringField("address", e.clientIp());
            json.writeStringField("type", "2");
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndArray();

        json.writeObjectFieldStart("source");
        if (e.institution() != null) {
            json.writeStringField("site", e.institution());
        }
        json.writeObjectFieldStart("observer");
        json.writeStringField("display", "CareRelay");
        json.writeEndObject();
        json.writeArrayFieldStart("type");
        codingObject("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server");
        json.writeEndArray();
        json.writeEndObject();

        json.writeArrayFieldStart("entity");
        if (e.patientId() != null) {
            entity("Patient/" + e.patientId(), "1", "Person", "1", "Patient");
        }
        if (e.referralId() != null) {
            entity("ServiceRequest/" + e.referralId(), "2", "System Object", "4", "Domain Resource");
        }
        if (e.objectType() != null && e.objectId() != null && !"Referral".equals(e.objectType())) {
            json.writeStartObject();
            json.writeObjectFieldStart("what");
            json.writeObjectFieldStart("identifier");
            json.writeStringField("system", "urn:carerelay:" + e.objectType().toLowerCase());
            json.writeStringField("value", e.objectId());
            json.writeEndObject();
            json.writeEndObject();
            if (e.recordSection() != null) {
                json.writeStringField("description", e.recordSection());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.close();
    }

    private void entity(String reference, String typeCode, String typeDisplay, String roleCode, String roleDisplay)
            throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("what");
        json.writeStringField("reference", reference);
        json.writeEndObject();
        json.writeObjectFieldStart("type");
        json.writeStringField("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type");
        json.writeStringField("code", typeCode);
        json.writeStringField("display", typeDisplay);
        json.writeEndObject();
        json.writeObjectFieldStart("role");
        json.writeStringField("system", "http://terminology.hl7.org/CodeSystem/object-role");
        json.writeStringField("code", roleCode);
        json.writeStringField("display", roleDisplay);
        json.writeEndObject();
        json.writeEndObject();
    }

    private void coding(String field, String system, String code, String display) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("system", system);
        json.writeStringField("code", code);
        json.writeStringField("display", display);
        json.writeEndObject();
    }

    private void codingObject(String system, String code, String display) throws IOException {
        json.writeStartObject();
        json.writeStringField("system", system);
        json.writeStringField("code", code);
        json.writeStringField("display", display);
        json.writeEndObject();
    }

    private static String[] type(AuditEntry e) {
        return switch (e.action()) {
            case SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, LOCKOUT -> new String[] {DCM, "110114", "User Authentication"};
            case EXPORT -> new String[] {DCM, "110106", "Export"};
            case ACCESS_DENIED, BREAK_GLASS -> new String[] {DCM, "110113", "Security Alert"};
            default -> new String[] {"http://terminology.hl7.org/CodeSystem/audit-event-type", "rest",
                    "RESTful Operation"};
        };
    }

    private static String profile(AuditEntry e) {
        boolean patient = e.patientId() != null;
        return switch (e.action()) {
            case SIGN_IN, SIGN_IN_FAILED -> "IHE.BasicAudit.Login";
            case SIGN_OUT -> "IHE.BasicAudit.Logout";
            case VIEW, DOWNLOAD, EXPORT -> patient ? "IHE.BasicAudit.PatientRead" : "IHE.BasicAudit.Read";
            case SEARCH -> patient ? "IHE.BasicAudit.PatientQuery" : "IHE.BasicAudit.Query";
            case CREATE -> patient ? "IHE.BasicAudit.PatientCreate" : "IHE.BasicAudit.Create";
            default -> patient ? "IHE.BasicAudit.PatientUpdate" : "IHE.BasicAudit.Update";
        };
    }
}
