package hk.carerelay.access;

/** What the policy allows, in increasing order. */
public enum Access {
    DENY,
    READ,
    WRITE;

    public boolean allowsRead() {
        return this != DENY;
    }

    public boolean allowsWrite() {
        return this == WRITE;
    }
}
