package hk.carerelay.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;

/**
 * Date fields that show and parse dates as {@code yyyy-mm-dd} in every language. The browser's default for English
 * is month first (9/6/2026), which a Hong Kong reader takes for 9 June: a date of birth or an appointment must not
 * depend on which way round the reader assumes.
 */
public final class DateFields {

    private static final String FORMAT = "yyyy-MM-dd";

    private DateFields() {
    }

    public static DatePicker date(String label) {
        DatePicker picker = new DatePicker(label);
        picker.setI18n(i18n());
        picker.setPlaceholder(FORMAT.toLowerCase(java.util.Locale.ROOT));
        return picker;
    }

    public static DatePicker date() {
        return date(null);
    }

    public static DateTimePicker dateTime(String label) {
        DateTimePicker picker = new DateTimePicker(label);
        picker.setDatePickerI18n(i18n());
        picker.setDatePlaceholder(FORMAT.toLowerCase(java.util.Locale.ROOT));
        return picker;
    }

    private static DatePicker.DatePickerI18n i18n() {
        // typed as 2026/09/06 or 20260906 too; shown as 2026-09-06
        return new DatePicker.DatePickerI18n().setDateFormats(FORMAT, "yyyy/MM/dd", "yyyyMMdd");
    }
}
