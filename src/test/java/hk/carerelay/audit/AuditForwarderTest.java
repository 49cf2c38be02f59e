package hk.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/** Forwarding to a syslog collector over TLS: a real TLS server on localhost with a certificate made for the test. */
@ApplicationTest
class AuditForwarderTest {

    @Autowired
    AuditForwarder forwarder;

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    private SSLServerSocket server;
    private SSLContext clientTls;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Thread collector;

    @BeforeEach
    void startCollector() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)),
                name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        serverStore.setKeyEntry("collector", pair.getPrivate(), "pw".toCharArray(), new Certificate[] {cert});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverStore, "pw".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("collector", cert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        collector = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    readFrames(socket.getInputStream());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() throws Exception {
        server.close();
        collector.join(5000);
    }

    private void readFrames(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        while (true) {
            ByteArrayOutputStream length = new ByteArrayOutputStream();
            int c;
            while ((c = data.read()) != ' ') {
                if (c < 0) {
                    return;
                }
                length.write(c);
            }
            byte[] message = new byte[Integer.parseInt(length.toString(StandardCharsets.US_ASCII))];
            data.readFully(message);
            received.add(new String(message, StandardCharsets.UTF_8));
        }
    }

    private long forwardedUpTo() {
        return jdbc.sql("SELECT last_seq FROM audit_forward_state WHERE id = 1").query(Long.class).single();
    }

    @Test
    void sealedEntriesReachTheCollectorAsSyslogFramedFhirAuditEvents() throws Exception {
        CareRelayUser user = new CareRelayUser("forward.test", "Forward Test", Role.AUDITOR, "HSC", null);
        audit.write(user, AuditLog.Event.of(AuditAction.EXPORT).detail("forwarding test"));
        sealer.sealAll(false);
        long sealed = jdbc.sql("SELECT MAX(seq) FROM audit_seal").query(Long.class).single();
        long before = forwardedUpTo();

        long sent = forwarder.forward(new AuditForwarder.Destination("localhost", server.getLocalPort(), clientTls));

        assertThat(sent).isEqualTo(sealed - before);
        assertThat(forwardedUpTo()).isEqualTo(sealed);
        for (int i = 0; i < 50 && received.size() < sent; i++) {
            Thread.sleep(50);
        }
        assertThat(received).hasSize((int) sent);
        String last = received.get(received.size() - 1);
        assertThat(last).startsWith("<85>1 ").contains(" carerelay - AuditEvent - ");
        JsonNode event = new ObjectMapper().readTree(last.substring(last.indexOf('{')));
        assertThat(event.get("resourceType").asText()).isEqualTo("AuditEvent");
        assertThat(event.get("agent").get(0).get("who").get("identifier").get("value").asText()).isEqualTo("forward.test");

        assertThat(forwarder.forward(new AuditForwarder.Destination("localhost", server.getLocalPort(), clientTls)))
                .as("nothing is sent twice").isZero();
    }

    @Test
    void aCollectorThatIsDownLosesNothing() throws Exception {
        CareRelayUser user = new CareRelayUser("forward.test", "Forward Test", Role.AUDITOR, "HSC", null);
        audit.write(user, AuditLog.Event.of(AuditAction.EXPORT).detail("while the collector is down"));
        sealer.sealAll(false);
        long before = forwardedUpTo();
        int port = server.getLocalPort();
        server.close();
        collector.join(5000);

        assertThatThrownBy(() -> forwarder.forward(new AuditForwarder.Destination("localhost", port, clientTls)))
                .isInstanceOf(IOException.class);
        assertThat(forwardedUpTo()).isEqualTo(before);
        startCollector();
        assertThat(forwarder.forward(new AuditForwarder.Destination("localhost", server.getLocalPort(), clientTls)))
                .isPositive();
    }
}
