package hk.carerelay.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forwards sealed audit entries to a syslog collector: RFC 5424 messages carrying the entry as a FHIR AuditEvent,
 * over TLS with RFC 5425 octet-counting framing, as IHE ATNA does. Runs on the scheduler, never on a request; remembers
 * the last entry the collector accepted, so a collector that is down delays forwarding but loses nothing.
 */
@Component
public class AuditForwarder {

    /** authpriv (10) × 8 + notice (5). */
    static final int PRIORITY = 85;
    private static final Logger log = LoggerFactory.getLogger(AuditForwarder.class);

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final Clock clock;
    private final String hostname;

    AuditForwarder(JdbcClient jdbc, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.hostname = localHostname();
    }

    /** Where to send: host, port and the TLS context that checks the collector's certificate. */
    public record Destination(String host, int port, SSLContext tls) {
    }

    @Scheduled(fixedDelayString = "${carerelay.audit.seal-interval:PT2S}", initialDelayString = "PT10S")
    void scheduled() {
        AuditProperties.Forward forward = properties.forward();
        if (!forward.enabled()) {
            return;
        }
        try {
            forward(new Destination(forward.host(), forward.port(), tls(forward)));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.warn("Audit forwarding to {}:{} failed; will retry: {}", forward.host(), forward.port(), e.toString());
        }
    }

    /** Sends every sealed entry the collector has not yet accepted; returns how many were sent. */
    public long forward(Destination destination) throws IOException {
        long sent = 0;
        try (SSLSocket socket = (SSLSocket) destination.tls().getSocketFactory()
                .createSocket(destination.host(), destination.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            List<AuditEntry> batch;
            do {
                long last = jdbc.sql("SELECT last_seq FROM audit_forward_state WHERE id = 1").query(Long.class).single();
                batch = jdbc.sql("SELECT " + AuditSealer.prefixed("e") + " FROM audit_seal s JOIN audit_event e"
                        + " ON e.id = s.event_id WHERE s.seq > ? ORDER BY s.seq FETCH FIRST "
                        + properties.forward().batch() + " ROWS ONLY")
                        .param(last).query(AuditEntry::map).list();
                for (AuditEntry entry : batch) {
                    out.write(frame(entry));
                }
                out.flush();
                if (!batch.isEmpty()) {
                    jdbc.sql("UPDATE audit_forward_state SET last_seq = ?, forwarded_at = ? WHERE id = 1")
                            .params(last + batch.size(), clock.instant().atOffset(ZoneOffset.UTC)).update();
                    sent += batch.size();
                }
            } while (batch.size() == properties.forward().batch());
        }
        return sent;
    }

    /** One RFC 5424 message, framed by octet counting (RFC 5425 section 4.3). */
    byte[] frame(AuditEntry entry) {
        String message = "<" + PRIORITY + ">1 " + entry.occurredAt() + " " + hostname + " carerelay - AuditEvent - "
                + FhirAuditEvents.resource(entry);
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] length = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[length.length + body.length];
        System.arraycopy(length, 0, framed, 0, length.length);
        System.arraycopy(body, 0, framed, length.length, body.length);
        return framed;
    }

    private static SSLContext tls(AuditProperties.Forward forward) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (forward.truststorePath() != null && !forward.truststorePath().isBlank()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(forward.truststorePath()))) {
                store.load(in, forward.truststorePassword() == null ? null : forward.truststorePassword().toCharArray());
            }
            trust.init(store);
        } else {
            trust.init((KeyStore) null);
        }
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String localHostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "-" : name.replace(' ', '_');
        } catch (IOException e) {
            return "-";
        }
    }
}
