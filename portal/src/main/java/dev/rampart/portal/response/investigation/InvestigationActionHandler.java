package dev.rampart.portal.response.investigation;

import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.PortalActionHandler;
import dev.rampart.portal.response.ResponseAction;
import org.springframework.stereotype.Component;

/** Executes "Initiate automated investigation": runs the playbook on the target device, for the action's alert if it has one. */
@Component
class InvestigationActionHandler implements PortalActionHandler {
    private final Investigations investigations;

    InvestigationActionHandler(Investigations investigations) {
        this.investigations = investigations;
    }

    @Override
    public boolean handles(ActionType type) {
        return type == ActionType.INITIATE_AUTOMATED_INVESTIGATION;
    }

    @Override
    public String execute(ResponseAction a) {
        long id = investigations.startForDevice(a.targetId(), a.targetName(), a.alertId());
        Investigation i = investigations.find(id).orElseThrow();
        return "Automated investigation " + id + " (/investigations/" + id + "): " + i.state().label() + ".";
    }
}
