package hk.carerelay.document.ui;

import java.io.ByteArrayInputStream;
import java.util.stream.Collectors;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;

import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import jakarta.annotation.security.RolesAllowed;

/**
 * The viewer: each page rendered on the server with the viewer's name and staff id, the patient's name and the time
 * drawn across it; the receiving side sees the redacted copy only, the uploader's side may switch to the original, and
 * during review sees a preview of the redacted copy with the masks as found, or, when the review form's link brings
 * them ({@code ?keepVisible=..&alsoMask=..}), with the choices made in the form and not yet submitted.
 */
@Route("documents/:documentId")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class DocumentView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ClinicalDocuments documents;
    private String documentId;
    private ClinicalDocuments.ReviewChoices choices = ClinicalDocuments.ReviewChoices.NONE;
    private String title = "";

    public DocumentView(ClinicalDocuments documents) {
        this.documents = documents;
        setMaxWidth("70em");
    }

    @Override
    public String getPageTitle() {
        return title + " · CareRelay";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        documentId = event.getRouteParameters().get("documentId").orElse("");
        QueryParameters query = event.getLocation().getQueryParameters();
        choices = new ClinicalDocuments.ReviewChoices(query.getSingleParameter("keepVisible").orElse(null),
                query.getSingleParameter("alsoMask").orElse(null));
        show(ClinicalDocuments.Variant.REDACTED);
    }

    private void show(ClinicalDocuments.Variant variant) {
        // the review form's choices are for the redacted preview; the original is shown as it is
        ClinicalDocuments.ReviewChoices shown = variant == ClinicalDocuments.Variant.REDACTED ? choices
                : ClinicalDocuments.ReviewChoices.NONE;
        removeAll();
        CareRelayUser user = CurrentUser.require();
        ClinicalDocuments.View view;
        try {
            view = documents.describe(user, documentId);
        } catch (NotFoundException | ForbiddenException e) {
            title = getTranslation("documents.notFound");
            add(new H2(title), new Paragraph(e.getMessage()));
            return;
        }
        ClinicalDocuments.Document d = view.document();
        title = d.fileName();
        H2 heading = new H2(d.fileName());
        heading.setId("document-title");
        add(heading, new Paragraph(getTranslation("documents.category." + d.category()) + " · "
                + getTranslation("status." + d.status().name())),
                new Anchor("referrals/" + d.referralId() + "/documents", getTranslation("documents.all")));
        if (view.sendingSide()) {
            RadioButtonGroup<ClinicalDocuments.Variant> variants = new RadioButtonGroup<>();
            variants.setId("document-variant");
            variants.setItems(ClinicalDocuments.Variant.values());
            variants.setItemLabelGenerator(v -> getTranslation("documents.variant." + v.name()));
            variants.setValue(variant);
            variants.addValueChangeListener(e -> show(e.getValue()));
            add(variants);
        }
        ClinicalDocuments.Opened opened;
        try {
            opened = documents.open(user, documentId, variant, shown);
        } catch (ConflictException | ForbiddenException e) {
            add(new Paragraph(e.getMessage()));
            return;
        } catch (ValidationException e) {
            Paragraph refused = new Paragraph(getTranslation("documents.choicesRefused",
                    e.errors().stream().map(FieldError::message).collect(Collectors.joining(" "))));
            refused.setId("document-choices-refused");
            add(refused);
            return;
        }
        if (opened.preview()) {
            Paragraph preview = new Paragraph(opened.choices().isEmpty() ? getTranslation("documents.preview")
                    : getTranslation("documents.previewWithChoices"));
            preview.setId("document-preview");
            add(preview);
        }
        StreamResource pdf = new StreamResource(documentId + ".pdf",
                () -> new ByteArrayInputStream(documents.content(user, documentId, variant, shown)));
        Anchor download = new Anchor(pdf, getTranslation("documents.download"));
        download.setId("document-download");
        download.getElement().setAttribute("download", true);
        add(download);
        for (int i = 0; i < opened.pages(); i++) {
            int index = i;
            Image page = new Image(new StreamResource("page-" + (i + 1) + ".png",
                    () -> new ByteArrayInputStream(documents.page(opened, index))),
                    getTranslation("documents.page", i + 1));
            page.addClassName("document-page");
            page.setWidth("100%");
            page.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)");
            add(page);
        }
    }
}
