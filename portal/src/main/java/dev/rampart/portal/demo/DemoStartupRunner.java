package dev.rampart.portal.demo;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar rampart.jar --demo [--demo-scale=small|default|large] [--demo-seed=N]}: fills an empty event
 * store with the demo organisation before the portal is used. Runs after the first administrator exists.
 * Ignored when the jar runs a batch command (those take the {@code demo} command instead).
 */
@Component
@Order(10)
class DemoStartupRunner implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoStartupRunner.class);

    private final DemoLoader loader;

    DemoStartupRunner(DemoLoader loader) {
        this.loader = loader;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo") || !args.getNonOptionArgs().isEmpty()) {
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(Arrays.asList(args.getSourceArgs()));
        } catch (IllegalArgumentException e) {
            log.error("demo: {}; not loading the demo organisation", e.getMessage());
            return;
        }
        loader.loadIfEmpty(options);
    }
}
