package hk.carerelay.consultation.ui;

import java.util.function.UnaryOperator;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.organisation.Directory;
import hk.carerelay.referral.Referral;
import hk.carerelay.shared.HongKongTime;

/** A consultation as its participants read it: who asked whom, the question, the shared referral, the opinion. */
class ConsultationSummary extends Composite<VerticalLayout> {

    ConsultationSummary(ConsultationService.Details details, Directory directory) {
        Consultation c = details.consultation();
        UnaryOperator<String> department = code -> directory.specialtyName(code, getLocale());
        FormLayout facts = new FormLayout();
        facts.setId("consultation-facts");
        facts.addFormItem(new Span(c.patientName() == null ? "—" : c.patientName() + " (" + c.patientHkid() + ")"),
                getTranslation("consultation.patient"));
        facts.addFormItem(new Span(c.requester() + " · " + department.apply(c.requestingDepartment())),
                getTranslation("consultation.requester"));
        facts.addFormItem(new Span(department.apply(c.consultedDepartment())),
                getTranslation("consultation.department"));
        facts.addFormItem(new Span(getTranslation("urgency." + c.urgency())), getTranslation("newReferral.urgency"));
        Span status = new Span(getTranslation("consultation.status." + c.status().name()));
        status.setId("consultation-status");
        facts.addFormItem(status, getTranslation("consultation.status"));
        facts.addFormItem(new Span(HongKongTime.format(c.createdAt())), getTranslation("timeline.at"));
        Paragraph question = new Paragraph(details.question());
        question.setId("consultation-question-text");
        question.getStyle().set("white-space", "pre-wrap");
        getContent().add(facts, new H3(getTranslation("consultation.question")), question);

        Referral shared = details.sharedReferral();
        if (shared != null) {
            FormLayout referral = new FormLayout();
            referral.setId("consultation-shared-referral");
            if (shared.patientName() != null) {
                referral.addFormItem(new Span(shared.patientName()), getTranslation("section.DEMOGRAPHICS"));
            }
            if (shared.reason() != null) {
                referral.addFormItem(new Span(shared.reason()), getTranslation("referral.reason"));
                referral.addFormItem(new Span(shared.clinicalSummary()), getTranslation("referral.clinicalSummary"));
            }
            getContent().add(new H3(getTranslation("consultation.sharedReferral")), referral);
        }
        if (details.opinion() != null) {
            Paragraph opinion = new Paragraph(details.opinion());
            opinion.setId("consultation-opinion-text");
            opinion.getStyle().set("white-space", "pre-wrap");
            getContent().add(new H3(getTranslation("consultation.opinion", c.answeredBy())), opinion);
            if (details.recommendation() != null) {
                getContent().add(new Paragraph(getTranslation("consultation.recommendation."
                        + details.recommendation())));
            }
        }
    }
}
