package hk.carerelay.crypto;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.boot.DefaultApplicationArguments;

/** Keystores for crypto tests, in a temporary directory: generated as the demo profile does, or made by hand. */
final class TestKeyStores {

    static final String PASSWORD = "test-keystore-password";

    private TestKeyStores() {
    }

    static KeyStoreService open(Path path, boolean generateIfMissing, String... args) throws Exception {
        return new KeyStoreService(new CryptoProperties(path.toString(), PASSWORD, generateIfMissing),
                new DefaultApplicationArguments(args));
    }

    static KeyStoreService generated(Path dir) throws Exception {
        return open(Files.createTempFile(dir, "keys", ".p12").resolveSibling("keys-" + System.nanoTime() + ".p12"),
                true);
    }

    /** A production keystore from before the document store: the signing keys (audit and consent) only. */
    static Path withAuditKeyOnly(Path path) throws Exception {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
        X500Name name = new X500Name("CN=audit");
        Certificate cert = new JcaX509CertificateConverter().setProvider("BC").getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                        Date.from(Instant.now().plusSeconds(86400)), name, pair.getPublic())
                        .build(new JcaContentSignerBuilder("Ed25519").setProvider("BC").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12", "BC");
        store.load(null, null);
        store.setKeyEntry(KeyStoreService.AUDIT_SIGNING, pair.getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {cert});
        KeyPair consent = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
        X500Name consentName = new X500Name("CN=consent");
        store.setKeyEntry(KeyStoreService.CONSENT_SIGNING, consent.getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {new JcaX509CertificateConverter().setProvider("BC").getCertificate(
                        new JcaX509v3CertificateBuilder(consentName, BigInteger.TWO,
                                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86400)),
                                consentName, consent.getPublic())
                                .build(new JcaContentSignerBuilder("Ed25519").setProvider("BC")
                                        .build(consent.getPrivate())))});
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return path;
    }
}
