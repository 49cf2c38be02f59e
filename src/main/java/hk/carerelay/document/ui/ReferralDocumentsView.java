package hk.carerelay.document.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.document.DocumentRejectedException;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import hk.carerelay.ui.ReferralSubpage;
import jakarta.annotation.security.RolesAllowed;

/** The documents of a referral: the sending side attaches files here; everyone with access opens them. */
@Route("referrals/:referralId/documents")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class ReferralDocumentsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ClinicalDocuments documents;
    private String referralId;

    public ReferralDocumentsView(ClinicalDocuments documents) {
        this.documents = documents;
        setMaxWidth("70em");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("documents.title") + " · CareRelay";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        referralId = event.getRouteParameters().get("referralId").orElse("");
        show();
    }

    private void show() {
        CareRelayUser user = CurrentUser.require();
        ReferralSubpage.start(this, getTranslation("documents.title"), referralId);
        List<ClinicalDocuments.Document> list;
        try {
            list = documents.ofReferral(user, referralId);
        } catch (NotFoundException | ForbiddenException e) {
            add(new Paragraph(e.getMessage()));
            return;
        }
        if (documents.mayUpload(user, referralId)) {
            add(uploader(user));
        }
        Grid<ClinicalDocuments.Document> grid = new Grid<>();
        grid.setId("document-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ClinicalDocuments.Document::fileName).setHeader(getTranslation("documents.file")).setAutoWidth(true);
        grid.addColumn(d -> getTranslation("documents.category." + d.category())).setHeader(getTranslation("documents.category"))
                .setAutoWidth(true);
        grid.addColumn(d -> getTranslation("status." + d.status().name())).setHeader(getTranslation("tasks.status"))
                .setAutoWidth(true);
        grid.addColumn(d -> d.uploadedBy() + ", " + HongKongTime.format(d.uploadedAt()))
                .setHeader(getTranslation("documents.uploaded")).setAutoWidth(true);
        grid.addComponentColumn(d -> new Button(getTranslation("documents.open"), e -> getUI().ifPresent(ui ->
                ui.navigate(DocumentView.class, new RouteParameters("documentId", d.id())))))
                .setHeader(getTranslation("tasks.actions")).setAutoWidth(true);
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        add(list.isEmpty() ? new Paragraph(getTranslation("documents.none")) : grid);
    }

    private HorizontalLayout uploader(CareRelayUser user) {
        Select<String> category = new Select<>();
        category.setId("document-category");
        category.setLabel(getTranslation("documents.category"));
        category.setItems("LETTER", "LAB_REPORT", "IMAGING_REPORT", "DISCHARGE_SUMMARY", "OTHER");
        category.setItemLabelGenerator(c -> getTranslation("documents.category." + c));
        category.setValue("LETTER");
        MemoryBuffer buffer = new MemoryBuffer();
        Upload upload = new Upload(buffer);
        upload.setId("document-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(26 * 1024 * 1024);
        upload.addSucceededListener(e -> {
            try {
                byte[] bytes = buffer.getInputStream().readAllBytes();
                documents.upload(user, referralId, e.getFileName(), category.getValue(), bytes);
                Notices.success(getTranslation("documents.uploadedForReview"));
                show();
            } catch (DocumentRejectedException ex) {
                Notices.error(getTranslation("documents.refused", ex.getMessage()));
            } catch (ValidationException ex) {
                Notices.error(getTranslation("form.error", ex.errors().get(0).message()));
            } catch (NotFoundException | ForbiddenException ex) {
                Notices.error(ex.getMessage());
            } catch (java.io.IOException ex) {
                Notices.error(getTranslation("documents.refused", ex.getMessage()));
            }
            upload.clearFileList();
        });
        HorizontalLayout row = new HorizontalLayout(category, upload);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }
}
