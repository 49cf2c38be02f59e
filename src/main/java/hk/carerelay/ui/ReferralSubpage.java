package hk.carerelay.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The head of a page that belongs to one referral (its documents, its consent): the title and the way back to it. */
public final class ReferralSubpage {

    private ReferralSubpage() {
    }

    /** Replaces the page's content with its title and a link back to the referral. */
    public static void start(VerticalLayout page, String title, String referralId) {
        page.removeAll();
        page.add(new H2(title), new Anchor("referrals/" + referralId, page.getTranslation("documents.backToReferral")));
    }
}
