package hk.carerelay.consultation.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.spring.annotation.SpringComponent;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.referral.ui.ReferralPanel;

/** On a referral page, lets a doctor of a department ask another department about it. */
@SpringComponent
class ConsultationReferralPanel implements ReferralPanel {

    @Override
    public Optional<Component> panel(CareRelayUser user, String referralId) {
        if (user.role() != Role.SPECIALIST || user.department() == null) {
            return Optional.empty();
        }
        Anchor ask = new Anchor("consultations?referral=" + referralId,
                com.vaadin.flow.component.UI.getCurrent().getTranslation("consultation.askAboutReferral"));
        ask.setId("ask-consultation");
        return Optional.of(ask);
    }
}
