package hk.carerelay.dashboard;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;

/**
 * The dashboard's figures and drill-downs over HTTP, for managers only; bad parameters are a 400 problem with
 * every bad field named, before any query runs.
 */
@RestController
class DashboardController {

    private final Dashboards dashboards;

    DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/dashboard")
    @PreAuthorize("hasRole('MANAGER')")
    Dashboard figures(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String specialty, @RequestParam(required = false) String urgency) {
        CareRelayUser user = CurrentUser.require();
        return dashboards.figures(user, dashboards.query(user, from, to, specialty, urgency));
    }

    @GetMapping("/api/dashboard/referrals")
    @PreAuthorize("hasRole('MANAGER')")
    Dashboards.DrillDownPage referrals(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String specialty,
            @RequestParam(required = false) String urgency, @RequestParam(required = false) String figure,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String week,
            @RequestParam(required = false) String sending, @RequestParam(required = false) String band,
            @RequestParam(required = false) String user, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String step, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        CareRelayUser caller = CurrentUser.require();
        DashboardQuery query;
        DrillDown drill;
        java.util.List<hk.carerelay.shared.FieldError> errors = new java.util.ArrayList<>();
        try {
            query = dashboards.query(caller, from, to, specialty, urgency);
        } catch (hk.carerelay.shared.ValidationException e) {
            errors.addAll(e.errors());
            query = null;
        }
        try {
            drill = dashboards.drillDown(figure, stage, week, sending, band, user, reason, step, page, size);
        } catch (hk.carerelay.shared.ValidationException e) {
            errors.addAll(e.errors());
            drill = null;
        }
        if (!errors.isEmpty()) {
            throw new hk.carerelay.shared.ValidationException(errors);
        }
        return dashboards.referrals(caller, query, drill);
    }
}
