package hk.carerelay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text with parameters is a {@link MessageFormat} pattern, as Vaadin formats it: a single apostrophe there
 * starts a quotation and swallows the parameters after it ("referral's record with {1}" shows "{1}"), so it must be
 * written twice. Each text is formatted with sample values and must show them all.
 */
class TranslationsTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\d+)[^}]*}");

    @ParameterizedTest
    @ValueSource(strings = {"translations.properties", "translations_zh_HK.properties"})
    void everyParameterIsFilledIn(String file) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/vaadin-i18n/" + file)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> broken = new ArrayList<>();
        for (String key : texts.stringPropertyNames()) {
            String text = texts.getProperty(key);
            var parameters = PARAMETER.matcher(text);
            if (!parameters.find()) {
                continue;
            }
            Object[] values = {"P0", "P1", "P2", "P3", "P4", "P5"};
            String shown = new MessageFormat(text, Locale.ENGLISH).format(values);
            parameters.reset();
            while (parameters.find()) {
                int n = Integer.parseInt(parameters.group(1));
                if (!text.substring(parameters.start()).startsWith("{" + n + ",") && !shown.contains("P" + n)) {
                    broken.add(key + " = " + text + "  ->  " + shown);
                }
            }
            if (shown.contains("{")) {
                broken.add(key + " = " + text + "  ->  " + shown);
            }
        }
        assertThat(broken).as("texts whose parameters do not show").isEmpty();
    }
}
