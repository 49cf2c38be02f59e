/**
 * Finds Hong Kong personal data (HKID, passport, phone, e-mail, address, name, date of birth) in plain text that
 * another feature has extracted from a document, and decides by policy which findings are masked. Works on strings
 * only: it reads no files, stores nothing and calls no other feature.
 */
package hk.carerelay.redaction;
