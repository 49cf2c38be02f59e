package hk.carerelay.referral.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.spring.annotation.SpringComponent;

import hk.carerelay.form.FormCatalog;
import hk.carerelay.organisation.Directory;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.workflow.ui.CaseContext;

/** Shows the referral (letter and earlier forms) above each referral task's form. */
@SpringComponent
class ReferralCaseContext implements CaseContext {

    private final ReferralService referrals;
    private final FormCatalog forms;
    private final Directory directory;

    ReferralCaseContext(ReferralService referrals, FormCatalog forms, Directory directory) {
        this.referrals = referrals;
        this.forms = forms;
        this.directory = directory;
    }

    @Override
    public String processDefinitionKey() {
        return "referral";
    }

    @Override
    public Component render(CareRelayUser user, String caseId) {
        ReferralService.Details details = referrals.details(user, caseId);
        return new ReferralSummary(details, forms, directory, UI.getCurrent().getLocale());
    }
}
