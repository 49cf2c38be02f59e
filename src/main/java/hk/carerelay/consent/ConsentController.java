package hk.carerelay.consent;

import java.net.URI;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ValidationException;

/** Consents over HTTP: record (with the drawn signature), read, list, withdraw, the signed form and its check. */
@RestController
class ConsentController {

    private final ConsentService consents;

    ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    record WithdrawalBody(String reason) {
    }

    @PostMapping("/api/consents")
    ResponseEntity<Consent> record(@RequestBody(required = false) ConsentRequest body) {
        Consent consent = consents.record(CurrentUser.require(), body);
        return ResponseEntity.created(URI.create("/api/consents/" + consent.id())).body(consent);
    }

    @GetMapping("/api/consents/{id}")
    Consent get(@PathVariable String id) {
        return consents.get(CurrentUser.require(), id);
    }

    /** The consents of one referral ({@code referral}) or of one patient ({@code patient}, an HKID). */
    @GetMapping("/api/consents")
    List<Consent> list(@RequestParam(required = false) String referral,
            @RequestParam(required = false) String patient) {
        if ((referral == null) == (patient == null)) {
            throw ValidationException.of("referral", "give either referral or patient");
        }
        return referral != null ? consents.forReferral(CurrentUser.require(), referral)
                : consents.forPatient(CurrentUser.require(), patient);
    }

    @PostMapping("/api/consents/{id}/withdrawal")
    Consent withdraw(@PathVariable String id, @RequestBody(required = false) WithdrawalBody body) {
        return consents.withdraw(CurrentUser.require(), id, body == null ? null : body.reason());
    }

    @GetMapping(value = "/api/consents/{id}/form", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> form(@PathVariable String id) {
        byte[] pdf = consents.form(CurrentUser.require(), id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename("consent-" + id + ".pdf").build().toString())
                .body(pdf);
    }

    @GetMapping("/api/consents/{id}/verification")
    ConsentService.Verification verify(@PathVariable String id) {
        return consents.verify(CurrentUser.require(), id);
    }
}
