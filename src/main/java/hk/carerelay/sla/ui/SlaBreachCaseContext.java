package hk.carerelay.sla.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.spring.annotation.SpringComponent;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.sla.SlaClock;
import hk.carerelay.sla.SlaClocks;
import hk.carerelay.workflow.ui.CaseContext;

/** Shows the managers which step of which process is late, since when, and its case; no patient data. */
@SpringComponent
class SlaBreachCaseContext implements CaseContext {

    private final SlaClocks clocks;

    SlaBreachCaseContext(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public String processDefinitionKey() {
        return "sla-breach";
    }

    @Override
    public Component render(CareRelayUser user, String caseId) {
        SlaClock late = clocks.breachFor(user, caseId).orElseThrow(() -> new NotFoundException("No breach " + caseId));
        FormLayout facts = new FormLayout();
        facts.setId("sla-breach");
        facts.addFormItem(new Span(late.processKey()), facts.getTranslation("sla.breach.process"));
        facts.addFormItem(new Span(late.taskKey()), facts.getTranslation("sla.breach.step"));
        facts.addFormItem(new Span(late.caseId() == null ? "—" : late.caseId()), facts.getTranslation("sla.breach.case"));
        facts.addFormItem(new Span(late.urgency() == null ? "—" : facts.getTranslation("urgency." + late.urgency())),
                facts.getTranslation("newReferral.urgency"));
        facts.addFormItem(new Span(HongKongTime.format(late.dueAt())), facts.getTranslation("sla.breach.due"));
        facts.addFormItem(new Span(HongKongTime.format(late.breachedAt())), facts.getTranslation("sla.breach.breached"));
        return facts;
    }
}
