package hk.carerelay.it.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

/** The consent capture view of a referral: the decision, the signature canvas, recording. */
public class ConsentCapturePage {

    private final Page page;

    public ConsentCapturePage(Page page) {
        this.page = page;
    }

    public ConsentCapturePage open(String baseUrl, String referralId) {
        page.navigate(baseUrl + "/referrals/" + referralId + "/consent");
        page.waitForSelector("#signature-canvas");
        return this;
    }

    public ConsentCapturePage decide(String optionLabel) {
        page.locator("#field-decision vaadin-radio-button", new Page.LocatorOptions().setHasText(optionLabel))
                .first().click();
        return this;
    }

    /** Draws a signature on the canvas with the mouse, in two strokes, as a patient would with a stylus. */
    public ConsentCapturePage sign() {
        BoundingBox box = page.locator("#signature-canvas").boundingBox();
        stroke(box, new double[][] {{0.08, 0.7}, {0.2, 0.25}, {0.32, 0.75}, {0.45, 0.3}, {0.55, 0.65}});
        stroke(box, new double[][] {{0.6, 0.5}, {0.7, 0.2}, {0.82, 0.7}, {0.92, 0.35}});
        return this;
    }

    private void stroke(BoundingBox box, double[][] points) {
        page.mouse().move(box.x + box.width * points[0][0], box.y + box.height * points[0][1]);
        page.mouse().down();
        for (double[] p : points) {
            page.mouse().move(box.x + box.width * p[0], box.y + box.height * p[1],
                    new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
        }
        page.mouse().up();
    }

    /** Whether something was drawn: the canvas has dark pixels (read in the browser). */
    public boolean canvasHasInk() {
        Object inked = page.evaluate("() => { const c = document.getElementById('signature-canvas');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 128) n++; } return n; }");
        return ((Number) inked).intValue() > 50;
    }

    public void record() {
        page.click("#record-consent");
        page.waitForSelector("#consent-grid");
    }

    /** The signature field, which shows the validation message when the signature is missing or blank. */
    public Locator signatureField() {
        return page.locator("#field-signature");
    }
}
