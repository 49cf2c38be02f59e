package hk.carerelay.referral;

import java.util.Arrays;
import java.util.Optional;

/** Whose work a worklist shows: the caller's (a task of the referral claimed by them) or their institution's. */
public enum WorklistScope {
    ME("me"),
    ORGANISATION("organisation");

    private final String path;

    WorklistScope(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<WorklistScope> byPath(String path) {
        return Arrays.stream(values()).filter(s -> s.path.equals(path)).findFirst();
    }
}
