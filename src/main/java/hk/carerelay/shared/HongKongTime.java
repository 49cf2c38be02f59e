package hk.carerelay.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Instants are stored in UTC and shown in Hong Kong time. */
public final class HongKongTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Hong_Kong");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private HongKongTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
