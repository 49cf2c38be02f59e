package hk.carerelay.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.microsoft.playwright.Page;

import hk.carerelay.it.pages.LoginPage;

/**
 * The browser tests: the application as the API tests have it, and a headless {@link Chromium} started for each test
 * with one page open, closed after it.
 */
abstract class BrowserTestSupport extends ApiTestSupport {

    protected Chromium chromium;
    protected Page page;

    @BeforeEach
    void startBrowser() {
        chromium = Chromium.start();
        page = chromium.newPage();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A page of its own (a new browser context, so its own session), signed in as the user. */
    protected Page signedIn(String username) {
        Page own = chromium.newPage();
        new LoginPage(own).open(baseUrl()).signIn(username, PASSWORD, SECRET);
        return own;
    }
}
