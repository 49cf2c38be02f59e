package hk.carerelay.message.ui;

import java.util.Optional;

import org.springframework.stereotype.Component;

import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.referral.ui.ReferralPanel;

/** Puts the message thread on the referral page for the users who may read it. */
@Component
class MessagesPanels implements ReferralPanel {

    private final SecureMessages messages;
    private final ClinicalDocuments documents;

    MessagesPanels(SecureMessages messages, ClinicalDocuments documents) {
        this.messages = messages;
        this.documents = documents;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> panel(CareRelayUser user, String referralId) {
        return MessagesPanel.shown(messages, user, referralId)
                ? Optional.of(new MessagesPanel(messages, documents, user, referralId)) : Optional.empty();
    }
}
