/**
 * Keys and cryptography: the PKCS#12 keystore (Bouncy Castle) named by configuration, the Ed25519 key that signs audit
 * checkpoints, the key-encryption keys and envelope encryption of content at rest, and CMS envelopes for export. Keys
 * never leave this package; the demo profile may generate a keystore under ./data, production must be given one.
 */
package hk.carerelay.crypto;
