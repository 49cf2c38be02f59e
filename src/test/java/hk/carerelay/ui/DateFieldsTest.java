package hk.carerelay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateFieldsTest {

    @Test
    void datesAreShownYearFirstWhateverTheLanguage() {
        assertThat(DateFields.date("Date of birth").getI18n().getDateFormats()).first().isEqualTo("yyyy-MM-dd");
        assertThat(DateFields.date().getPlaceholder()).isEqualTo("yyyy-mm-dd");
        assertThat(DateFields.dateTime("Appointment").getDatePickerI18n().getDateFormats()).first()
                .isEqualTo("yyyy-MM-dd");
    }
}
