package hk.carerelay.discharge;

import java.time.Instant;
import java.time.LocalDate;

/** A follow-up item of a handover: its number in the summary's list, when it is due and when the reminder comes. */
public record FollowUp(String id, String handoverId, int itemNo, LocalDate dueOn, LocalDate remindOn, String status,
        Instant completedAt) {
}
