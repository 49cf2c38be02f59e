package hk.carerelay.it.pages;

import com.microsoft.playwright.Page;

import hk.carerelay.it.Codes;

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
        page.fill("#code input", Codes.fresh(username, totpSecret));
        page.click("#sign-in");
        page.waitForURL("**/tasks");
        return new TaskListPage(page);
    }
}
