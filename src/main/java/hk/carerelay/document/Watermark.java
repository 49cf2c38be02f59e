package hk.carerelay.document;

import java.time.Instant;

import hk.carerelay.shared.HongKongTime;

/** Who is looking at whose document, and when: stamped across every page they are shown or given. */
public record Watermark(String viewerName, String staffId, String patientName, Instant at) {

    public String text() {
        return viewerName + " (" + staffId + ") · " + patientName + " · " + HongKongTime.format(at) + " HKT";
    }
}
