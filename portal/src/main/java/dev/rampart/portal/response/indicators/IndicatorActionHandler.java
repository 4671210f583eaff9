package dev.rampart.portal.response.indicators;

import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.PortalActionHandler;
import dev.rampart.portal.response.ResponseAction;
import java.util.List;
import org.springframework.stereotype.Component;

/** Executes "add file indicator" and IP/URL block/allow actions by saving an indicator. */
@Component
class IndicatorActionHandler implements PortalActionHandler {
    private final Indicators indicators;

    IndicatorActionHandler(Indicators indicators) {
        this.indicators = indicators;
    }

    @Override
    public boolean handles(ActionType type) {
        return switch (type) {
            case ADD_FILE_INDICATOR, BLOCK_IP, ALLOW_IP, BLOCK_URL, ALLOW_URL -> true;
            default -> false;
        };
    }

    @Override
    public String execute(ResponseAction a) {
        String type;
        String action;
        switch (a.type()) {
            case ADD_FILE_INDICATOR -> {
                type = a.targetId().length() == 40 ? "FileSha1" : "FileSha256";
                action = a.parameters().getOrDefault("indicatorAction", "BlockAndRemediate");
            }
            case BLOCK_IP, ALLOW_IP -> {
                type = "IpAddress";
                action = a.type() == ActionType.BLOCK_IP ? "Block" : "Allow";
            }
            default -> {
                type = a.targetId().contains("://") ? "Url" : "DomainName";
                action = a.type() == ActionType.BLOCK_URL ? "Block" : "Allow";
            }
        }
        try {
            Indicator i = indicators.save(new IndicatorDraft(type, a.targetId(), action, null,
                    a.parameters().getOrDefault("title", a.type().label() + " " + a.targetLabel()), a.requestComment(),
                    a.parameters().getOrDefault("severity", "High"), null, a.parameters().get("scope"), a.parameters().get("expiresAt"),
                    a.parameters().get("deviceGroups") == null ? List.of() : List.of(a.parameters().get("deviceGroups").split("[;,]"))),
                    "response action " + a.id());
            return "Indicator " + i.id() + " saved: " + i.type().label() + " " + i.value() + " → " + i.action().label() + ".";
        } catch (IndicatorException e) {
            throw new ActionException(e.field(), e.getMessage());
        }
    }
}
