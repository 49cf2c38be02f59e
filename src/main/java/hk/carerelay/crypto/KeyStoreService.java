package hk.carerelay.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The PKCS#12 keystore named by {@code carerelay.crypto.keystore-path}, read with Bouncy Castle. Holds the Ed25519
 * key pair that signs audit checkpoints (alias {@value #AUDIT_SIGNING}); earlier signing keys stay as certificates so
 * that old checkpoints remain verifiable. Refuses to start without a keystore unless generation is allowed (demo).
 */
@Service
public class KeyStoreService {

    static final String AUDIT_SIGNING = "audit-signing";
    private static final Logger log = LoggerFactory.getLogger(KeyStoreService.class);

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final KeyStore keyStore;
    private final char[] password;
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();

    KeyStoreService(CryptoProperties properties) throws IOException, GeneralSecurityException {
        if (properties.keystorePath() == null || properties.keystorePath().isBlank()
                || properties.keystorePassword() == null || properties.keystorePassword().isEmpty()) {
            throw new IllegalStateException("Refusing to start: configure carerelay.crypto.keystore-path and "
                    + "carerelay.crypto.keystore-password (CARERELAY_KEYSTORE_PASSWORD) with a PKCS#12 keystore.");
        }
        this.password = properties.keystorePassword().toCharArray();
        Path path = Path.of(properties.keystorePath());
        this.keyStore = KeyStore.getInstance("PKCS12", BouncyCastleProvider.PROVIDER_NAME);
        if (Files.exists(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                keyStore.load(in, password);
            }
        } else if (properties.generateIfMissing()) {
            keyStore.load(null, password);
        } else {
            throw new IllegalStateException("Refusing to start: no keystore at " + path + ".");
        }
        if (!keyStore.isKeyEntry(AUDIT_SIGNING)) {
            if (!properties.generateIfMissing()) {
                throw new IllegalStateException("Refusing to start: the keystore has no '" + AUDIT_SIGNING + "' key.");
            }
            addSigningKey(AUDIT_SIGNING);
            save(path);
            log.warn("Generated a new keystore with an audit signing key at {} (allowed in this profile only)", path);
        }
        for (String alias : Collections.list(keyStore.aliases())) {
            Certificate cert = keyStore.getCertificate(alias);
            if (cert != null) {
                publicKeys.put(keyId(cert.getPublicKey()), cert.getPublicKey());
            }
        }
    }

    /** The current audit signing key: its id (a fingerprint of the public key) and the private key. */
    public SigningKey auditSigningKey() {
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(AUDIT_SIGNING, password);
            PublicKey publicKey = keyStore.getCertificate(AUDIT_SIGNING).getPublicKey();
            return new SigningKey(keyId(publicKey), key, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the audit signing key", e);
        }
    }

    /** A public key this keystore knows by id, current or retired. */
    public Optional<PublicKey> publicKey(String keyId) {
        return Optional.ofNullable(publicKeys.get(keyId));
    }

    public record SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {
    }

    /** The key id: the first 16 bytes of the SHA-256 of the encoded public key, in hex. */
    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addSigningKey(String alias) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", BouncyCastleProvider.PROVIDER_NAME);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=CareRelay audit signing");
        Instant now = Instant.now();
        try {
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME)
                    .getCertificate(new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                            Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name,
                            pair.getPublic())
                            .build(new JcaContentSignerBuilder("Ed25519").setProvider(BouncyCastleProvider.PROVIDER_NAME)
                                    .build(pair.getPrivate())));
            keyStore.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert});
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private void save(Path path) throws IOException, GeneralSecurityException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Path tmp = Files.createTempFile(path.getParent() == null ? Path.of(".") : path.getParent(), "keystore", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            keyStore.store(out, password);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
