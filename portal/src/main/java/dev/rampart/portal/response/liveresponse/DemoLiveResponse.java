package dev.rampart.portal.response.liveresponse;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** With {@code --demo}, live response is on (unless a person already chose), so the simulated devices can be explored. */
@Component
@Order(0)
class DemoLiveResponse implements ApplicationRunner {
    private final LiveResponseStore store;

    DemoLiveResponse(LiveResponseStore store) {
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("demo") && args.getNonOptionArgs().isEmpty() && store.settings().updatedBy().equals("system")) {
            store.saveSettings(true, false, "demo", LiveResponse.now());
        }
    }
}
