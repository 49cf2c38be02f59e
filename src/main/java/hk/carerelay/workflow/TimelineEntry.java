package hk.carerelay.workflow;

import java.time.Instant;

/** One line of a case's history: when, who ({@code system} for automated steps) and what happened. */
public record TimelineEntry(Instant at, String actor, String event, String activityId, String type) {
}
