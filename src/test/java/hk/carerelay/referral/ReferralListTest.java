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
 * order and merges them), for a clinic, a hospital, an intern kept to their department, and a status filter. The
 * count is exact up to a limit and says when it stopped there.
 */
@ApplicationTest
class ReferralListTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    UserDirectory users;
    @Autowired
    ReferralRepository repository;
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

            // small pages cross the merge of the sent and received parts often; a database other tests filled with
            // generated referrals is paged in larger ones, and its count stops at the limit
            int size = expected.size() > 300 ? 100 : 3;
            boolean overLimit = expected.size() > ReferralService.LIST_COUNT_LIMIT;
            List<String> paged = new ArrayList<>();
            for (int page = 0; page * size < expected.size() + size; page++) {
                ReferralService.Page p = referrals.list(user, null, page, size);
                assertThat(p.total()).as(username + " total")
                        .isEqualTo(Math.min(expected.size(), ReferralService.LIST_COUNT_LIMIT));
                assertThat(p.totalIsLowerBound()).as(username + " total is exact under the limit only")
                        .isEqualTo(overLimit);
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

    @Test
    void theListsCountIsExactUpToItsLimitAndALowerBoundBeyondIt() {
        for (String username : List.of("coord.wong", "gp.chan", "intern.lam")) {
            CareRelayUser user = users.find(username).orElseThrow();
            ReferralScope scope = ReferralScope.of(user);
            long exact = referrals.count(user, null);
            assertThat(exact).as(username + " sees more than one referral").isGreaterThan(1);
            assertThat(repository.countUpTo(scope, null, exact)).as(username + " at the limit")
                    .isEqualTo(new ReferralRepository.Count(exact, false));
            assertThat(repository.countUpTo(scope, null, exact + 5)).as(username + " under the limit")
                    .isEqualTo(new ReferralRepository.Count(exact, false));
            assertThat(repository.countUpTo(scope, null, exact - 1)).as(username + " over the limit")
                    .isEqualTo(new ReferralRepository.Count(exact - 1, true));
            assertThat(repository.countUpTo(scope, null, 1)).as(username + " over a limit of one")
                    .isEqualTo(new ReferralRepository.Count(1, true));
        }
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        long received = referrals.count(coordinator, ReferralStatus.RECEIVED);
        assertThat(received).as("referrals waiting for triage").isPositive();
        assertThat(repository.countUpTo(ReferralScope.of(coordinator), ReferralStatus.RECEIVED, received))
                .isEqualTo(new ReferralRepository.Count(received, false));
        assertThat(repository.countUpTo(ReferralScope.of(coordinator), ReferralStatus.RECEIVED, received - 1))
                .isEqualTo(new ReferralRepository.Count(received - 1, true));
    }
}
