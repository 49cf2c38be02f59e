package hk.carerelay.it.pages;

import java.time.Instant;

import com.microsoft.playwright.Page;

import hk.carerelay.identity.Totp;

/** The sign-in page: username, password and the current code of the user's authenticator. */
public class LoginPage {

    private final Page page;

    public LoginPage(Page page) {
        this.page = page;
    }

    public LoginPage open(String baseUrl) {
        page.navigate(baseUrl + "/login");
        page.waitForSelector("#username input");
        return this;
    }

    public TaskListPage signIn(String username, String password, String totpSecret) {
        page.fill("#username input", username);
        page.fill("#password input", password);
        page.fill("#code input", Totp.codeAt(totpSecret, Instant.now()));
        page.click("#sign-in");
        page.waitForURL("**/tasks");
        return new TaskListPage(page);
    }
}
