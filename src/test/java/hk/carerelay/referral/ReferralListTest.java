package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;

/**
 * The referral list pages through what the user's institution sent and received, newest first, and counts it: checked
 * against a plain query written independently of the repository's (which reads the two sides separately in index
 * order and merges them), for a clinic, a hospital, an intern kept to their department, and a status filter.
 */
@ApplicationTest
class ReferralListTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesAreTheNewestFirstOfEverythingSentOrReceivedAndCountsAgree() {
        for (String username : List.of("gp.chan", "coord.wong", "intern.lam", "coord.cheung")) {
            CareRelayUser user = users.find(username).orElseThrow();
            String department = username.startsWith("intern") ? " AND specialty = '" + user.department() + "'" : "";
            List<String> expected = jdbc.sql("SELECT id FROM referral WHERE (sending_institution = ? OR "
                    + "receiving_institution = ?)" + department + " ORDER BY created_at DESC, id")
                    .params(user.institution(), user.institution()).query(String.class).list();
            assertThat(expected).as(username + " has referrals to list").isNotEmpty();

            int size = 3;
            List<String> paged = new ArrayList<>();
            for (int page = 0; page * size < expected.size() + size; page++) {
                ReferralService.Page p = referrals.list(user, null, page, size);
                assertThat(p.total()).as(username + " total").isEqualTo(expected.size());
                p.items().forEach(r -> paged.add(r.id()));
            }
            assertThat(paged).as(username + " pages in order").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aStatusFilterListsAndCountsOnlyThatStatus() {
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        List<String> expected = jdbc.sql("SELECT id FROM referral WHERE (sending_institution = 'HSC' OR "
                + "receiving_institution = 'HSC') AND status = 'RECEIVED' ORDER BY created_at DESC, id")
                .query(String.class).list();
        ReferralService.Page page = referrals.list(coordinator, ReferralStatus.RECEIVED, 0, 1000);
        assertThat(page.items()).extracting(Referral::id).containsExactlyElementsOf(expected);
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(page.items()).allMatch(r -> r.status() == ReferralStatus.RECEIVED);
    }
}
