package hk.carerelay.document.ui;

import java.io.ByteArrayInputStream;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;

import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import jakarta.annotation.security.RolesAllowed;

/**
 * The viewer: each page rendered on the server with the viewer's name and staff id, the patient's name and the time
 * drawn across it; the receiving side sees the redacted copy only, the uploader's side may switch to the original, and
 * during review sees a preview of the redacted copy with the masks as found.
 */
@Route("documents/:documentId")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class DocumentView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ClinicalDocuments documents;
    private String documentId;
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
        show(ClinicalDocuments.Variant.REDACTED);
    }

    private void show(ClinicalDocuments.Variant variant) {
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
            opened = documents.open(user, documentId, variant);
        } catch (ConflictException | ForbiddenException e) {
            add(new Paragraph(e.getMessage()));
            return;
        }
        if (opened.preview()) {
            Paragraph preview = new Paragraph(getTranslation("documents.preview"));
            preview.setId("document-preview");
            add(preview);
        }
        StreamResource pdf = new StreamResource(documentId + ".pdf",
                () -> new ByteArrayInputStream(documents.content(user, documentId, variant)));
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
