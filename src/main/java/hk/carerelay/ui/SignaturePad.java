package hk.carerelay.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;

/**
 * The form renderer's {@code signature} field: a plain {@code <canvas>} made through the Element API and wired with
 * {@code executeJs} (no front-end add-on can be bundled here). When a stroke ends the browser sends the canvas as a
 * PNG data URL, which becomes the field's value; the server validates it like any other input.
 */
public class SignaturePad extends CustomField<String> {

    private static final String SCRIPT = """
            const host = this, c = $0;
            c.width = 480; c.height = 160;
            c.style.touchAction = 'none';
            const ctx = c.getContext('2d');
            ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#10204a';
            let drawing = false;
            const at = e => { const r = c.getBoundingClientRect();
                return [(e.clientX - r.left) * c.width / r.width, (e.clientY - r.top) * c.height / r.height]; };
            c.addEventListener('pointerdown', e => { drawing = true; c.setPointerCapture(e.pointerId);
                const [x, y] = at(e); ctx.beginPath(); ctx.moveTo(x, y); });
            c.addEventListener('pointermove', e => { if (!drawing) return; const [x, y] = at(e);
                ctx.lineTo(x, y); ctx.stroke(); });
            const end = () => { if (!drawing) return; drawing = false;
                host.$server.signed(c.toDataURL('image/png')); };
            c.addEventListener('pointerup', end);
            c.addEventListener('pointercancel', end);
            host.clearPad = () => ctx.clearRect(0, 0, c.width, c.height);
            """;

    private final Element canvas = new Element("canvas");
    private String signature;

    public SignaturePad(String label, String clearLabel) {
        setLabel(label);
        canvas.setAttribute("id", "signature-canvas");
        canvas.getStyle().set("border", "1px solid var(--lumo-contrast-50pct)").set("border-radius", "4px")
                .set("width", "480px").set("max-width", "100%").set("height", "160px").set("background", "white")
                .set("cursor", "crosshair").set("display", "block");
        Div surface = new Div();
        surface.getElement().appendChild(canvas);
        Button clear = new Button(clearLabel, e -> clear());
        clear.setId("clear-signature");
        clear.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add(surface, clear);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        getElement().executeJs(SCRIPT, canvas);
    }

    /** Called by the browser when a stroke ends, with the whole canvas as a PNG data URL. */
    @ClientCallable
    public void signed(String dataUrl) {
        signature = dataUrl;
        updateValue();
    }

    /** Wipes the canvas and the value. */
    public void clear() {
        signature = null;
        updateValue();
        getElement().executeJs("if (this.clearPad) this.clearPad();");
    }

    @Override
    protected String generateModelValue() {
        return signature;
    }

    @Override
    protected void setPresentationValue(String value) {
        // a drawing cannot be put back on the canvas from the server; only clearing is possible
        if (value == null || value.isEmpty()) {
            signature = null;
            getElement().executeJs("if (this.clearPad) this.clearPad();");
        }
    }
}
