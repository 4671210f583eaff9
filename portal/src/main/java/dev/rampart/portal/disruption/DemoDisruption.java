package dev.rampart.portal.disruption;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** With {@code --demo}, attack disruption is on (unless a person chose otherwise) before the demo's alerts are raised. */
@Component
@Order(0)
class DemoDisruption implements ApplicationRunner {
    private final AttackDisruption disruption;

    DemoDisruption(AttackDisruption disruption) {
        this.disruption = disruption;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("demo") && args.getNonOptionArgs().isEmpty()) {
            disruption.enableForDemo();
        }
    }
}
