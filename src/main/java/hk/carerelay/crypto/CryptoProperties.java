package hk.carerelay.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code carerelay.crypto.*}: where the PKCS#12 keystore is and its password (from the environment in production:
 * {@code CARERELAY_KEYSTORE_PASSWORD}); {@code generate-if-missing} is for the demo profile only.
 */
@ConfigurationProperties("carerelay.crypto")
record CryptoProperties(String keystorePath, String keystorePassword, boolean generateIfMissing) {
}
