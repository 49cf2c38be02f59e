package hk.carerelay.it;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The integration suite runs on the embedded H2 by default and, with {@code -Dcarerelay.it.db=postgres}, against the
 * PostgreSQL server given by CARERELAY_DB_URL / CARERELAY_DB_USER / CARERELAY_DB_PASSWORD (as .ci/run does).
 */
public class ItProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return "postgres".equals(System.getProperty("carerelay.it.db"))
                ? new String[] {"demo", "postgres", "it"}
                : new String[] {"demo", "test", "it"};
    }
}
