package dev.rampart.portal.detection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Installs or refreshes the built-in detection pack when the portal starts. */
@Component
@Profile("!cli")
@Order(10)
class BuiltInPackInstaller implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BuiltInPackInstaller.class);
    private final BuiltInPack pack;

    BuiltInPackInstaller(BuiltInPack pack) {
        this.pack = pack;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("Built-in detection pack: {} rules", pack.install());
    }
}
