package dev.rampart.portal.incidents;

import java.util.List;

/**
 * One entity of an alert. {@code key} is the normalised value correlation compares (lower-case host name, UPN,
 * address, hash...); {@code strong} says whether sharing it is enough to put two alerts in one incident.
 */
public record Evidence(EntityType type, String key, String display, String verdict, List<String> roles, boolean strong) {
    public Evidence {
        roles = List.copyOf(roles);
    }

    /** Evidence from a raw value, normalised and judged by {@link Entities}; null when the value identifies nothing. */
    public static Evidence of(EntityType type, String rawValue, String verdict, List<String> roles) {
        return Entities.evidence(type, rawValue, verdict, roles);
    }

    public String label() {
        return type.label() + " " + display;
    }
}
