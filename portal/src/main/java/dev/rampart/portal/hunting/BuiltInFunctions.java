package dev.rampart.portal.hunting;

import java.util.List;

/** The Defender hunting functions the query language answers from the event store, as the Functions tab lists them. */
public final class BuiltInFunctions {
    public record BuiltIn(String usage, String insert, String description) {
    }

    static final List<BuiltIn> ALL = List.of(
            new BuiltIn("AssignedIPAddresses(device, [time])", "AssignedIPAddresses(",
                    "Addresses assigned to a device's adapters at a time (default: now), from its latest network report."),
            new BuiltIn("DeviceFromIP(ip, [time])", "DeviceFromIP(",
                    "Devices that had an address at a time (default: now); also | invoke DeviceFromIP() on a table with IP."),
            new BuiltIn("| invoke FileProfile([hashColumn], [maxRows])", "| invoke FileProfile(",
                    "Adds prevalence in this estate, first/last seen, signer and publisher to rows with a SHA1 or SHA256."),
            new BuiltIn("| invoke SeenBy()", "| invoke SeenBy()",
                    "Devices that discovered a device; the store has no discovery observations, so the list is empty."));

    private BuiltInFunctions() {
    }
}
