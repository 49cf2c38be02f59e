package hk.carerelay.discharge.ui;

import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;

import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.organisation.Directory;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.ui.SubmittedForm;

/** A handover as its participants read it: who, when, the summary, its follow-up items and results. */
class DischargeSummaryPanel extends Div {

    DischargeSummaryPanel(DischargeHandovers.Details details, DischargeHandovers handovers, UserDirectory users,
            Directory directory, Locale locale) {
        var h = details.handover();
        // people and the hospital by name, as a reader knows them; the username in brackets for the audit trail
        java.util.function.UnaryOperator<String> person = username -> users.find(username)
                .map(u -> u.displayName() + " (" + username + ")").orElse(username);
        String hospital = directory.institution(h.hospital()).map(i -> i.name(locale)).orElse(h.hospital());
        Paragraph meta = new Paragraph(getTranslation("discharge.meta", h.patientName(), hospital,
                person.apply(h.author()), person.apply(h.familyDoctor()), h.dischargedOn().toString(),
                getTranslation("status.DISCHARGE_" + h.status().name())));
        meta.setId("discharge-meta");
        SubmittedForm summary = new SubmittedForm(handovers.summaryForm(), details.summary(), locale);
        summary.setId("discharge-summary");
        add(meta, summary);
        if (!details.followUps().isEmpty()) {
            UnorderedList list = new UnorderedList();
            list.setId("discharge-follow-ups");
            details.followUps().forEach(f -> list.add(new ListItem(getTranslation("discharge.followUpLine", f.action(),
                    f.dueOn().toString(), getTranslation("discharge.followUpStatus." + f.status())))));
            add(new H4(getTranslation("discharge.followUps")), list);
        }
        if (!details.results().isEmpty()) {
            UnorderedList list = new UnorderedList();
            list.setId("discharge-results");
            details.results().forEach(r -> list.add(new ListItem(r.result() == null
                    ? getTranslation("discharge.resultPending", r.test())
                    : getTranslation("discharge.resultLine", r.test(), r.result(), r.recordedBy(),
                            HongKongTime.format(r.recordedAt())))));
            add(new H4(getTranslation("discharge.results")), list);
        }
    }
}
