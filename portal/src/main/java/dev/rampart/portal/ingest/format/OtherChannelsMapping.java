package dev.rampart.portal.ingest.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** System, PowerShell and other channels (docs/ingest-formats.md, "Other channels"). */
final class OtherChannelsMapping {
    private OtherChannelsMapping() {
    }

    static Mapping map(WindowsMapper m, WinEvent e) {
        String ch = e.channel.toLowerCase(Locale.ROOT);
        if (ch.equals("system")) {
            return system(m, e);
        }
        if (ch.equals("microsoft-windows-powershell/operational") && (e.eventId == 4104 || e.eventId == 4103)) {
            RowBuilder r = m.row("DeviceEvents", e, e.eventId == 4104 ? "PowerShellCommand" : "PowerShellModuleLogged");
            return Mapping.of(r.extras(e.leftovers()).build());
        }
        if (ch.equalsIgnoreCase(ClassicPowerShellEvents.CHANNEL) && ClassicPowerShellEvents.ACTIONS.containsKey(e.eventId)) {
            RowBuilder r = m.row("DeviceEvents", e, ClassicPowerShellEvents.ACTIONS.get(e.eventId));
            Map<String, String> fields = e.leftovers();
            if (!fields.containsKey("Data")) {
                // winlogbeat names the unnamed items param1, param2...; the detail text rules search is their join.
                List<String> params = new ArrayList<>();
                for (int i = 1; fields.containsKey("param" + i); i++) {
                    params.add(fields.get("param" + i));
                }
                if (!params.isEmpty()) {
                    fields.put("Data", String.join("\n", params));
                }
            }
            return Mapping.of(r.extras(fields).build());
        }
        if (ch.equals("microsoft-windows-taskscheduler/operational") && (e.eventId == 106 || e.eventId == 140 || e.eventId == 141)) {
            String action = e.eventId == 106 ? "ScheduledTaskCreated" : e.eventId == 140 ? "ScheduledTaskUpdated" : "ScheduledTaskDeleted";
            return Mapping.of(m.row("DeviceEvents", e, action).extras(e.leftovers()).build());
        }
        if (ch.equals("microsoft-windows-wmi-activity/operational") && e.eventId >= 5857 && e.eventId <= 5861) {
            return Mapping.of(m.row("DeviceEvents", e, "WmiActivity").extras(e.leftovers()).build());
        }
        if (ch.equalsIgnoreCase(DefenderAvEvents.CHANNEL) && DefenderAvEvents.ACTIONS.containsKey(e.eventId)) {
            RowBuilder r = m.row("DeviceEvents", e, DefenderAvEvents.ACTIONS.get(e.eventId));
            String process = e.get("ProcessName", "Process Name");
            r.put("InitiatingProcessFolderPath", process).put("InitiatingProcessFileName", RowBuilder.basename(process));
            // The event writes "Threat Name", "Source Name"...; rules and hunters use the names without spaces.
            Map<String, String> fields = new LinkedHashMap<>();
            e.leftovers().forEach((k, v) -> fields.put(k.replace(" ", ""), v));
            return Mapping.of(r.extras(fields).build());
        }
        OperationalChannels.Channel operational = OperationalChannels.byName(e.channel).orElse(null);
        if (operational != null) {
            return Mapping.of(channelRow(m, e, OperationalChannels.actionType(operational, e.eventId)).build());
        }
        return WindowsMapper.unmapped(e);
    }

    /**
     * System events: the ones Defender names (service installed, log cleared, service control) by those names, every
     * other id as {@code System<EventID>} like an operational channel; all keep the event's provider, because in the
     * System log one id means different things from different providers.
     */
    private static Mapping system(WindowsMapper m, WinEvent e) {
        if (e.eventId == 7045) {
            RowBuilder r = m.row("DeviceEvents", e, "ServiceInstalled");
            String path = e.get("ImagePath");
            r.put("FolderPath", path).put("FileName", RowBuilder.basename(path)).extra("ImagePath", path);
            return Mapping.of(provider(r, e).extras(e.leftovers()).build());
        }
        if (ServiceControlEvents.ACTIONS.containsKey(e.eventId)) {
            return Mapping.of(provider(m.row("DeviceEvents", e, ServiceControlEvents.ACTIONS.get(e.eventId)), e).extras(e.leftovers()).build());
        }
        if (e.eventId == 104) {
            return Mapping.of(provider(m.row("DeviceEvents", e, "EventLogCleared"), e).extras(e.leftovers()).build());
        }
        return Mapping.of(channelRow(m, e, OperationalChannels.SYSTEM_PREFIX + e.eventId).build());
    }

    /** A channel event: its fields in AdditionalFields without spaces, and its provider as ProviderName. */
    private static RowBuilder channelRow(WindowsMapper m, WinEvent e, String actionType) {
        RowBuilder r = provider(m.row("DeviceEvents", e, actionType), e);
        Map<String, String> fields = new LinkedHashMap<>();
        e.leftovers().forEach((k, v) -> fields.put(k.replace(" ", ""), v));
        return r.extras(fields);
    }

    private static RowBuilder provider(RowBuilder r, WinEvent e) {
        return r.extra("ProviderName", e.provider.isEmpty() ? null : e.provider);
    }
}
