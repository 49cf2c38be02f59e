package hk.carerelay.message.ui;

import java.util.Optional;

import org.springframework.stereotype.Component;

import hk.carerelay.consultation.ui.ConsultationPanel;
import hk.carerelay.discharge.ui.DischargePanel;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.message.CaseType;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.referral.ui.ReferralPanel;

/**
 * Puts the message thread on the referral, consultation and discharge handover pages, for the users who may read it.
 * One bean per page, as each page collects its own kind of panel.
 */
final class MessagesPanels {

    private MessagesPanels() {
    }

    private static Optional<com.vaadin.flow.component.Component> panel(SecureMessages messages, CareRelayUser user,
            CaseType caseType, String caseId) {
        return MessagesPanel.shown(messages, user, caseType, caseId)
                ? Optional.of(new MessagesPanel(messages, user, caseType, caseId)) : Optional.empty();
    }

    @Component
    static class OnReferral implements ReferralPanel {

        private final SecureMessages messages;

        OnReferral(SecureMessages messages) {
            this.messages = messages;
        }

        @Override
        public Optional<com.vaadin.flow.component.Component> panel(CareRelayUser user, String referralId) {
            return MessagesPanels.panel(messages, user, CaseType.REFERRAL, referralId);
        }
    }

    @Component
    static class OnConsultation implements ConsultationPanel {

        private final SecureMessages messages;

        OnConsultation(SecureMessages messages) {
            this.messages = messages;
        }

        @Override
        public Optional<com.vaadin.flow.component.Component> panel(CareRelayUser user, String consultationId) {
            return MessagesPanels.panel(messages, user, CaseType.CONSULTATION, consultationId);
        }
    }

    @Component
    static class OnDischarge implements DischargePanel {

        private final SecureMessages messages;

        OnDischarge(SecureMessages messages) {
            this.messages = messages;
        }

        @Override
        public Optional<com.vaadin.flow.component.Component> panel(CareRelayUser user, String handoverId) {
            return MessagesPanels.panel(messages, user, CaseType.DISCHARGE, handoverId);
        }
    }
}
