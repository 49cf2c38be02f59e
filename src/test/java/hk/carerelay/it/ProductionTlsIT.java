package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import javax.crypto.KeyGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import hk.carerelay.CareRelayApplication;

/**
 * The application under the {@code prod} profile, started here with keystores made for the test: HTTPS with TLS 1.3
 * only (a TLS 1.2 client is refused), HSTS and a content security policy, secure session cookies.
 */
class ProductionTlsIT {

    private static final String PASSWORD = "test-keystore-password";
    private static ConfigurableApplicationContext app;
    private static SSLContext trustTheServer;
    private static int port;
    /**
     * The security context strategy is global to the JVM and Vaadin installs its own at every start: the other
     * integration tests' application, which shares this JVM, gets its strategy back when this one stops.
     */
    private static SecurityContextHolderStrategy othersStrategy;

    @BeforeAll
    static void startInProduction() throws Exception {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        Path dir = Files.createTempDirectory("carerelay-prod");
        KeyPair tlsKey = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate tlsCert = selfSigned("CN=localhost", tlsKey, "SHA256withRSA");
        Path tls = store(dir.resolve("tls.p12"), "tls", tlsKey, tlsCert);
        KeyPair signing = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
        Path keys = store(dir.resolve("keys.p12"), "audit-signing", signing, selfSigned("CN=audit", signing, "Ed25519"));
        addDocumentKek(keys);
        addConsentSigningKey(keys);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", tlsCert);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        trustTheServer = SSLContext.getInstance("TLS");
        trustTheServer.init(null, factory.getTrustManagers(), null);

        othersStrategy = SecurityContextHolder.getContextHolderStrategy();
        app = new SpringApplicationBuilder(CareRelayApplication.class).profiles("prod").run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:prod-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "--CARERELAY_TLS_KEYSTORE=" + tls, "--CARERELAY_TLS_KEYSTORE_PASSWORD=" + PASSWORD,
                "--carerelay.crypto.keystore-path=" + keys, "--carerelay.crypto.keystore-password=" + PASSWORD,
                "--camunda.bpm.job-execution.enabled=false");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        SecurityContextHolder.setContextHolderStrategy(othersStrategy);
    }

    private static HttpClient client(String protocol) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        return HttpClient.newBuilder().sslContext(trustTheServer).sslParameters(parameters)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void tls13IsServedWithSecurityHeadersAndSecureCookies() throws Exception {
        HttpResponse<String> health = client("TLSv1.3").send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo("TLSv1.3"));

        HttpResponse<String> login = client("TLSv1.3").send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                v -> assertThat(v).contains("max-age="));
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(
                c -> assertThat(c).contains("JSESSIONID").contains("Secure").contains("HttpOnly").contains("SameSite"));
    }

    @Test
    void tls12IsRefused() {
        assertThatThrownBy(() -> client("TLSv1.2").send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static X509Certificate selfSigned(String dn, KeyPair pair, String algorithm) throws Exception {
        X500Name name = new X500Name(dn);
        return new JcaX509CertificateConverter().setProvider("BC").getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(86400)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).setProvider("BC").build(pair.getPrivate())));
    }

    /** The key-encryption key of the document store; production refuses to start without one. */
    private static void addDocumentKek(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", "BC");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        store.setKeyEntry("document-kek-1", aes.generateKey(), PASSWORD.toCharArray(), null);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    /** The key that signs consent forms; production refuses to start without one either. */
    private static void addConsentSigningKey(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", "BC");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
        store.setKeyEntry("consent-signing", pair.getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {selfSigned("CN=consent", pair, "Ed25519")});
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static Path store(Path path, String alias, KeyPair pair, X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", "BC");
        store.load(null, null);
        store.setKeyEntry(alias, pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return path;
    }
}
