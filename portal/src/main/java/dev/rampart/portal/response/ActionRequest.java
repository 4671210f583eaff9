package dev.rampart.portal.response;

import java.util.Map;

/**
 * A request for a response action. {@code targetId} is a device id or name, a SHA1/SHA256, an account, a network
 * message id, an IP address or a URL/domain per the type's target; {@code deviceId} narrows file actions to one
 * device (otherwise they fan out to every device that saw the file in the last 30 days). {@code comment} is mandatory.
 */
public record ActionRequest(ActionType type, String targetId, String deviceId, Map<String, String> parameters, String comment,
                            Long incidentId, String alertId) {
    public ActionRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
