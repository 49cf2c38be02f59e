package hk.carerelay.organisation;

import java.util.Locale;

/** A specialty code (for example CARDIOLOGY) with its English and Traditional Chinese names. */
public record Specialty(String code, String nameEn, String nameZh) {

    public String name(Locale locale) {
        return isChinese(locale) ? nameZh : nameEn;
    }

    static boolean isChinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }
}
