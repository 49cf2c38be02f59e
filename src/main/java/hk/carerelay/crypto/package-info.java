/**
 * Keys and signatures: the PKCS#12 keystore (Bouncy Castle) named by configuration, the Ed25519 key that signs audit
 * checkpoints, and the operations other features use. Keys never leave this package; the demo profile may generate a
 * keystore under ./data, production must be given one.
 */
package hk.carerelay.crypto;
