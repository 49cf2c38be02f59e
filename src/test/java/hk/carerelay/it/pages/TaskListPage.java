package hk.carerelay.it.pages;

import com.microsoft.playwright.Page;

/** The worklist: tabs for my tasks and my group's tasks, a search box, rows with claim / open buttons. */
public class TaskListPage {

    private final Page page;

    public TaskListPage(Page page) {
        this.page = page;
        page.waitForSelector("#task-grid");
    }

    public TaskListPage showGroupTasks() {
        page.click("#tab-group");
        Vaadin.settle(page);
        return this;
    }

    public TaskListPage showMyTasks() {
        page.click("#tab-mine");
        Vaadin.settle(page);
        return this;
    }

    /** Narrows the list to one patient's tasks. */
    public TaskListPage search(String patientName) {
        page.fill("#filter-search input", patientName);
        Vaadin.settle(page);
        return this;
    }

    public TaskListPage claimOnlyTask() {
        page.locator("vaadin-button.claim-task").first().click();
        page.waitForSelector("vaadin-notification-card");
        Vaadin.settle(page);
        return this;
    }

    public TaskFormPage openOnlyTask() {
        page.locator("vaadin-button.open-task").first().click();
        return new TaskFormPage(page);
    }

    /** Whether every column fits the page's width: none hidden behind the actions column, no sideways scrolling. */
    public boolean fitsItsWidth() {
        return (Boolean) page.evaluate("() => { const t = document.querySelector('#task-grid').shadowRoot"
                + ".querySelector('#table'); return t.scrollWidth <= t.clientWidth; }");
    }

    public int visibleTasks() {
        return ((Number) page.evaluate("() => document.querySelector('#task-grid').size")).intValue();
    }
}
