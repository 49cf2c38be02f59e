package hk.carerelay.demo;

import java.time.Clock;
import java.util.Locale;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import hk.carerelay.identity.SignInHint;
import hk.carerelay.identity.Totp;

/** Lets a newcomer sign in within a minute: shows the demo password and the code that is valid right now. */
@Component
@Profile("demo")
class DemoSignInHint implements SignInHint {

    private final Clock clock;

    DemoSignInHint(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String text(Locale locale) {
        String code = Totp.codeAt(DemoData.TOTP_SECRET, clock.instant());
        if (locale != null && "zh".equals(locale.getLanguage())) {
            return "示範模式：所有示範帳戶密碼為 " + DemoData.PASSWORD + "，現時驗證碼為 " + code
                    + "（例如 coord.wong、gp.chan、dr.lee）。每個驗證碼只可使用一次，30 秒後會有新驗證碼。";
        }
        return "Demo mode: every demo account uses password " + DemoData.PASSWORD + "; the current code is " + code
                + " (try coord.wong, gp.chan or dr.lee). A code works once; a new one comes every 30 seconds.";
    }
}
