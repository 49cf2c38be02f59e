/**
 * Who is calling: user accounts, roles, two-factor sign-in (password plus RFC 6238 code), API bearer tokens, the
 * Spring Security filter chains and the engine identity that candidate groups resolve against. Owns no patient data.
 */
package hk.carerelay.identity;
