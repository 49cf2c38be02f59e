package hk.carerelay.message.ui;

import java.util.List;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;

import hk.carerelay.access.Access;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.message.CaseType;
import hk.carerelay.message.Message;
import hk.carerelay.message.MessageThread;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;

/**
 * A case's message thread on the case's page (a referral, a consultation, a discharge handover): closed, it shows how
 * many messages wait unread; opening it reads the thread (audited, and marks the messages read), with who read each
 * message and a box to write one, pointing at one of the documents the case lets the writer attach, if any.
 */
class MessagesPanel extends Details {

    private final SecureMessages messages;
    private final CareRelayUser user;
    private final CaseType caseType;
    private final String caseId;
    private final Span badge = new Span();
    private final VerticalLayout content = new VerticalLayout();

    MessagesPanel(SecureMessages messages, CareRelayUser user, CaseType caseType, String caseId) {
        this.messages = messages;
        this.user = user;
        this.caseType = caseType;
        this.caseId = caseId;
        setId("messages");
        badge.setId("messages-unread");
        badge.getElement().getThemeList().add("badge contrast pill");
        setSummary(new HorizontalLayout(new Span(getTranslation("messages.title")), badge));
        content.setPadding(false);
        add(content);
        showUnread(messages.unread(user).in(caseType, caseId));
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                load();
            }
        });
    }

    private void showUnread(long unread) {
        badge.setText(getTranslation("messages.unread", unread));
        badge.setVisible(unread > 0);
    }

    private void load() {
        content.removeAll();
        MessageThread thread;
        try {
            thread = messages.thread(user, caseType, caseId);
        } catch (NotFoundException | ForbiddenException e) {
            content.add(new Paragraph(e.getMessage()));
            return;
        }
        showUnread(0);
        if (thread.emergencyAccess()) {
            Paragraph notice = new Paragraph(getTranslation("messages.emergency"));
            notice.getElement().getThemeList().add("badge error");
            content.add(notice);
        }
        Div list = new Div();
        list.setId("message-list");
        list.setWidthFull();
        if (thread.messages().isEmpty()) {
            list.add(new Paragraph(getTranslation("messages.none")));
        }
        for (Message m : thread.messages()) {
            list.add(card(m));
        }
        content.add(list);
        if (thread.mayWrite()) {
            content.add(sendBox());
        } else if (!thread.emergencyAccess()) {
            content.add(new Paragraph(getTranslation("messages.readOnly")));
        }
    }

    private Div card(Message m) {
        Div card = new Div();
        card.addClassName("message");
        card.getStyle().set("border-left", "3px solid var(--lumo-contrast-20pct)").set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                .set("margin-bottom", "var(--lumo-space-s)");
        Span who = new Span(m.authorName() + " (" + m.author() + ", " + m.authorInstitution() + ") · "
                + HongKongTime.format(m.sentAt()));
        who.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        card.add(who);
        if (m.unread()) {
            card.add(Notices.badge(getTranslation("messages.new"), "success"));
        }
        Paragraph body = new Paragraph(m.body());
        body.addClassName("message-body");
        body.getStyle().set("white-space", "pre-wrap").set("margin", "var(--lumo-space-xs) 0");
        card.add(body);
        if (m.attachment() != null) {
            Anchor attachment = new Anchor("documents/" + m.attachment().documentId(), m.attachment().fileName());
            attachment.addClassName("message-attachment");
            card.add(attachment);
        } else if (m.attachmentPending()) {
            Span pending = new Span(getTranslation("messages.attachmentPending"));
            pending.addClassName("message-attachment-pending");
            card.add(pending);
        }
        Span receipts = new Span(m.readBy().isEmpty() ? getTranslation("messages.notRead")
                : getTranslation("messages.readBy", m.readBy().stream()
                        .map(r -> r.name() + " " + HongKongTime.format(r.readAt())).collect(Collectors.joining(", "))));
        receipts.addClassName("message-receipts");
        receipts.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-xs)")
                .set("color", "var(--lumo-secondary-text-color)");
        card.add(receipts);
        return card;
    }

    private VerticalLayout sendBox() {
        TextArea body = new TextArea(getTranslation("messages.body"));
        body.setId("message-body");
        body.setWidthFull();
        body.setMaxLength(SecureMessages.MAX_BODY);
        body.setRequired(true);
        ComboBox<ClinicalDocuments.Document> document = new ComboBox<>(getTranslation(
                caseType == CaseType.CONSULTATION ? "messages.attachmentOfConsultation" : "messages.attachment"));
        document.setId("message-document");
        document.setWidth("24em");
        List<ClinicalDocuments.Document> attachable = messages.attachable(user, caseType, caseId);
        document.setItems(attachable);
        document.setItemLabelGenerator(d -> d.fileName() + " · " + getTranslation("documents.category." + d.category()));
        document.setClearButtonVisible(true);
        document.setVisible(!attachable.isEmpty());
        Button send = new Button(getTranslation("messages.send"), e -> {
            try {
                messages.post(user, caseType, caseId, body.getValue(),
                        document.getValue() == null ? null : document.getValue().id());
                Notices.success(getTranslation("messages.sent"));
                load();
            } catch (ValidationException ex) {
                ex.errors().forEach(error -> {
                    if ("documentId".equals(error.field())) {
                        document.setErrorMessage(getTranslation("form.error", error.message()));
                        document.setInvalid(true);
                    } else {
                        body.setErrorMessage(getTranslation("form.error", error.message()));
                        body.setInvalid(true);
                    }
                });
            } catch (NotFoundException | ForbiddenException ex) {
                Notices.error(ex.getMessage());
            }
        });
        send.setId("message-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout box = new VerticalLayout(body, document, send);
        box.setPadding(false);
        return box;
    }

    /** Whether the panel belongs on the page at all: only for users who may read the thread. */
    static boolean shown(SecureMessages messages, CareRelayUser user, CaseType caseType, String caseId) {
        return messages.access(user, caseType, caseId) != Access.DENY;
    }
}
