package hk.carerelay.consent;

/** Where a consent stands. Only GRANTED lets a record be shared; the other three are final. */
public enum ConsentStatus {
    GRANTED,
    REFUSED,
    WITHDRAWN,
    EXPIRED
}
