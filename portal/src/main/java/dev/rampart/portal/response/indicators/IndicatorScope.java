package dev.rampart.portal.response.indicators;

import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whether an indicator applies to a device: its device-name scope (if any) and its device groups (if any) must both
 * admit the device. The device's group comes from the membership snapshot, by id and then by name; a device the
 * inventory (DeviceInfo) does not know yet is placed by its name alone against the groups' rules, falling back to the
 * default group, which is where the reference puts every device no rule claims.
 */
@Component
public class IndicatorScope {
    private final DeviceGroupMembership membership;
    private final DeviceGroups groups;

    public IndicatorScope(DeviceGroupMembership membership, DeviceGroups groups) {
        this.membership = membership;
        this.groups = groups;
    }

    public boolean applies(Indicator i, String deviceId, String deviceName) {
        if (!i.appliesTo(deviceName)) {
            return false;
        }
        return i.deviceGroups().isEmpty() || groupOf(deviceId, deviceName).map(i.deviceGroups()::contains).orElse(false);
    }

    /** The device group of a device, by id or (case-insensitive, FQDN or short) name. */
    public java.util.Optional<Long> groupOf(String deviceId, String deviceName) {
        DeviceGroupMembership.Snapshot s = membership.current();
        if (deviceId != null && s.groupOfDevice().containsKey(deviceId)) {
            return java.util.Optional.of(s.groupOfDevice().get(deviceId));
        }
        if (deviceName == null || deviceName.isBlank()) {
            return java.util.Optional.empty();
        }
        String n = deviceName.strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<Long, Set<String>> e : s.deviceNames().entrySet()) {
            if (e.getValue().contains(n) || e.getValue().stream().anyMatch(x -> x.startsWith(n + "."))) {
                return java.util.Optional.of(e.getKey());
            }
        }
        List<DeviceGroup> ranked = groups.all();
        DeviceGroup.Device d = new DeviceGroup.Device(deviceId, deviceName.strip(), null, Set.of());
        return ranked.stream().filter(g -> g.matches(d)).findFirst().or(() -> ranked.stream().filter(DeviceGroup::isDefault).findFirst())
                .map(DeviceGroup::id);
    }
}
