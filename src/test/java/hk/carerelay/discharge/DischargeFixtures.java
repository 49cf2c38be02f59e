package hk.carerelay.discharge;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Discharge summaries as a hospital doctor fills them in, for the process, API and view tests. */
public final class DischargeFixtures {

    private DischargeFixtures() {
    }

    /** A summary discharged on {@code dischargedOn}, with the follow-up items and pending tests given. */
    public static Map<String, Object> summary(LocalDate dischargedOn, List<Map<String, Object>> followUpItems,
            List<String> pendingTests) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dischargedOn", dischargedOn.toString());
        summary.put("admissionReason", "Admitted with chest pain; NSTEMI treated medically.");
        summary.put("diagnoses", List.of(Map.of("diagnosis", "Non-ST elevation myocardial infarction", "kind", "PRINCIPAL"),
                Map.of("diagnosis", "Type 2 diabetes mellitus", "kind", "SECONDARY")));
        summary.put("procedures", List.of(Map.of("procedure", "Coronary angiogram", "performedOn", dischargedOn.minusDays(2).toString())));
        summary.put("medications", List.of(
                Map.of("drug", "Aspirin", "change", "NEW", "dose", "80 mg", "frequency", "daily"),
                Map.of("drug", "Metformin", "change", "CHANGED", "dose", "850 mg", "frequency", "twice daily",
                        "changeReason", "Better glucose control"),
                Map.of("drug", "Gliclazide", "change", "STOPPED", "changeReason", "Hypoglycaemia")));
        summary.put("pendingResults", pendingTests.stream().map(t -> Map.of("test", (Object) t)).toList());
        summary.put("followUpPlan", "Review symptoms, blood pressure and glucose diary.");
        summary.put("followUpItems", followUpItems);
        return summary;
    }

    public static Map<String, Object> inDays(String action, int days) {
        return Map.of("action", action, "dueKind", "INTERVAL", "dueInDays", days);
    }

    public static Map<String, Object> onDate(String action, LocalDate due) {
        return Map.of("action", action, "dueKind", "DATE", "dueOn", due.toString());
    }

    public static DischargeHandovers.StartRequest request(String familyDoctor, String referralId,
            Map<String, Object> summary) {
        return new DischargeHandovers.StartRequest(
                new DischargeHandovers.StartRequest.Patient("D123456(1)", "Discharge Test Patient", "1956-03-04"),
                familyDoctor, referralId, summary);
    }
}
