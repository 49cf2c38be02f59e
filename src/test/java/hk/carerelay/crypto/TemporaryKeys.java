package hk.carerelay.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

/** Envelope encryption over a keystore generated in a temporary directory, for code outside this package (benches). */
public final class TemporaryKeys {

    private TemporaryKeys() {
    }

    public static EnvelopeEncryption envelopeEncryption() throws Exception {
        Path dir = Files.createTempDirectory("carerelay-keys");
        dir.toFile().deleteOnExit();
        return new EnvelopeEncryption(TestKeyStores.generated(dir));
    }
}
