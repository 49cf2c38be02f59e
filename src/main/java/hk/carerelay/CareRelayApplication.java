package hk.carerelay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** CareRelay: closed-loop referrals between Hong Kong clinics and hospitals. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CareRelayApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareRelayApplication.class, args);
    }
}
