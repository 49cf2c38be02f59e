package hk.carerelay.consent.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;

/**
 * A drawn signature: a plain {@code <canvas>} made through the Element API and wired with {@code executeJs} (no
 * front-end add-on can be bundled here). When a stroke ends the browser sends the canvas as a PNG data URL, which
 * this component keeps until the form is saved; the server validates it like any other input.
 */
class SignaturePad extends Div {

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

    SignaturePad() {
        setId("signature-pad");
        canvas.setAttribute("id", "signature-canvas");
        canvas.getStyle().set("border", "1px solid var(--lumo-contrast-50pct)").set("border-radius", "4px")
                .set("width", "480px").set("height", "160px").set("background", "white").set("cursor", "crosshair");
        getElement().appendChild(canvas);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs(SCRIPT, canvas);
    }

    /** Called by the browser when a stroke ends, with the whole canvas as a PNG data URL. */
    @ClientCallable
    void signed(String dataUrl) {
        this.signature = dataUrl;
    }

    void clear() {
        signature = null;
        getElement().executeJs("if (this.clearPad) this.clearPad();");
    }

    /** The drawn signature as a PNG data URL, or null when nothing has been drawn. */
    String signature() {
        return signature;
    }
}
