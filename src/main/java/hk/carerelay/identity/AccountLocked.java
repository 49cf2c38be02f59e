package hk.carerelay.identity;

import java.time.Instant;

/** An account was locked after repeated failed sign-ins; the user and the system administrators are told. */
public record AccountLocked(String username, String institution, Instant until) {
}
