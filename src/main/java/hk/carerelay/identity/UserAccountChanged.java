package hk.carerelay.identity;

/** An account was created or changed; the engine identity follows it. */
public record UserAccountChanged(CareRelayUser user) {
}
