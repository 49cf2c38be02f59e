package hk.carerelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreServiceTest {

    @TempDir
    Path dir;

    @Test
    void theDemoProfileGeneratesTheFirstKeyEncryptionKeyAndKeepsIt() throws Exception {
        Path path = dir.resolve("keys.p12");
        KeyStoreService.Kek generated = TestKeyStores.open(path, true).currentDocumentKek();
        assertThat(generated.id()).isEqualTo("document-kek-1");
        assertThat(generated.key().getEncoded()).hasSize(32);

        KeyStoreService reopened = TestKeyStores.open(path, false);
        assertThat(reopened.currentDocumentKek().key().getEncoded()).isEqualTo(generated.key().getEncoded());
    }

    @Test
    void anExistingDemoKeystoreWithoutTheKeyGetsOne() throws Exception {
        Path path = TestKeyStores.withAuditKeyOnly(dir.resolve("keys.p12"));
        assertThat(TestKeyStores.open(path, true).currentDocumentKek().id()).isEqualTo("document-kek-1");
    }

    @Test
    void productionRefusesToStartWithoutAKeyEncryptionKey() throws Exception {
        Path path = TestKeyStores.withAuditKeyOnly(dir.resolve("keys.p12"));
        assertThatThrownBy(() -> TestKeyStores.open(path, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("document-kek-1")
                .hasMessageContaining("--documents-rotate-kek");
    }

    @Test
    void theRotationCommandMayStartWithoutOneAndCreatesTheFirst() throws Exception {
        Path path = TestKeyStores.withAuditKeyOnly(dir.resolve("keys.p12"));
        KeyStoreService keys = TestKeyStores.open(path, false, "--documents-rotate-kek");
        assertThatThrownBy(keys::currentDocumentKek).hasMessageContaining("no document key-encryption key");

        assertThat(keys.addDocumentKek().id()).isEqualTo("document-kek-1");
        assertThat(TestKeyStores.open(path, false).currentDocumentKek().id()).isEqualTo("document-kek-1");
    }

    @Test
    void theDemoProfileGeneratesAConsentSigningKeyApartFromTheAuditKey() throws Exception {
        KeyStoreService keys = TestKeyStores.generated(dir);
        assertThat(keys.consentSigningKey().keyId()).isNotEqualTo(keys.auditSigningKey().keyId());
        assertThat(keys.publicKey(keys.consentSigningKey().keyId())).isPresent();
    }

    @Test
    void productionRefusesToStartWithoutAConsentSigningKey() throws Exception {
        Path path = dir.resolve("keys.p12");
        TestKeyStores.open(path, true);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12", "BC");
        try (var in = java.nio.file.Files.newInputStream(path)) {
            store.load(in, TestKeyStores.PASSWORD.toCharArray());
        }
        store.deleteEntry(KeyStoreService.CONSENT_SIGNING);
        try (var out = java.nio.file.Files.newOutputStream(path)) {
            store.store(out, TestKeyStores.PASSWORD.toCharArray());
        }
        assertThatThrownBy(() -> TestKeyStores.open(path, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("consent-signing");
    }

    @Test
    void aKeyAddedByAnotherProcessIsSeenWithoutRestart() throws Exception {
        Path path = dir.resolve("keys.p12");
        KeyStoreService node = TestKeyStores.open(path, true);
        KeyStoreService rotation = TestKeyStores.open(path, false);

        KeyStoreService.Kek added = rotation.addDocumentKek();

        assertThat(added.id()).isEqualTo("document-kek-2");
        assertThat(node.currentDocumentKek().id()).isEqualTo("document-kek-2");
        assertThat(node.documentKek("document-kek-2")).hasValueSatisfying(
                k -> assertThat(k.key().getEncoded()).isEqualTo(added.key().getEncoded()));
        assertThat(node.documentKek("document-kek-1")).isPresent();
        assertThat(node.documentKek("document-kek-9")).isEmpty();
        assertThat(node.documentKek("audit-signing")).isEmpty();
    }
}
