package hk.carerelay.discharge.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

import hk.carerelay.identity.CareRelayUser;

/**
 * A part of the discharge handover page that another feature contributes (the message thread), as a Spring bean, so
 * the handover's view does not depend on that feature. Empty where the user may not see it.
 */
public interface DischargePanel {

    Optional<Component> panel(CareRelayUser user, String handoverId);
}
