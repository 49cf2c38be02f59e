package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * A document's whole way through document-review: the referring doctor uploads a letter, reviews what was found,
 * adjusts the masks and releases it; the receiving cardiologist then reads only the redacted copy, watermarked with
 * his name, with none of the masked values left in it; the stored files are ciphertext; hostile files and the wrong
 * people are refused.
 */
@ApplicationTest
class ClinicalDocumentsProcessTest {

    private static final String HKID = "K123456(0)";
    private static final String PHONE = "9123 4567";
    private static final String EMAIL = "mrs.chan.family@example.com";
    private static final String LETTER = """
            Dear Dr Lee,

            Re: Madam Chan Mei Fong, HKID %s, DOB 12/03/1956
            Address: Flat 12B, 18/F, Block 3, Sun Tin Wai Estate, Sha Tin, New Territories
            Mobile: %s  E-mail: %s

            Known hypertension on amlodipine 5 mg daily. Exertional chest tightness for 3 months.
            ECG: sinus rhythm, no ST changes. LDL 4.1 mmol/L, HbA1c 6.1 %%. Impression: stable angina (I20.9).
            She lives with her daughter in Tai Wai.

            Dr Chan Siu Ming, Kowloon East Family Clinic
            """.formatted(HKID, PHONE, EMAIL);

    @Autowired
    ClinicalDocuments documents;
    @Autowired
    ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    DocumentExtractor extractor;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DocumentReviewCaseAccess reviewCases;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    DocumentStore store;

    CareRelayUser gp;
    CareRelayUser cardiologist;
    String referralId;

    @BeforeEach
    void aReferralToCardiology() {
        gp = user("gp.chan");
        cardiologist = user("dr.lee");
        referralId = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("K123456(0)", "Chan Mei Fong", "1956-03-12"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Exertional chest tightness", "See the attached letter.")).id();
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, gp, referralId);
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }

    private ClinicalDocuments.Document upload() {
        return documents.upload(gp, referralId, "letter.txt", "LETTER", LETTER.getBytes(StandardCharsets.UTF_8));
    }

    private Task reviewTask(ClinicalDocuments.Document d) {
        return taskService.createTaskQuery().processInstanceId(d.processInstanceId()).singleResult();
    }

    private void runTheReleaseStep(ClinicalDocuments.Document d) {
        Job job = managementService.createJobQuery().processInstanceId(d.processInstanceId()).singleResult();
        managementService.executeJob(job.getId());
    }

    @Test
    void theUploaderReviewsAndReleasesAndTheSpecialistSeesOnlyTheRedactedCopy() throws Exception {
        ClinicalDocuments.Document uploaded = upload();
        assertThat(uploaded.status()).isEqualTo(ClinicalDocuments.Status.IN_REVIEW);
        assertThat(uploaded.mediaType()).isEqualTo("text/plain");

        ClinicalDocuments.View review = documents.describe(gp, uploaded.id());
        assertThat(review.findings()).filteredOn(ClinicalDocuments.StoredFinding::masked)
                .extracting(ClinicalDocuments.StoredFinding::type).contains("HKID", "PHONE", "EMAIL", "ADDRESS");
        assertThat(review.findings()).extracting(ClinicalDocuments.StoredFinding::text).contains(HKID);
        assertThat(documents.text(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED))
                .as("the uploader's preview").doesNotContain(HKID).contains("[HKID]").contains("I20.9");

        assertThat(documents.ofReferral(cardiologist, referralId)).as("nothing before release").isEmpty();
        assertThatThrownBy(() -> documents.describe(cardiologist, uploaded.id())).isInstanceOf(NotFoundException.class);
        String preview = extractor.extract(documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED))
                .text();
        assertThat(preview).as("the uploader's preview of the redacted copy, masks as found")
                .doesNotContain(HKID).doesNotContain("K123456").doesNotContain(EMAIL).doesNotContain(PHONE)
                .contains("I20.9");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE username = 'gp.chan' AND object_id = ? AND action = 'DOWNLOAD'
                AND detail LIKE 'redacted preview PDF%'""").param(uploaded.id()).query(Long.class).single())
                .as("audited as a preview").isOne();

        Task task = reviewTask(uploaded);
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewRedaction");
        assertThat(task.getAssignee()).isEqualTo("gp.chan");
        int phone = review.findings().stream().filter(f -> f.type().equals("PHONE")).findFirst().orElseThrow().number();
        int none = review.findings().size() + 1;
        assertThatThrownBy(() -> tasks.complete(gp, task.getId(), Map.of("decision", "RELEASE",
                "keepVisible", phone + ", " + none + " 99999999999", "alsoMask", "Tai Wai")))
                .as("a finding number the document does not have is refused, not ignored")
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("keepVisible");
                            assertThat(error.message()).contains("\"" + none + "\"", "\"99999999999\"")
                                    .doesNotContain("\"" + phone + "\"")
                                    .contains("numbered 1–" + review.findings().size());
                        }));
        assertThatThrownBy(() -> tasks.complete(gp, task.getId(), Map.of("decision", "RELEASE",
                "keepVisible", phone + ", 3a")))
                .as("nor is an entry that is not a number")
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(hk.carerelay.shared.FieldError::field).containsExactly("keepVisible"));
        assertThat(reviewTask(uploaded)).as("the review is still open").isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task_submission WHERE task_id = ?").param(task.getId())
                .query(Long.class).single()).as("nothing was saved").isZero();
        assertThatThrownBy(() -> documents.checkFindingNumbers(uploaded.id(), "0"))
                .isInstanceOf(ValidationException.class);
        tasks.complete(gp, task.getId(), Map.of("decision", "RELEASE", "keepVisible", " " + phone + " ,",
                "alsoMask", "Tai Wai"));
        runTheReleaseStep(uploaded);

        ClinicalDocuments.Document released = documents.find(uploaded.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(ClinicalDocuments.Status.RELEASED);
        assertThat(released.reviewedBy()).isEqualTo("gp.chan");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(uploaded.processInstanceId())
                .activityId("EndEvent_DocumentReleased").count()).isOne();

        assertThat(documents.ofReferral(cardiologist, referralId)).extracting(ClinicalDocuments.Document::id)
                .containsExactly(uploaded.id());
        ClinicalDocuments.View seen = documents.describe(cardiologist, uploaded.id());
        assertThat(seen.findings()).as("values are not shown to the receiving side")
                .allSatisfy(f -> assertThat(f.text()).isNull());
        String text = documents.text(cardiologist, uploaded.id(), ClinicalDocuments.Variant.REDACTED);
        assertThat(text).doesNotContain(HKID).doesNotContain(EMAIL).doesNotContain("Sun Tin Wai")
                .doesNotContain("Tai Wai").contains(PHONE).contains("stable angina (I20.9)")
                .contains("amlodipine 5 mg").contains("LDL 4.1 mmol/L");
        assertThatThrownBy(() -> documents.text(cardiologist, uploaded.id(), ClinicalDocuments.Variant.ORIGINAL))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> documents.content(cardiologist, uploaded.id(), ClinicalDocuments.Variant.ORIGINAL))
                .isInstanceOf(ForbiddenException.class);

        byte[] pdf = documents.content(cardiologist, uploaded.id(), ClinicalDocuments.Variant.REDACTED);
        String reread = extractor.extract(pdf).text();
        assertThat(reread).doesNotContain(HKID).doesNotContain("K123456").doesNotContain(EMAIL)
                .doesNotContain("Sun Tin Wai").contains("I20.9");
        assertThat(reread.replaceAll("\\s", "")).as("the watermark names the viewer and the patient")
                .contains("DrLeeKaFai(dr.lee)").contains("ChanMeiFong");

        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE username = 'dr.lee' AND object_type = 'ClinicalDocument'
                AND object_id = ? AND action = 'DOWNLOAD'""").param(uploaded.id()).query(Long.class).single())
                .as("the download is audited").isOne();

        java.security.KeyPair outside = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
        java.security.cert.X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                        new org.bouncycastle.asn1.x500.X500Name("CN=Outside Hospital"), java.math.BigInteger.ONE,
                        new java.util.Date(System.currentTimeMillis() - 60_000),
                        new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                        new org.bouncycastle.asn1.x500.X500Name("CN=Outside Hospital"), outside.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                .build(outside.getPrivate())));
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        byte[] envelope = documents.export(cardiologist, uploaded.id(), pem, hk.carerelay.crypto.CmsFormat.DER);
        org.bouncycastle.cms.CMSEnvelopedData cms = new org.bouncycastle.cms.CMSEnvelopedData(envelope);
        byte[] opened = cms.getRecipientInfos().getRecipients().iterator().next().getContent(
                new org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient(outside.getPrivate()));
        assertThat(extractor.extract(opened).text()).as("the outside hospital opens the redacted copy")
                .contains("I20.9").doesNotContain("K123456");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE username = 'dr.lee' AND action = 'EXPORT'
                AND object_id = ? AND patient_id IS NOT NULL""").param(uploaded.id()).query(Long.class).single())
                .as("one export entry, filed under the patient").isOne();
        assertThatThrownBy(() -> documents.export(cardiologist, uploaded.id(), "not a certificate",
                hk.carerelay.crypto.CmsFormat.PEM)).isInstanceOf(ValidationException.class);
    }

    @Test
    void thePreviewShowsTheReviewFormsChoicesBeforeTheyAreSubmittedAndReleaseMakesTheSameCopy() throws Exception {
        ClinicalDocuments.Document uploaded = upload();
        int phone = documents.describe(gp, uploaded.id()).findings().stream().filter(f -> f.type().equals("PHONE"))
                .findFirst().orElseThrow().number();
        ClinicalDocuments.ReviewChoices choices = new ClinicalDocuments.ReviewChoices(" " + phone + " ,", "Tai Wai");

        String preview = extractor.extract(documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED,
                choices)).text();
        assertThat(preview).as("the phone left visible, the phrase masked as well, the rest as found")
                .contains(PHONE).doesNotContain("Tai Wai").doesNotContain(HKID).doesNotContain(EMAIL)
                .contains("I20.9");
        assertThat(documents.text(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED, choices))
                .as("the text preview with the same choices").contains(PHONE).doesNotContain("Tai Wai")
                .doesNotContain(HKID).contains("I20.9");
        ClinicalDocuments.Opened opened = documents.open(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED, choices);
        assertThat(opened.preview()).isTrue();
        assertThat(opened.choices()).isEqualTo(choices);
        assertThat(jdbc.sql("""
                SELECT detail FROM audit_event WHERE username = 'gp.chan' AND object_id = ? AND action = 'DOWNLOAD'
                """).param(uploaded.id()).query(String.class).single())
                .startsWith("redacted preview with the reviewer's choices (visible: [" + phone + "], 1 phrases masked");

        assertThatThrownBy(() -> documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED,
                new ClinicalDocuments.ReviewChoices("999", null)))
                .as("a finding the document does not have, as the form would refuse it")
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(hk.carerelay.shared.FieldError::field).containsExactly("keepVisible"));
        assertThatThrownBy(() -> documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED,
                new ClinicalDocuments.ReviewChoices(null, "x".repeat(2001))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(hk.carerelay.shared.FieldError::field).containsExactly("alsoMask"));
        assertThatThrownBy(() -> documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED,
                new ClinicalDocuments.ReviewChoices(phone + ", 3a", null)))
                .as("the form's own pattern for the numbers")
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(hk.carerelay.shared.FieldError::field).containsExactly("keepVisible"));
        assertThatThrownBy(() -> documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.ORIGINAL, choices))
                .as("choices are for the redacted preview only").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> documents.text(gp, uploaded.id(), ClinicalDocuments.Variant.ORIGINAL, choices))
                .isInstanceOf(ValidationException.class);

        tasks.complete(gp, reviewTask(uploaded).getId(), Map.of("decision", "RELEASE", "keepVisible",
                choices.keepVisible(), "alsoMask", choices.alsoMask()));
        runTheReleaseStep(uploaded);
        String released = extractor.extract(documents.content(cardiologist, uploaded.id(),
                ClinicalDocuments.Variant.REDACTED)).text();
        assertThat(released).as("release makes the copy the preview showed")
                .contains(PHONE).doesNotContain("Tai Wai").doesNotContain(HKID).doesNotContain(EMAIL)
                .contains("I20.9");
        assertThatThrownBy(() -> documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED, choices))
                .as("a released copy is what it is").isInstanceOf(ValidationException.class);
    }

    @Test
    void theReviewTaskListReadsItsDocumentsAndReferralsWithAFixedNumberOfQueries() {
        String first = upload().id();
        long forOne = statementsDuring(() -> assertThat(reviewCases.visibleCases(gp, List.of(first)))
                .containsOnlyKeys(first));
        String otherReferral = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Wong Siu Ming", "1960-01-02"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Palpitations", "Letter attached.")).id();
        List<String> ids = new java.util.ArrayList<>(List.of(first, upload().id(), upload().id()));
        ids.add(documents.upload(gp, otherReferral, "letter.txt", "LETTER", LETTER.getBytes(StandardCharsets.UTF_8))
                .id());
        long forFour = statementsDuring(() -> assertThat(reviewCases.visibleCases(gp, ids))
                .containsOnlyKeys(ids.toArray(String[]::new))
                .hasEntrySatisfying(ids.get(3), c -> assertThat(c.patientName()).isEqualTo("Wong Siu Ming"))
                .hasEntrySatisfying(first, c -> assertThat(c.patientName()).isEqualTo("Chan Mei Fong")));
        assertThat(forOne).as("the statistics count").isPositive();
        assertThat(forFour).as("statements for four reviews on two referrals, against one review").isEqualTo(forOne);
        assertThat(reviewCases.visibleCases(cardiologist, ids)).as("the receiving side has no review tasks").isEmpty();
    }

    /** How many SQL statements the database ran meanwhile (H2's query statistics; the tests run on H2). */
    private long statementsDuring(Runnable action) {
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        try {
            action.run();
            return jdbc.sql("""
                    SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS
                    WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'""").query(Long.class).single();
        } finally {
            jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        }
    }

    @Test
    void aScanIsReleasedFromWhatWasReadAtUploadWithoutReadingItAgain() throws Exception {
        ClinicalDocuments.Document uploaded = documents.upload(gp, referralId, "scan.pdf", "LETTER",
                TestDocuments.scannedPdf("Patient HKID " + HKID + " reviewed", "Blood pressure stable"));
        assertThat(uploaded.layoutBlob()).isNotNull();
        List<String> images = new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.read(uploaded.layoutBlob()))
                .findValuesAsText("image");
        assertThat(images).as("the layout names both page images").hasSize(2);
        for (String image : images) {
            assertThat(jdbc.sql("SELECT kind FROM document_blob WHERE id = ?").param(image).query(String.class)
                    .single()).isEqualTo("RENDERED_PAGE");
            String png = "\u0089PNG\r\n\u001a\n";
            assertThat(new String(store.read(java.util.UUID.fromString(image)), StandardCharsets.ISO_8859_1))
                    .startsWith(png);
            assertThat(new String(jdbc.sql("SELECT ciphertext FROM document_blob WHERE id = ?").param(image)
                    .query((rs, n) -> rs.getBytes(1)).single(), StandardCharsets.ISO_8859_1))
                    .as("stored encrypted like every file").doesNotStartWith(png).doesNotContain("IHDR");
        }
        double readsBefore = extractions();
        // as opened in the viewer: the preview before the watermark drawn on each rendered page gives it a text layer
        String preview = extractor.extract(documents.open(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED).pdf())
                .text();
        assertThat(preview).as("the preview burns the boxes into the page images too")
                .contains("reviewed", "Blood pressure").doesNotContain("K123456");

        release(uploaded);

        assertThat(extractions()).as("neither the preview nor the release read the file again")
                .isEqualTo(readsBefore);
        // the copy as stored, before a viewer's watermark gives it a text layer: image pages, read by OCR here
        byte[] copy = store.read(documents.find(uploaded.id()).orElseThrow().redactedBlob());
        String reread = extractor.extract(copy).text();
        assertThat(reread).contains("reviewed", "Blood pressure").doesNotContain("K123456");
    }

    @Test
    void aDocumentUploadedBeforeLayoutsWereStoredIsReadAgainAtRelease() {
        ClinicalDocuments.Document uploaded = upload();
        jdbc.sql("UPDATE clinical_document SET layout_blob = NULL WHERE id = ?").param(uploaded.id()).update();
        double readsBefore = extractions();

        release(uploaded);

        assertThat(extractions()).isEqualTo(readsBefore + 1);
        assertThat(documents.text(cardiologist, uploaded.id(), ClinicalDocuments.Variant.REDACTED))
                .doesNotContain(HKID).contains("stable angina (I20.9)");
    }

    /** Releases with the findings as proposed, and runs the release step. */
    private void release(ClinicalDocuments.Document d) {
        tasks.complete(gp, reviewTask(d).getId(), Map.of("decision", "RELEASE"));
        runTheReleaseStep(d);
        assertThat(documents.find(d.id()).orElseThrow().status()).isEqualTo(ClinicalDocuments.Status.RELEASED);
    }

    /** How many files the pipeline has read so far. */
    private double extractions() {
        return meters.find("carerelay.document.pipeline").tag("stage", "extraction").timers().stream()
                .mapToDouble(t -> t.count()).sum();
    }

    @Test
    void storedFilesAreCiphertext() {
        ClinicalDocuments.Document uploaded = upload();
        List<byte[]> stored = jdbc.sql("SELECT ciphertext FROM document_blob WHERE id IN (?, ?, ?, ?)")
                .params(uploaded.originalBlob().toString(), uploaded.originalPdfBlob().toString(),
                        uploaded.textBlob().toString(), uploaded.findingsBlob().toString())
                .query((rs, n) -> rs.getBytes(1)).list();
        assertThat(stored).hasSize(4).allSatisfy(bytes -> {
            String asText = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(asText).doesNotContain("K123456").doesNotContain("amlodipine").doesNotContain("%PDF");
        });
    }

    @Test
    void aWithdrawnDocumentIsNeverShownToTheReceivingSide() {
        ClinicalDocuments.Document uploaded = upload();
        Task task = reviewTask(uploaded);
        assertThatThrownBy(() -> tasks.complete(gp, task.getId(), Map.of("decision", "WITHDRAW")))
                .as("a reason is required").isInstanceOf(ValidationException.class);
        tasks.complete(gp, task.getId(), Map.of("decision", "WITHDRAW", "withdrawReason", "Wrong patient's letter."));
        assertThat(documents.find(uploaded.id()).orElseThrow().status()).isEqualTo(ClinicalDocuments.Status.WITHDRAWN);
        assertThat(documents.ofReferral(cardiologist, referralId)).isEmpty();
        assertThatThrownBy(() -> documents.describe(cardiologist, uploaded.id())).isInstanceOf(NotFoundException.class);
        assertThat(documents.ofReferral(gp, referralId)).extracting(ClinicalDocuments.Document::status)
                .containsExactly(ClinicalDocuments.Status.WITHDRAWN);
        assertThatThrownBy(() -> documents.content(gp, uploaded.id(), ClinicalDocuments.Variant.REDACTED))
                .as("no redacted copy, nor a preview").isInstanceOf(ConflictException.class);
    }

    @Test
    void theWrongPeopleAndHostileFilesAreRefusedAndLeaveNothingBehind() {
        long documentsBefore = jdbc.sql("SELECT COUNT(*) FROM clinical_document").query(Long.class).single();
        long blobsBefore = jdbc.sql("SELECT COUNT(*) FROM document_blob").query(Long.class).single();
        byte[] letter = LETTER.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> documents.upload(cardiologist, referralId, "x.txt", null, letter))
                .as("the receiving side does not attach to the sender's letter").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> documents.upload(user("intern.lam"), referralId, "x.txt", null, letter))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> documents.upload(gp, referralId, "x.txt", "SELFIE", letter))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> documents.upload(gp, referralId, "x.txt", null, new byte[0]))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> documents.upload(gp, referralId, "evil.pdf", null,
                new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(DocumentRejectedException.class)
                .satisfies(e -> assertThat(((DocumentRejectedException) e).reason())
                        .isEqualTo(DocumentRejectedException.Reason.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> documents.upload(gp, referralId, "cut.pdf", null,
                "%PDF-1.7\n1 0 obj << /Type /Catalog".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(DocumentRejectedException.class);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM clinical_document").query(Long.class).single())
                .isEqualTo(documentsBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_blob").query(Long.class).single()).isEqualTo(blobsBefore);

        ClinicalDocuments.Document uploaded = upload();
        assertThatThrownBy(() -> documents.describe(user("admin.ng"), uploaded.id()))
                .as("the policy withholds documents from administrative staff").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> documents.describe(user("auditor.yip"), uploaded.id()))
                .isInstanceOf(NotFoundException.class);
    }
}
