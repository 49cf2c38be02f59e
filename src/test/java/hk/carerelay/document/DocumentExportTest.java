package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.crypto.CmsFormat;

/**
 * Exports to a certificate made here, for a key that never enters CareRelay, and decrypts with the system's
 * {@code openssl cms}: what a receiving institution would run.
 */
@ApplicationTest
class DocumentExportTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @Autowired
    DocumentStore store;

    @Autowired
    DocumentExport export;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void opensslIsThere() {
        // On a developer machine without openssl the test is skipped; in CI (.ci/run installs it) it must run.
        assumeTrue(Files.isExecutable(OPENSSL) || System.getenv("CI") != null, "openssl is not installed");
    }

    @Test
    void anRsaRecipientDecryptsEveryFormatWithOpenssl() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        Recipient recipient = recipient(rsa.generateKeyPair(), "SHA256withRSA");
        byte[] content = sampleDocument();
        StoredBlob blob = store.store(BlobKind.REDACTED, "application/pdf", content);

        for (CmsFormat format : CmsFormat.values()) {
            byte[] exported = export.export(blob.id(), recipient.certificate(), format);
            assertThat(decryptWithOpenssl(exported, format, recipient)).as(format.name()).isEqualTo(content);
        }
        String cmsInfo = run(List.of(OPENSSL.toString(), "cms", "-cmsout", "-print", "-inform", "DER", "-in",
                write("rsa.der", export.export(blob.id(), recipient.certificate(), CmsFormat.DER)).toString()));
        assertThat(cmsInfo).contains("pkcs7-envelopedData").contains("rsaesOaep").contains("sha256")
                .contains("aes-256-cbc");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'EXPORT' AND object_id = ? "
                + "AND detail LIKE '%CN=Kowloon Test Hospital%'").param(blob.id().toString()).query(Long.class)
                .single()).isEqualTo(CmsFormat.values().length + 1L);
    }

    @Test
    void anEcRecipientDecryptsWithOpenssl() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        Recipient recipient = recipient(ec.generateKeyPair(), "SHA256withECDSA");
        byte[] content = sampleDocument();
        StoredBlob blob = store.store(BlobKind.ORIGINAL, "application/pdf", content);

        byte[] exported = export.export(blob.id(), recipient.certificate(), CmsFormat.DER);

        assertThat(decryptWithOpenssl(exported, CmsFormat.DER, recipient)).isEqualTo(content);
        String cmsInfo = run(List.of(OPENSSL.toString(), "cms", "-cmsout", "-print", "-inform", "DER", "-in",
                write("ec.der", exported).toString()));
        assertThat(cmsInfo).contains("dhSinglePass-stdDH-sha256kdf-scheme").contains("id-aes256-wrap");
    }

    @Test
    void theWrongKeyCannotDecryptAndATamperedBlobIsNotExported() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Recipient intended = recipient(rsa.generateKeyPair(), "SHA256withRSA");
        Recipient other = recipient(rsa.generateKeyPair(), "SHA256withRSA");
        StoredBlob blob = store.store(BlobKind.ORIGINAL, "application/pdf", sampleDocument());
        byte[] exported = export.export(blob.id(), intended.certificate(), CmsFormat.DER);

        assertThatThrownBy(() -> decryptWithOpenssl(exported, CmsFormat.DER, other))
                .hasMessageContaining("openssl failed");

        BlobRows rows = new BlobRows(jdbc);
        byte[] ciphertext = rows.bytes(blob.id(), "ciphertext");
        rows.set(blob.id(), "ciphertext", BlobRows.flipped(ciphertext, 3));
        try {
            assertThatThrownBy(() -> export.export(blob.id(), intended.certificate(), CmsFormat.DER))
                    .isInstanceOf(DocumentTamperedException.class);
        } finally {
            rows.set(blob.id(), "ciphertext", ciphertext);
        }
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = ec.generateKeyPair();
        X500Name name = new X500Name("CN=Expired Test Clinic, C=HK");
        X509Certificate expired = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(7200)),
                Date.from(Instant.now().minusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        StoredBlob blob = store.store(BlobKind.ORIGINAL, "application/pdf", sampleDocument());

        assertThatThrownBy(() -> export.export(blob.id(), expired, CmsFormat.DER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid now");
    }

    private record Recipient(X509Certificate certificate, Path certificatePem, Path keyPem) {
    }

    private Recipient recipient(KeyPair pair, String signature) throws Exception {
        X500Name name = new X500Name("CN=Kowloon Test Hospital, O=Test, C=HK");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(86400)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
        String id = Long.toString(System.nanoTime());
        return new Recipient(certificate, write("cert-" + id + ".pem", pem("CERTIFICATE", certificate.getEncoded())),
                write("key-" + id + ".pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded())));
    }

    private byte[] decryptWithOpenssl(byte[] exported, CmsFormat format, Recipient recipient) throws Exception {
        Path in = write("export-" + System.nanoTime() + "." + format.name().toLowerCase(), exported);
        Path out = dir.resolve("decrypted-" + System.nanoTime());
        run(List.of(OPENSSL.toString(), "cms", "-decrypt", "-binary", "-inform", format.name(), "-in", in.toString(),
                "-recip", recipient.certificatePem().toString(), "-inkey", recipient.keyPem().toString(), "-out",
                out.toString()));
        return Files.readAllBytes(out);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
        return output;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Binary content with every byte value, CR/LF pairs and lone LFs, so that no text conversion goes unnoticed. */
    private static byte[] sampleDocument() {
        byte[] content = new byte[200_003];
        new Random(42).nextBytes(content);
        for (int i = 0; i < 256; i++) {
            content[i] = (byte) i;
        }
        byte[] lines = "%PDF-1.7\r\nline\nline\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(lines, 0, content, 256, lines.length);
        return content;
    }
}
