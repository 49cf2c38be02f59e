package hk.carerelay.it.pages;

import com.microsoft.playwright.Page;

/** Waiting for Vaadin: a change reaches the server after a short debounce, and the page is settled once no request is in flight. */
final class Vaadin {

    private Vaadin() {
    }

    static void settle(Page page) {
        page.waitForTimeout(600);
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && !Object.values(window.Vaadin.Flow.clients).some(c => c.isActive && c.isActive())");
    }
}
