package hk.carerelay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring configuration of the tests that need the application: demo users, an in-memory database, no job
 * executor, and the application's clock following the engine's. Every such test uses this annotation and nothing
 * else, so that Spring's context cache starts the application once per test run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles({ "demo", "test" })
@Import(EngineClock.Configuration.class)
public @interface ApplicationTest {
}
