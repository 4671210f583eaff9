package dev.rampart.portal.response;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.response.sensors.SensorRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The device action bar as an HTML fragment ({@code GET /response/devices/{id}/actions}) for device pages to include
 * with {@code hx-get}: sensor health and last seen, isolation/restriction/containment state, the catalogue's device
 * actions the user may request (each with a required comment) and the device's recent actions.
 */
@Controller
class DeviceActionsController {
    private final ResponseActions actions;
    private final SensorRegistry sensors;
    private final EstateLookup estate;
    private final ResponseStateHandlers state;
    private final AccessPolicy access;
    private final dev.rampart.portal.response.liveresponse.LiveResponse live;

    DeviceActionsController(ResponseActions actions, SensorRegistry sensors, EstateLookup estate, ResponseStateHandlers state, AccessPolicy access,
                            dev.rampart.portal.response.liveresponse.LiveResponse live) {
        this.live = live;
        this.actions = actions;
        this.sensors = sensors;
        this.estate = estate;
        this.state = state;
        this.access = access;
    }

    @GetMapping("/response/devices/{deviceId}/actions")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String panel(@PathVariable String deviceId, @RequestParam(required = false) String message, CsrfToken csrf, Model model) {
        model.addAttribute("panel", panel(deviceId, csrf, message));
        return "response/deviceActions";
    }

    @PostMapping("/response/devices/{deviceId}/actions")
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String request(@PathVariable String deviceId, @RequestParam String type, @RequestParam(required = false) String comment,
                   @RequestParam(required = false) String scanType, CsrfToken csrf, Model model) {
        String message;
        try {
            ActionType t = ActionType.parse(type);
            if (t.target() != TargetType.DEVICE) {
                throw new ActionException("type", t.label() + " is not a device action");
            }
            ResponseAction a = actions.request(new ActionRequest(t, deviceId, null, scanType == null ? Map.of() : Map.of("scanType", scanType),
                    comment, null, null), ResponseAction.MANUAL_DEVICE).get(0);
            message = a.type().label() + " requested (action " + a.id() + ", " + a.status().label().toLowerCase() + ").";
        } catch (ActionException e) {
            message = "Not requested: " + e.field() + " " + e.getMessage() + ".";
        }
        model.addAttribute("panel", panel(deviceId, csrf, message));
        return "response/deviceActions";
    }

    private ActionCenterView.DevicePanel panel(String deviceId, CsrfToken csrf, String message) {
        if (!actions.deviceVisible(deviceId)) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No device \"" + deviceId + "\".");
        }
        SensorRegistry.DeviceSensorStatus status = sensors.status(deviceId);
        String name = status.sensor() != null ? status.sensor().deviceName()
                : estate.device(deviceId).map(EstateLookup.Device::deviceName).orElse(deviceId);
        List<ResponseAction> recent = actions.list(new ActionQuery(Set.of(), Set.of(), TargetType.DEVICE, deviceId, null, null, null, null, null,
                null, null), 1, 5).items();
        List<ActionType> available = ActionType.forTarget(TargetType.DEVICE).stream()
                .filter(t -> t.needs().stream().allMatch(p -> actions.mayActOn(deviceId, p)) && actions.available(t)).toList();
        boolean isolated = status.sensor() != null && status.sensor().isolated();
        boolean restricted = status.sensor() != null && status.sensor().restricted();
        return new ActionCenterView.DevicePanel(deviceId, name, status, isolated, restricted, state.containedDevices().contains(deviceId), recent,
                available, csrf.getToken(), message, live.canUseLiveResponse(), live.startRefusal(deviceId).orElse(null),
                live.openSessions().stream().filter(x -> x.deviceId().equals(deviceId)).map(x -> x.id()).findFirst().orElse(null));
    }
}
