package hk.carerelay.organisation;

import java.util.Locale;

/** A clinic, hospital or specialist centre taking part in referrals. */
public record Institution(String code, String nameEn, String nameZh, String kind, boolean receivesReferrals) {

    public String name(Locale locale) {
        return Specialty.isChinese(locale) && nameZh != null ? nameZh : nameEn;
    }
}
