package hk.carerelay.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium, driven by Playwright: nothing is downloaded. The browser tests start one per test and
 * close it after; each {@link #newPage()} is a fresh context, so a page has its own session. On a developer machine
 * without Chromium the browser tests are skipped; in CI (.ci/run installs Chromium) they must run.
 */
final class Chromium implements AutoCloseable {

    private static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium start() {
        assumeTrue(Files.isExecutable(EXECUTABLE) || System.getenv("CI") != null,
                "Debian's chromium is not installed");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new Chromium(playwright, browser);
    }

    /** A page in a new browser context (its own cookies), British English, 1400 × 900, 30 s to wait for anything. */
    Page newPage() {
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB").setViewportSize(1400, 900))
                .newPage();
        page.setDefaultTimeout(30_000);
        return page;
    }

    /** A full-page screenshot under target/screenshots, to look at after the run. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Paths.get("target", "screenshots", name + ".png")));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
