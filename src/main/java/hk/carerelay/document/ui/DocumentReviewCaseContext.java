package hk.carerelay.document.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.spring.annotation.SpringComponent;

import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.workflow.ui.CaseContext;

/**
 * Above the review form: the document's text with every finding highlighted and numbered (struck through where it
 * will be masked), the list of findings with their type, confidence and reason, and a link to the preview of the
 * redacted copy, which follows what the review form says to leave visible and to mask as well before it is submitted.
 */
@SpringComponent
class DocumentReviewCaseContext implements CaseContext {

    private final ClinicalDocuments documents;

    DocumentReviewCaseContext(ClinicalDocuments documents) {
        this.documents = documents;
    }

    @Override
    public String processDefinitionKey() {
        return "document-review";
    }

    @Override
    public Component render(CareRelayUser user, String caseId) {
        ClinicalDocuments.View view = documents.describe(user, caseId);
        String text = documents.text(user, caseId, ClinicalDocuments.Variant.ORIGINAL);
        return new Review(view, text);
    }

    /** The preview link carries the form's choices, so the preview shows the copy that completing the form would release. */
    @Override
    public void formChanged(Component rendered, Map<String, Object> values) {
        if (rendered instanceof Review review) {
            review.follow(values);
        }
    }

    private static final class Review extends Composite<VerticalLayout> {

        private final String documentId;
        private final Anchor preview;

        /** Points the preview link at the copy these (unsubmitted) review choices would release. */
        void follow(Map<String, Object> values) {
            Map<String, String> choices = new LinkedHashMap<>();
            for (String key : List.of("keepVisible", "alsoMask")) {
                if (values.get(key) instanceof String value && !value.isBlank()) {
                    choices.put(key, value);
                }
            }
            String query = QueryParameters.simple(choices).getQueryString();
            preview.setHref("documents/" + documentId + (query.isEmpty() ? "" : "?" + query));
            preview.setText(getTranslation(choices.isEmpty() ? "review.preview" : "review.previewWithChoices"));
        }

        Review(ClinicalDocuments.View view, String text) {
            documentId = view.document().id();
            Div marked = new Div();
            marked.setId("review-text");
            marked.getStyle().set("white-space", "pre-wrap").set("font-family", "monospace")
                    .set("max-height", "30em").set("overflow", "auto")
                    .set("border", "1px solid var(--lumo-contrast-20pct)").set("padding", "var(--lumo-space-s)");
            int at = 0;
            List<ClinicalDocuments.StoredFinding> findings = view.findings().stream()
                    .sorted(java.util.Comparator.comparingInt(ClinicalDocuments.StoredFinding::start)).toList();
            for (ClinicalDocuments.StoredFinding f : findings) {
                if (f.start() < at || f.end() > text.length()) {
                    continue;
                }
                marked.add(new Span(text.substring(at, f.start())));
                Span hit = new Span(text.substring(f.start(), f.end()));
                hit.getElement().setAttribute("title", f.type() + ": " + f.reason());
                hit.getStyle().set("background", f.masked() ? "var(--lumo-error-color-10pct)"
                        : "var(--lumo-primary-color-10pct)");
                if (f.masked()) {
                    hit.getStyle().set("text-decoration", "line-through");
                }
                Span number = new Span("[" + f.number() + "]");
                number.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("vertical-align", "super");
                marked.add(hit, number);
                at = f.end();
            }
            marked.add(new Span(text.substring(Math.min(at, text.length()))));

            Grid<ClinicalDocuments.StoredFinding> grid = new Grid<>();
            grid.setId("review-findings");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.addColumn(ClinicalDocuments.StoredFinding::number).setHeader("#").setAutoWidth(true);
            grid.addColumn(ClinicalDocuments.StoredFinding::type).setHeader(getTranslation("review.type")).setAutoWidth(true);
            grid.addColumn(ClinicalDocuments.StoredFinding::text).setHeader(getTranslation("review.value")).setAutoWidth(true);
            grid.addColumn(f -> f.masked() ? getTranslation("review.masked") : getTranslation("review.kept"))
                    .setHeader(getTranslation("review.byDefault")).setAutoWidth(true);
            grid.addColumn(f -> String.format("%.2f", f.confidence())).setHeader(getTranslation("review.confidence"))
                    .setAutoWidth(true);
            grid.addColumn(ClinicalDocuments.StoredFinding::reason).setHeader(getTranslation("review.reason"))
                    .setFlexGrow(1);
            grid.setItems(findings);
            grid.setAllRowsVisible(true);
            preview = new Anchor("documents/" + view.document().id(), getTranslation("review.preview"));
            preview.setId("review-preview");
            // in a tab of its own, so that the form and what was entered in it stay as they are
            preview.setTarget(AnchorTarget.BLANK);
            getContent().add(new Paragraph(getTranslation("review.help")), marked, grid, preview);
        }
    }
}
