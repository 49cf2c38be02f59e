package hk.carerelay.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
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
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Service;

/**
 * The PKCS#12 keystore named by {@code carerelay.crypto.keystore-path}, read with Bouncy Castle. Holds the Ed25519
 * key pair that signs audit checkpoints (alias {@value #AUDIT_SIGNING}); earlier signing keys stay as certificates so
 * that old checkpoints remain verifiable. Also holds the AES-256 key-encryption keys of the document store
 * ({@code document-kek-1}, {@code document-kek-2}, ...; the highest number is current, older ones stay until nothing
 * refers to them), and the Ed25519 key pair that signs consent forms ({@value #CONSENT_SIGNING}). Refuses to start
 * without a keystore or without these keys unless generation is allowed (demo).
 */
@Service
public class KeyStoreService {

    static final String AUDIT_SIGNING = "audit-signing";
    /** The Ed25519 key that signs patients' consent forms (ADR 0019), apart from the audit key. */
    static final String CONSENT_SIGNING = "consent-signing";
    static final String DOCUMENT_KEK_PREFIX = "document-kek-";
    /**
     * The command-line option that adds a document key-encryption key. The keystore may lack one while this runs,
     * because it is how a production keystore gets its first: keytool's secret-key entries are not readable by
     * Bouncy Castle's PKCS#12.
     */
    public static final String ADD_DOCUMENT_KEK_OPTION = "documents-rotate-kek";
    private static final Pattern KEK_ALIAS = Pattern.compile(Pattern.quote(DOCUMENT_KEK_PREFIX) + "([1-9][0-9]{0,8})");
    private static final int KEK_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(KeyStoreService.class);

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final KeyStore keyStore;
    private final char[] password;
    private final Path path;
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    // Reading a PKCS#12 secret key runs the password-based decryption each time; the keys are read once.
    private final Map<String, SecretKey> keks = new ConcurrentHashMap<>();
    private FileTime loadedVersion;

    KeyStoreService(CryptoProperties properties, ApplicationArguments arguments)
            throws IOException, GeneralSecurityException {
        if (properties.keystorePath() == null || properties.keystorePath().isBlank()
                || properties.keystorePassword() == null || properties.keystorePassword().isEmpty()) {
            throw new IllegalStateException("Refusing to start: configure carerelay.crypto.keystore-path and "
                    + "carerelay.crypto.keystore-password (CARERELAY_KEYSTORE_PASSWORD) with a PKCS#12 keystore.");
        }
        this.password = properties.keystorePassword().toCharArray();
        this.path = Path.of(properties.keystorePath());
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
        if (currentKekAlias().isEmpty()) {
            if (properties.generateIfMissing()) {
                addKek(DOCUMENT_KEK_PREFIX + 1);
                save(path);
                log.warn("Generated the document key-encryption key '{}1' in {} (allowed in this profile only)",
                        DOCUMENT_KEK_PREFIX, path);
            } else if (!arguments.containsOption(ADD_DOCUMENT_KEK_OPTION)) {
                throw new IllegalStateException("Refusing to start: the keystore has no document key-encryption key ('"
                        + DOCUMENT_KEK_PREFIX + "1'). Create it with --" + ADD_DOCUMENT_KEK_OPTION + ".");
            }
        }
        if (!keyStore.isKeyEntry(CONSENT_SIGNING)) {
            if (!properties.generateIfMissing()) {
                throw new IllegalStateException("Refusing to start: the keystore has no '" + CONSENT_SIGNING
                        + "' key (an Ed25519 key pair with its certificate, e.g. keytool -genkeypair -keyalg Ed25519"
                        + " -alias " + CONSENT_SIGNING + ").");
            }
            addSigningKey(CONSENT_SIGNING);
            save(path);
            log.warn("Generated the consent signing key '{}' in {} (allowed in this profile only)", CONSENT_SIGNING,
                    path);
        }
        loadedVersion = Files.getLastModifiedTime(path);
        for (String alias : Collections.list(keyStore.aliases())) {
            Certificate cert = keyStore.getCertificate(alias);
            if (cert != null) {
                publicKeys.put(keyId(cert.getPublicKey()), cert.getPublicKey());
            }
        }
    }

    /** The current document key-encryption key: the one with the highest number. */
    synchronized Kek currentDocumentKek() {
        reloadIfChanged();
        String alias = currentKekAlias().orElseThrow(() -> new IllegalStateException(
                "The keystore has no document key-encryption key; add one with --" + ADD_DOCUMENT_KEK_OPTION));
        return new Kek(alias, readKek(alias));
    }

    /** A document key-encryption key by id, current or retired; empty if the keystore does not hold it. */
    synchronized Optional<Kek> documentKek(String id) {
        SecretKey cached = keks.get(id);
        if (cached != null) {
            return Optional.of(new Kek(id, cached));
        }
        // another process (the rotation command, another node) may have added it to the shared keystore file
        reloadIfChanged();
        if (!KEK_ALIAS.matcher(id).matches() || !isSecretKeyEntry(id)) {
            return Optional.empty();
        }
        return Optional.of(new Kek(id, readKek(id)));
    }

    /** Adds a new AES-256 document key-encryption key, numbered after the highest, saves the keystore and returns it. */
    synchronized Kek addDocumentKek() {
        reloadIfChanged();
        int next = currentKekAlias().map(KeyStoreService::kekNumber).orElse(0) + 1;
        String alias = DOCUMENT_KEK_PREFIX + next;
        try {
            addKek(alias);
            save(path);
            loadedVersion = Files.getLastModifiedTime(path);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot add the key-encryption key " + alias + " to the keystore", e);
        }
        return new Kek(alias, readKek(alias));
    }

    record Kek(String id, SecretKey key) {
    }

    /** The current audit signing key: its id (a fingerprint of the public key) and the private key. */
    public synchronized SigningKey auditSigningKey() {
        return signingKey(AUDIT_SIGNING);
    }

    /** The key that signs consent forms: its id and the private key. */
    public synchronized SigningKey consentSigningKey() {
        return signingKey(CONSENT_SIGNING);
    }

    private SigningKey signingKey(String alias) {
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
            PublicKey publicKey = keyStore.getCertificate(alias).getPublicKey();
            return new SigningKey(keyId(publicKey), key, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the signing key " + alias, e);
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

    private Optional<String> currentKekAlias() {
        try {
            return Collections.list(keyStore.aliases()).stream()
                    .filter(alias -> KEK_ALIAS.matcher(alias).matches() && isSecretKeyEntry(alias))
                    .max(Comparator.comparingInt(KeyStoreService::kekNumber));
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int kekNumber(String alias) {
        return Integer.parseInt(alias.substring(DOCUMENT_KEK_PREFIX.length()));
    }

    private boolean isSecretKeyEntry(String alias) {
        try {
            return keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) == null;
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKey readKek(String alias) {
        return keks.computeIfAbsent(alias, a -> {
            try {
                Key key = keyStore.getKey(a, password);
                if (!(key instanceof SecretKey secret) || secret.getEncoded() == null
                        || secret.getEncoded().length != KEK_BYTES) {
                    throw new IllegalStateException("The keystore entry " + a + " is not an AES-256 secret key");
                }
                return new SecretKeySpec(secret.getEncoded(), "AES");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the key-encryption key " + a, e);
            }
        });
    }

    private void addKek(String alias) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(KEK_BYTES * 8, new SecureRandom());
        keyStore.setKeyEntry(alias, generator.generateKey(), password, null);
    }

    private void reloadIfChanged() {
        try {
            FileTime version = Files.getLastModifiedTime(path);
            if (version.equals(loadedVersion)) {
                return;
            }
            try (InputStream in = Files.newInputStream(path)) {
                keyStore.load(in, password);
            }
            loadedVersion = version;
            // entries are only ever added; cached keys stay valid
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("The keystore " + path + " has disappeared", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot reload the keystore " + path, e);
        }
    }

    private void addSigningKey(String alias) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", BouncyCastleProvider.PROVIDER_NAME);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name(AUDIT_SIGNING.equals(alias) ? "CN=CareRelay audit signing"
                : "CN=CareRelay " + alias);
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
