package hk.carerelay.it.pages;

import com.microsoft.playwright.Page;

/** A task's page: the case above, the form rendered from the task's .form definition, the complete button. */
public class TaskFormPage {

    private final Page page;

    public TaskFormPage(Page page) {
        this.page = page;
        page.waitForSelector("#task-form");
    }

    public String title() {
        return page.locator("#task-title").innerText();
    }

    public TaskFormPage choose(String fieldKey, String optionLabel) {
        page.locator("#field-" + fieldKey + " vaadin-radio-button", new Page.LocatorOptions().setHasText(optionLabel))
                .first().click();
        return this;
    }

    public TaskListPage complete() {
        page.click("#submit-task");
        page.waitForURL("**/tasks");
        return new TaskListPage(page);
    }
}
