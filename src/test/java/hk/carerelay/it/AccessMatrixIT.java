package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;

import hk.carerelay.access.Access;
import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.NewUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;

/**
 * The access matrix: every API endpoint × every demo role × (own object, another department's, another
 * institution's) → the status the access policy and the scope rules call for. The endpoints are read from the
 * application itself, so a new endpoint without a row here fails the test; the expected answers for record sections
 * come from the deployed decision table. Any difference fails, an unexpected allow above all; the report lists every
 * cell that differs.
 */
class AccessMatrixIT extends ApiTestSupport {

    /** The demo users, one per role (the receiving hospital's staff and the clinic's doctor). */
    private static final List<String> USERS = List.of("gp.chan", "coord.wong", "dr.lee", "nurse.ho", "intern.lam",
            "admin.ng", "manager.tsang", "auditor.yip", "sysadmin", "metrics");

    private static final Set<Role> REFERRAL_ROLES = EnumSet.of(Role.REFERRING_DOCTOR, Role.COORDINATOR,
            Role.SPECIALIST, Role.NURSE, Role.INTERN, Role.ADMIN_STAFF, Role.MANAGER);
    private static final Set<Role> CLINICIANS = EnumSet.of(Role.REFERRING_DOCTOR, Role.SPECIALIST, Role.NURSE);
    private static final String EMERGENCY_REASON = "Seen in our emergency department with chest pain just now.";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    AccessPolicy policy;
    @Autowired
    UserDirectory users;

    /** A referral the matrix uses: who sent it where, for which specialty, and its triage task. */
    private record Ref(String id, String sending, String receiving, String specialty, String triageTask,
            String document) {
    }

    private enum Kind { OWN, OTHER_DEPARTMENT, OTHER_INSTITUTION }

    private final List<String> differences = new ArrayList<>();
    private final Set<String> covered = new TreeSet<>();
    /** The consent to share each referral, recorded by its sender when it was sent (ApiTestSupport). */
    private final Map<String, String> consentOf = new java.util.HashMap<>();

    @Test
    void everyEndpointAnswersEveryRoleAsThePolicySays() {
        if (!users.exists("dr.ma")) {
            users.create(new NewUser("dr.ma", "Dr Ma Lok Yin", PASSWORD, SECRET, Role.REFERRING_DOCTOR, "LRH",
                    "FAMILY_MEDICINE"));
        }
        if (!users.exists("dr.kwok")) {
            throw new IllegalStateException("demo data lacks the second hospital");
        }
        Ref cardiology = send("gp.chan", "HSC", "CARDIOLOGY");
        Ref endocrinology = send("gp.chan", "HSC", "ENDOCRINOLOGY");
        Ref toOtherHospital = send("gp.chan", "LRH", "CARDIOLOGY");
        Ref fromOtherHospital = send("dr.ma", "HSC", "CARDIOLOGY");
        Response grant = post("/api/referrals/" + cardiology.id() + "/emergency-access", token("dr.kwok"),
                Map.of("reason", EMERGENCY_REASON));
        assertThat(grant.status()).as(grant.raw()).isEqualTo(201);
        String otherHospitalsGrant = grant.body().get("id").asText();
        String consultation = askConsultation(cardiology);
        String consultationToCancel = askConsultation(cardiology);

        Map<String, CareRelayUser> people = new LinkedHashMap<>();
        for (String username : USERS) {
            people.put(username, users.find(username).orElseThrow());
        }

        // Reads first: claims below make their users part of a care team, which reads do not assume.
        for (CareRelayUser user : people.values()) {
            for (Kind kind : Kind.values()) {
                Ref ref = objectFor(user, kind, cardiology, endocrinology, toOtherHospital, fromOtherHospital);
                checkReferralReads(user, kind, ref);
                checkTaskReads(user, kind, ref);
                checkRefusedWrites(user, kind, ref);
                checkDocuments(user, kind, ref);
                checkMessages(user, kind, ref);
                checkConsents(user, kind, ref);
            }
            checkRoleOnlyEndpoints(user, otherHospitalsGrant);
            checkConsultations(user, consultation, consultationToCancel);
        }
        for (CareRelayUser user : people.values()) {
            for (Kind kind : Kind.values()) {
                checkClaim(user, kind, objectFor(user, kind, cardiology, endocrinology, toOtherHospital,
                        fromOtherHospital));
            }
        }
        checkDischarges(people);
        checkAnonymous();

        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m + " " + path));
                }
            }
        }
        assertThat(covered).as("every API endpoint has a row in the access matrix").containsAll(endpoints);
        assertThat(differences).as("cells of the access matrix that differ from the policy").isEmpty();
    }

    // ---- the objects ----

    private Ref send(String username, String to, String specialty) {
        Map<String, Object> body = new LinkedHashMap<>(referral(newHkid(), "Matrix Patient", specialty, "ROUTINE"));
        body.put("receivingInstitution", to);
        Response created = post("/api/referrals", token(username), body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asText();
        CareRelayUser sender = users.find(username).orElseThrow();
        String coordinator = "HSC".equals(to) ? "coord.wong" : "coord.cheung";
        Response document = postMultipart("/api/referrals/" + id + "/documents", token(username), "letter.txt",
                "Referral letter: exertional chest pain, ECG normal.".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("category", "LETTER"));
        assertThat(document.status()).as(document.raw()).isEqualTo(201);
        Response consent = get("/api/consents?referral=" + id, token(username));
        assertThat(consent.status()).as(consent.raw()).isEqualTo(200);
        consentOf.put(id, consent.body().get(0).get("id").asText());
        return new Ref(id, sender.institution(), to, specialty, taskOf(token(coordinator), id, "Task_TriageReferral"),
                document.body().get("id").asText());
    }

    /** Own: in the user's institution and department; other department: same institution; other institution. */
    private static Ref objectFor(CareRelayUser user, Kind kind, Ref cardiology, Ref endocrinology, Ref toOther,
            Ref fromOther) {
        boolean endocrine = "ENDOCRINOLOGY".equals(user.department());
        return switch (kind) {
            case OWN -> endocrine ? endocrinology : cardiology;
            case OTHER_DEPARTMENT -> endocrine ? cardiology : endocrinology;
            case OTHER_INSTITUTION -> "KEFC".equals(user.institution()) ? fromOther : toOther;
        };
    }

    /** dr.lee (cardiology, HSC) asks endocrinology about the cardiology referral, sharing its summary. */
    private String askConsultation(Ref referral) {
        Response asked = post("/api/consultations", token("dr.lee"), Map.of("consultedDepartment", "ENDOCRINOLOGY",
                "urgency", "ROUTINE", "question", "Please advise on diabetes control before angiography.",
                "referralId", referral.id(), "sharedSections", List.of("REFERRAL_SUMMARY")));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(201);
        return asked.body().get("id").asText();
    }

    // ---- the expectations, from the scope rules and the decision table ----

    private static boolean inScope(CareRelayUser user, Ref ref) {
        return REFERRAL_ROLES.contains(user.role())
                && (user.institution().equals(ref.sending()) || user.institution().equals(ref.receiving()))
                && (user.role() != Role.INTERN || ref.specialty().equals(user.department()));
    }

    private static Set<Relationship> relationships(CareRelayUser user, Ref ref) {
        Set<Relationship> relationships = EnumSet.noneOf(Relationship.class);
        if (user.institution().equals(ref.sending())) {
            relationships.add(Relationship.SENDING);
        }
        if (user.institution().equals(ref.receiving())) {
            relationships.add(Relationship.RECEIVING);
        }
        if (!relationships.isEmpty() && ref.specialty().equals(user.department())) {
            relationships.add(Relationship.SAME_DEPARTMENT);
        }
        return relationships;
    }

    /** The triage task goes to the receiving institution's coordinators. */
    private static boolean candidateForTriage(CareRelayUser user, Ref ref) {
        return user.role() == Role.COORDINATOR && user.institution().equals(ref.receiving());
    }

    // ---- the checks ----

    private void expect(String endpoint, CareRelayUser user, Kind kind, int expected, Response actual) {
        covered.add(endpoint);
        if (actual.status() != expected) {
            boolean allowed = actual.status() < 400;
            differences.add((allowed ? "UNEXPECTED ALLOW " : "") + endpoint + " as " + user.username() + " on "
                    + kind + ": expected " + expected + ", got " + actual.status() + " " + abbreviate(actual.raw()));
        }
    }

    /**
     * Consents (ADR 0019): the sending clinic's referring doctors record, read and withdraw them; the receiving
     * institution's coordinators, specialists and nurses read them; anyone else at either institution is refused
     * (403), anyone else is told nothing exists (404).
     */
    private void checkConsents(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        String consent = consentOf.get(ref.id());
        boolean involved = user.institution().equals(ref.sending()) || user.institution().equals(ref.receiving());
        boolean reader = user.institution().equals(ref.receiving())
                ? EnumSet.of(Role.COORDINATOR, Role.SPECIALIST, Role.NURSE).contains(user.role())
                : user.role() == Role.REFERRING_DOCTOR;
        int read = !involved ? 404 : reader ? 200 : 403;
        expect("GET /api/consents/{id}", user, kind, read, get("/api/consents/" + consent, token));
        expect("GET /api/consents/{id}/form", user, kind, read, get("/api/consents/" + consent + "/form", token));
        expect("GET /api/consents/{id}/verification", user, kind, read,
                get("/api/consents/" + consent + "/verification", token));
        // an empty reason: refused as bad input once the caller may withdraw, so the matrix never withdraws
        expect("POST /api/consents/{id}/withdrawal", user, kind,
                read != 200 ? read : user.role() == Role.REFERRING_DOCTOR ? 400 : 403,
                post("/api/consents/" + consent + "/withdrawal", token, Map.of("reason", "")));
        boolean visible = inScope(user, ref);
        expect("GET /api/consents", user, kind, !visible ? 404
                        : policy.access(user, relationships(user, ref), RecordSection.DEMOGRAPHICS).allowsRead() ? 200
                                : 403,
                get("/api/consents?referral=" + ref.id(), token));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", "REFERRAL");
        body.put("referralId", ref.id());
        body.put("decision", "GRANTED");
        body.put("patientHasCapacity", true);
        body.put("signature", hk.carerelay.consent.ConsentFixtures.signature());
        expect("POST /api/consents", user, kind, user.role() != Role.REFERRING_DOCTOR ? 403 : !visible ? 404
                : user.institution().equals(ref.sending()) ? 201 : 403, post("/api/consents", token, body));
    }

    private void checkReferralReads(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        boolean visible = inScope(user, ref);
        Response detail = get("/api/referrals/" + ref.id(), token);
        expect("GET /api/referrals/{id}", user, kind, visible ? 200 : 404, detail);
        if (visible && detail.status() == 200) {
            Set<RecordSection> readable = policy.readable(user, relationships(user, ref));
            checkDisclosure(user, kind, detail.body(), readable);
        }

        boolean listed = false;
        for (int page = 0; page < 50 && !listed; page++) {
            Response list = get("/api/referrals?status=RECEIVED&size=100&page=" + page, token);
            expect("GET /api/referrals", user, kind, 200, list);
            if (list.status() != 200 || list.body().get("items").isEmpty()) {
                break;
            }
            for (JsonNode item : list.body().get("items")) {
                listed |= ref.id().equals(item.get("id").asText());
            }
        }
        if (listed != visible) {
            differences.add((listed ? "UNEXPECTED ALLOW " : "") + "GET /api/referrals as " + user.username() + " on "
                    + kind + ": listed=" + listed + ", in scope=" + visible);
        }

        // Worklists: coordinators and managers, their institution's incoming referrals only.
        Response worklist = get("/api/worklists/for-review?q=" + ref.id(), token);
        boolean reader = user.role() == Role.COORDINATOR || user.role() == Role.MANAGER;
        expect("GET /api/worklists/{list}", user, kind, reader ? 200 : 403, worklist);
        boolean onWorklist = worklist.status() == 200 && worklist.body().get("items").size() == 1;
        boolean expectedOnWorklist = reader && visible && user.institution().equals(ref.receiving());
        if (onWorklist != expectedOnWorklist) {
            differences.add((onWorklist ? "UNEXPECTED ALLOW " : "") + "GET /api/worklists/{list} as "
                    + user.username() + " on " + kind + ": listed=" + onWorklist + ", expected=" + expectedOnWorklist);
        }
    }

    /** Each section is shown exactly when the table lets the user read it, and named as withheld otherwise. */
    private void checkDisclosure(CareRelayUser user, Kind kind, JsonNode body, Set<RecordSection> readable) {
        Set<String> withheld = new TreeSet<>();
        body.path("withheld").forEach(s -> withheld.add(s.asText()));
        Map<RecordSection, Boolean> shown = Map.of(
                RecordSection.DEMOGRAPHICS, body.hasNonNull("patient"),
                RecordSection.REFERRAL_SUMMARY, body.hasNonNull("reason") && body.hasNonNull("clinicalSummary"));
        shown.forEach((section, isShown) -> {
            boolean mayRead = readable.contains(section);
            if (isShown != mayRead || withheld.contains(section.name()) == mayRead) {
                differences.add((isShown && !mayRead ? "UNEXPECTED ALLOW " : "") + "GET /api/referrals/{id} as "
                        + user.username() + " on " + kind + ": section " + section + " shown=" + isShown
                        + ", withheld=" + withheld.contains(section.name()) + ", policy read=" + mayRead);
            }
        });
    }

    private void checkTaskReads(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        boolean visible = inScope(user, ref);
        expect("GET /api/tasks/{id}", user, kind, visible ? 200 : 404, get("/api/tasks/" + ref.triageTask(), token));
        expect("GET /api/tasks/{id}/form", user, kind, visible ? 200 : 404,
                get("/api/tasks/" + ref.triageTask() + "/form", token));
        Response list = get("/api/tasks", token);
        expect("GET /api/tasks", user, kind, 200, list);
        boolean listed = false;
        if (list.status() == 200) {
            for (JsonNode task : list.body()) {
                listed |= ref.triageTask().equals(task.path("id").asText());
            }
        }
        boolean expected = visible && candidateForTriage(user, ref);
        if (listed != expected) {
            differences.add((listed ? "UNEXPECTED ALLOW " : "") + "GET /api/tasks as " + user.username() + " on "
                    + kind + ": listed=" + listed + ", expected=" + expected);
        }
    }

    /**
     * Writes sent with a body the server must refuse: the status tells whether the caller got past the access
     * checks (400: only the body was wrong) or not (403 or 404), and nothing changes either way.
     */
    private void checkRefusedWrites(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        boolean visible = inScope(user, ref);
        boolean sender = user.role() == Role.REFERRING_DOCTOR && user.institution().equals(ref.sending());
        expect("POST /api/referrals/{id}/cancellation", user, kind, !visible ? 404 : sender ? 400 : 403,
                post("/api/referrals/" + ref.id() + "/cancellation", token, Map.of("reason", "")));
        expect("POST /api/referrals/{id}/emergency-access", user, kind, CLINICIANS.contains(user.role()) ? 400 : 403,
                post("/api/referrals/" + ref.id() + "/emergency-access", token, Map.of("reason", "")));
        expect("POST /api/tasks/{id}/complete", user, kind, !visible ? 404 : candidateForTriage(user, ref) ? 400 : 403,
                post("/api/tasks/" + ref.triageTask() + "/complete", token, Map.of()));
        expect("POST /api/tasks/{id}/unclaim", user, kind, visible ? 200 : 404,
                post("/api/tasks/" + ref.triageTask() + "/unclaim", token, "{}"));
    }

    /**
     * Documents: the DOCUMENTS section of the table decides; the uploader's side sees a document under review, the
     * receiving side nothing before release (the matrix's documents are all under review).
     */
    private void checkDocuments(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        boolean visible = inScope(user, ref);
        Set<Relationship> standing = relationships(user, ref);
        boolean read = visible && policy.access(user, standing, RecordSection.DOCUMENTS).allowsRead();
        boolean write = visible && policy.access(user, standing, RecordSection.DOCUMENTS).allowsWrite();
        boolean sending = standing.contains(Relationship.SENDING);
        int list = !visible ? 404 : read ? 200 : 403;
        expect("GET /api/referrals/{id}/documents", user, kind, list, get("/api/referrals/" + ref.id() + "/documents", token));
        expect("POST /api/referrals/{id}/documents", user, kind, !visible ? 404 : write && sending ? 400 : 403,
                postMultipart("/api/referrals/" + ref.id() + "/documents", token, null, null, Map.of()));
        int document = !visible ? 404 : !read ? 403 : sending ? 200 : 404;
        expect("GET /api/documents/{id}", user, kind, document, get("/api/documents/" + ref.document(), token));
        expect("GET /api/documents/{id}/text", user, kind, document,
                get("/api/documents/" + ref.document() + "/text?variant=redacted", token));
        expect("GET /api/documents/{id}/content", user, kind, document,
                get("/api/documents/" + ref.document() + "/content?variant=redacted", token));
        // the review form's choices in the preview are checked as the form checks them, after scope and section
        expect("GET /api/documents/{id}/content?keepVisible", user, kind, document == 200 ? 400 : document,
                get("/api/documents/" + ref.document() + "/content?variant=redacted&keepVisible=999999", token));
        expect("POST /api/documents/{id}/export", user, kind, document == 200 ? 409 : document,
                post("/api/documents/" + ref.document() + "/export", token, Map.of("certificate", "x")));
    }

    /**
     * Messages: the MESSAGES section of the table decides reading and writing; the write is sent empty, so a caller
     * past the checks gets 400 and nothing is written (reading an empty thread marks nothing either).
     */
    private void checkMessages(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        boolean visible = inScope(user, ref);
        Access access = visible ? policy.access(user, relationships(user, ref), RecordSection.MESSAGES) : Access.DENY;
        expect("GET /api/referrals/{id}/messages", user, kind, !visible ? 404 : access.allowsRead() ? 200 : 403,
                get("/api/referrals/" + ref.id() + "/messages", token));
        expect("POST /api/referrals/{id}/messages", user, kind, !visible ? 404 : access.allowsWrite() ? 400 : 403,
                post("/api/referrals/" + ref.id() + "/messages", token, Map.of("body", "")));
    }

    private void checkClaim(CareRelayUser user, Kind kind, Ref ref) {
        String token = token(user.username());
        boolean visible = inScope(user, ref);
        Response claimed = post("/api/tasks/" + ref.triageTask() + "/claim", token, "{}");
        expect("POST /api/tasks/{id}/claim", user, kind, !visible ? 404 : candidateForTriage(user, ref) ? 200 : 403,
                claimed);
        if (claimed.status() == 200) {
            assertThat(post("/api/tasks/" + ref.triageTask() + "/unclaim", token, "{}").status()).isEqualTo(200);
        }
    }

    /**
     * Consultations: the CONSULTATION section of the table decides, from how the user stands to the consultation
     * (its requester, or the consulted department at the same institution); only the requester cancels.
     */
    private void checkConsultations(CareRelayUser user, String consultation, String toCancel) {
        String token = token(user.username());
        Set<Relationship> standing = EnumSet.noneOf(Relationship.class);
        if ("HSC".equals(user.institution())) {
            if ("dr.lee".equals(user.username())) {
                standing.add(Relationship.CONSULT_REQUESTER);
            }
            if ("ENDOCRINOLOGY".equals(user.department())) {
                standing.add(Relationship.CONSULTED_DEPARTMENT);
            }
        }
        boolean reader = policy.access(user, standing, RecordSection.CONSULTATION).allowsRead();
        boolean requester = standing.contains(Relationship.CONSULT_REQUESTER);
        Kind none = Kind.OWN;
        expect("GET /api/consultations/{id}", user, none, reader ? 200 : 404,
                get("/api/consultations/" + consultation, token));
        Response mine = get("/api/consultations?scope=mine", token);
        expect("GET /api/consultations", user, none, 200, mine);
        Response department = get("/api/consultations?scope=department", token);
        expect("GET /api/consultations", user, none, 200, department);
        boolean listed = false;
        for (Response list : List.of(mine, department)) {
            if (list.status() == 200) {
                for (JsonNode item : list.body()) {
                    listed |= consultation.equals(item.path("id").asText());
                }
            }
        }
        if (listed != reader) {
            differences.add((listed ? "UNEXPECTED ALLOW " : "") + "GET /api/consultations as " + user.username()
                    + ": listed=" + listed + ", policy read=" + reader);
        }
        expect("POST /api/consultations", user, none,
                user.role() == Role.SPECIALIST && user.department() != null ? 400 : 403,
                post("/api/consultations", token, "{}"));
        expect("POST /api/consultations/{id}/cancellation", user, none, !reader ? 404 : requester ? 200 : 403,
                post("/api/consultations/" + toCancel + "/cancellation", token, "{}"));
        // the thread: outside the consultation's scope 404, in it the CONSULTATION section decides (every reader
        // writes); the write is sent empty, so a participant gets 400 and nothing is written
        int thread = standing.isEmpty() ? 404 : reader ? 200 : 403;
        expect("GET /api/consultations/{id}/messages", user, none, thread,
                get("/api/consultations/" + consultation + "/messages", token));
        expect("POST /api/consultations/{id}/messages", user, none, thread == 200 ? 400 : thread,
                post("/api/consultations/" + consultation + "/messages", token, Map.of("body", "")));
    }

    /** Endpoints whose answer depends on the role alone (or on nobody's object, as the other hospital's grant). */
    private void checkRoleOnlyEndpoints(CareRelayUser user, String otherHospitalsGrant) {
        String token = token(user.username());
        Role role = user.role();
        Kind none = Kind.OWN;
        expect("GET /api/me", user, none, 200, get("/api/me", token));
        expect("GET /api/institutions", user, none, 200, get("/api/institutions", token));
        expect("GET /api/specialties", user, none, 200, get("/api/specialties", token));
        expect("GET /api/notifications", user, none, 200, get("/api/notifications", token));
        expect("POST /api/notifications/read", user, none, 204, post("/api/notifications/read", token, "{}"));
        expect("GET /api/messages/unread", user, none, 200, get("/api/messages/unread", token));
        expect("POST /api/referrals", user, none, role == Role.REFERRING_DOCTOR ? 400 : 403,
                post("/api/referrals", token, "{}"));
        expect("GET /api/emergency-access/{grantId}", user, Kind.OTHER_INSTITUTION, 404,
                get("/api/emergency-access/" + otherHospitalsGrant, token));

        int auditors = role == Role.AUDITOR ? 200 : 403;
        int auditorsAndAdministrators = role == Role.AUDITOR || role == Role.SYSADMIN ? 200 : 403;
        Response events = get("/api/audit/events?size=1", token);
        expect("GET /api/audit/events", user, none, auditors, events);
        Response csv = get("/api/audit/events.csv?username=nobody", token);
        expect("GET /api/audit/events.csv", user, none, auditors, csv);
        Response fhir = get("/api/audit/events.fhir.json?username=nobody", token);
        expect("GET /api/audit/events.fhir.json", user, none, auditors, fhir);
        Response report = get("/api/audit/patients/A123456(3)/access-report", token);
        expect("GET /api/audit/patients/{hkid}/access-report", user, none, auditors, report);
        Response checkpoints = get("/api/audit/checkpoints", token);
        expect("GET /api/audit/checkpoints", user, none, auditorsAndAdministrators,
                checkpoints);
        Response verify = get("/api/audit/verify", token);
        expect("GET /api/audit/verify", user, none, auditorsAndAdministrators, verify);

        int worklistReaders = role == Role.COORDINATOR || role == Role.MANAGER ? 200 : 403;
        expect("GET /api/worklists", user, none, worklistReaders, get("/api/worklists", token));
        expect("GET /api/worklists/filters", user, none, worklistReaders, get("/api/worklists/filters", token));
        expect("POST /api/worklists/filters", user, none, worklistReaders == 200 ? 400 : 403,
                post("/api/worklists/filters", token, Map.of("name", "", "list", "for-review")));
        expect("DELETE /api/worklists/filters/{id}", user, none, worklistReaders == 200 ? 404 : 403,
                send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/worklists/filters/x"))
                        .DELETE(), token));
        expect("POST /api/worklists/claim", user, none, role == Role.COORDINATOR ? 400 : 403,
                post("/api/worklists/claim", token, Map.of("taskIds", List.of())));

        int managers = role == Role.MANAGER ? 200 : 403;
        expect("GET /api/dashboard", user, none, managers, get("/api/dashboard", token));
        expect("GET /api/dashboard/referrals", user, none, managers,
                get("/api/dashboard/referrals?figure=received&size=1", token));

        String fresh = signIn(user.username());
        expect("POST /api/auth/logout", user, none, 204, post("/api/auth/logout", fresh, "{}"));
        expect("POST /api/auth/token", user, none, 401, post("/api/auth/token", null,
                Map.of("username", user.username(), "password", "not the password", "otp", "000000")));
    }

    /**
     * Discharge handovers: a handover of this hospital (dr.lee to gp.chan) and one of another hospital (dr.kwok to
     * gp.chan). The DISCHARGE section decides for the discharging hospital's staff; the family doctor reads both;
     * everyone else is told they do not exist.
     */
    private void checkDischarges(Map<String, CareRelayUser> people) {
        String own = handover("dr.lee");
        String other = handover("dr.kwok");
        for (CareRelayUser user : people.values()) {
            String token = token(user.username());
            boolean hospitalDoctor = user.role() == Role.SPECIALIST || user.role() == Role.INTERN;
            expect("POST /api/discharges", user, Kind.OWN, hospitalDoctor ? 400 : 403, post("/api/discharges", token, "{}"));
            Response list = get("/api/discharges", token);
            expect("GET /api/discharges", user, Kind.OWN, 200, list);
            for (Map.Entry<Kind, String[]> handover : Map.of(Kind.OWN, new String[] {own, "HSC"},
                    Kind.OTHER_INSTITUTION, new String[] {other, "LRH"}).entrySet()) {
                String id = handover.getValue()[0];
                Set<Relationship> standing = EnumSet.noneOf(Relationship.class);
                if (user.institution().equals(handover.getValue()[1])) {
                    standing.add(Relationship.SENDING);
                }
                if (user.username().equals("gp.chan")) {
                    standing.add(Relationship.RECEIVING);
                }
                Access access = policy.access(user, standing, RecordSection.DISCHARGE);
                int read = standing.isEmpty() ? 404 : access.allowsRead() ? 200 : 403;
                expect("GET /api/discharges/{id}", user, handover.getKey(), read, get("/api/discharges/" + id, token));
                expect("POST /api/discharges/{id}/results/{item}", user, handover.getKey(),
                        standing.isEmpty() ? 404 : access.allowsWrite() ? 400 : 403,
                        post("/api/discharges/" + id + "/results/0", token, Map.of("result", "")));
                // the thread: every reader of the handover writes in it (an empty body: 400, nothing written)
                expect("GET /api/discharges/{id}/messages", user, handover.getKey(), read,
                        get("/api/discharges/" + id + "/messages", token));
                expect("POST /api/discharges/{id}/messages", user, handover.getKey(), read == 200 ? 400 : read,
                        post("/api/discharges/" + id + "/messages", token, Map.of("body", "")));
                boolean listed = list.status() == 200 && list.body().findValuesAsText("id").contains(id);
                if (listed != (read == 200)) {
                    differences.add((listed ? "UNEXPECTED ALLOW " : "") + "GET /api/discharges as " + user.username()
                            + ": handover of " + handover.getValue()[1] + (listed ? " listed" : " not listed"));
                }
            }
        }
    }

    private String handover(String doctor) {
        Map<String, Object> body = Map.of("patient", Map.of("hkid", newHkid(), "name", "Matrix Discharge",
                "dateOfBirth", "1950-01-01"), "familyDoctor", "gp.chan",
                "summary", hk.carerelay.discharge.DischargeFixtures.summary(
                        java.time.LocalDate.now(hk.carerelay.shared.HongKongTime.ZONE), List.of(), List.of("HbA1c")));
        Response created = post("/api/discharges", token(doctor), body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** Without a token every endpoint but sign-in answers 401. */
    private void checkAnonymous() {
        for (String path : List.of("/api/me", "/api/referrals", "/api/referrals/x", "/api/tasks", "/api/tasks/x",
                "/api/tasks/x/form", "/api/notifications", "/api/institutions", "/api/specialties",
                "/api/emergency-access/x", "/api/documents/x", "/api/documents/x/text", "/api/documents/x/content",
                "/api/referrals/x/documents", "/api/referrals/x/messages", "/api/messages/unread", "/api/audit/events",
                "/api/audit/verify", "/api/audit/checkpoints", "/api/audit/events.csv", "/api/audit/events.fhir.json",
                "/api/audit/patients/x/access-report", "/api/worklists", "/api/worklists/for-review",
                "/api/worklists/filters", "/api/discharges", "/api/discharges/x", "/api/dashboard",
                "/api/dashboard/referrals", "/api/consultations", "/api/consultations/x",
                "/api/consultations/x/messages", "/api/discharges/x/messages")) {
            int status = get(path, null).status();
            if (status != 401) {
                differences.add("UNEXPECTED ALLOW anonymous GET " + path + ": " + status);
            }
        }
        for (String path : List.of("/api/referrals", "/api/referrals/x/cancellation", "/api/referrals/x/emergency-access",
                "/api/tasks/x/claim", "/api/tasks/x/unclaim", "/api/tasks/x/complete", "/api/notifications/read",
                "/api/documents/x/export", "/api/referrals/x/documents", "/api/referrals/x/messages",
                "/api/worklists/claim", "/api/worklists/filters", "/api/auth/logout", "/api/discharges",
                "/api/discharges/x/results/0", "/api/consultations", "/api/consultations/x/cancellation",
                "/api/consultations/x/messages", "/api/discharges/x/messages")) {
            int status = post(path, null, "{}").status();
            if (status != 401) {
                differences.add("UNEXPECTED ALLOW anonymous POST " + path + ": " + status);
            }
        }
    }

    private static String abbreviate(String raw) {
        return raw == null ? "" : raw.length() > 160 ? raw.substring(0, 160) + "…" : raw;
    }
}
