package hk.carerelay.identity;

import java.util.Locale;

/** Text shown under the sign-in form; only the demo profile provides one (the demo password and current code). */
public interface SignInHint {

    String text(Locale locale);
}
