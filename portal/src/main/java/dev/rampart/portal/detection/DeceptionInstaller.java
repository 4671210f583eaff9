package dev.rampart.portal.detection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Refreshes the deception rules' detections when the portal starts, after the built-in pack (an upgrade may add kinds). */
@Component
@Profile("!cli")
@Order(11)
class DeceptionInstaller implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DeceptionInstaller.class);
    private final DeceptionRules deception;

    DeceptionInstaller(DeceptionRules deception) {
        this.deception = deception;
    }

    @Override
    public void run(ApplicationArguments args) {
        int n = deception.resyncAll();
        if (n > 0) {
            log.info("Deception rules: {} rules' detections refreshed", n);
        }
    }
}
