package hk.carerelay.referral.ui;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import hk.carerelay.access.RecordSection;
import hk.carerelay.form.FormCatalog;
import hk.carerelay.organisation.Directory;
import hk.carerelay.patient.Hkid;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.ui.Notices;
import hk.carerelay.ui.SubmittedForm;
import hk.carerelay.workflow.TaskSubmission;

/** The referral letter and every form submitted on it so far, as the participants see them. */
class ReferralSummary extends VerticalLayout {

    ReferralSummary(ReferralService.Details details, FormCatalog forms, Directory directory, Locale locale) {
        Referral r = details.referral();
        List<TaskSubmission> submissions = details.submissions();
        List<RecordSection> withheld = details.withheld();
        setPadding(false);
        setSpacing(false);
        Div patient = new Div();
        patient.setId("referral-patient");
        if (r.patientName() != null) {
            patient.add(strong(r.patientName()), new Span(" · HKID " + Hkid.parse(r.patientHkid()).map(Hkid::display)
                    .orElse(r.patientHkid()) + " · " + getTranslation("referral.dob") + " " + r.patientDateOfBirth()));
        } else {
            patient.add(strong(getTranslation("referral.patientWithheld")));
        }
        Div route = new Div(new Span(getTranslation("referral.route", r.sendingInstitution(), r.sendingUser(),
                r.receivingInstitution(),
                directory.specialty(r.specialty()).map(sp -> sp.name(locale)).orElse(r.specialty()))));
        Div state = new Div(status(r, details.awaitingConsent()), new Span(" "),
                Notices.badge(getTranslation("urgency." + r.urgency()),
                        r.urgency().name().equals("URGENT") ? "error" : "contrast"));
        state.setId("referral-status");
        add(patient, route, state);
        if (!withheld.isEmpty()) {
            Div notice = new Div(new Span(getTranslation("referral.withheld", withheld.stream()
                    .map(section -> getTranslation("section." + section)).reduce((a, b) -> a + ", " + b).orElse(""))));
            notice.setId("withheld-sections");
            notice.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-style", "italic");
            add(notice);
        }
        if (r.reason() != null) {
            add(field(getTranslation("referral.reason"), r.reason()));
            add(field(getTranslation("referral.clinicalSummary"), r.clinicalSummary()));
        }
        if (r.appointmentAt() != null) {
            add(field(getTranslation("referral.appointment"), HongKongTime.format(r.appointmentAt())));
        }
        if (r.cancellationReason() != null) {
            add(field(getTranslation("referral.cancellationReason"), r.cancellationReason()));
        }
        for (TaskSubmission s : submissions) {
            forms.byId(s.formId()).ifPresent(form -> {
                H4 heading = new H4(form.title(locale) + " — " + s.submittedBy() + ", "
                        + HongKongTime.format(s.submittedAt()));
                heading.getStyle().set("margin-bottom", "var(--lumo-space-xs)");
                add(heading, new SubmittedForm(form, s.values(), locale));
            });
        }
    }

    /**
     * The referral's status, and beside it "Awaiting consent" while no consent of the patient covers the open referral
     * (not yet given, or withdrawn or expired since): the sender's turn, and the receiving side sees the administrative
     * part only.
     */
    static Component status(Referral r, boolean awaitingConsent) {
        return Notices.withConsentBadge(Notices.badge(Notices.translate("status." + r.status()),
                badgeTheme(r.status())), awaitingConsent);
    }

    static String badgeTheme(ReferralStatus status) {
        return switch (status) {
            case COMPLETED, REPORT_SENT, SCHEDULED, ACCEPTED -> "success";
            case DECLINED, CANCELLED, CANCELLATION_REQUESTED -> "error";
            default -> "";
        };
    }

    private static Component field(String label, String value) {
        Paragraph p = new Paragraph();
        p.add(strong(label + ": "));
        Span text = new Span(value);
        text.getStyle().set("white-space", "pre-wrap");
        p.add(text);
        p.getStyle().set("margin", "var(--lumo-space-xs) 0");
        return p;
    }

    private static Span strong(String text) {
        Span s = new Span(text);
        s.getStyle().set("font-weight", "600");
        return s;
    }
}
