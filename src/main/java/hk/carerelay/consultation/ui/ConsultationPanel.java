package hk.carerelay.consultation.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

import hk.carerelay.identity.CareRelayUser;

/**
 * A part of the consultation page that another feature contributes (the message thread), as a Spring bean, so the
 * consultation's view does not depend on that feature. Empty where the user may not see it.
 */
public interface ConsultationPanel {

    Optional<Component> panel(CareRelayUser user, String consultationId);
}
