package hk.carerelay.referral;

import java.time.Instant;

/** A worklist filter a user saved under a name; only its owner sees it. */
public record SavedWorklistFilter(String id, String owner, String name, Worklist list, WorklistFilter filter,
        Instant createdAt) {
}
