package hk.carerelay.discharge;

import java.time.LocalDate;

/** A follow-up item of a handover is due soon ({@code onDueDate} false) or today. */
public record FollowUpReminderDue(String handoverId, String familyDoctor, LocalDate dueOn, boolean onDueDate) {
}
