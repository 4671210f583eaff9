package dev.rampart.portal.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ranked device group and its matching rule. Values of one property are OR'd, properties are AND'ed; a rule
 * without any value matches no device (only the default group takes every device nobody else matched).
 * Name and domain values accept {@code *} as a wildcard and ignore case; OS platform and tags compare exactly,
 * ignoring case.
 */
public record DeviceGroup(long id, String name, String description, AutomationLevel automationLevel, int rank,
                          boolean isDefault, Map<Property, List<String>> rules) {

    /** What a rule value is compared with. */
    public enum Property {
        NAME("Device name"), DOMAIN("Domain"), OS_PLATFORM("OS platform"), TAG("Tag");

        private final String label;

        Property(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The facts about one device that rules look at (from its latest DeviceInfo row). */
    public record Device(String deviceId, String deviceName, String osPlatform, Set<String> tags) {
        /** The DNS domain part of a fully qualified device name, or empty. */
        public String domain() {
            int dot = deviceName == null ? -1 : deviceName.indexOf('.');
            return dot < 0 ? "" : deviceName.substring(dot + 1);
        }
    }

    public List<String> values(Property p) {
        return rules.getOrDefault(p, List.of());
    }

    /** Whether the rule matches; the default group matches nothing by rule. */
    public boolean matches(Device d) {
        return !isDefault && matchesRules(rules, d);
    }

    /**
     * Whether {@code rules} match the device: every property with values must match one of them (names and domains
     * with {@code *} wildcards, tags and OS platforms exactly, any case). Rules without any value match nothing.
     */
    public static boolean matchesRules(Map<Property, List<String>> rules, Device d) {
        if (rules.values().stream().allMatch(List::isEmpty)) {
            return false;
        }
        for (Map.Entry<Property, List<String>> e : rules.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            boolean any = switch (e.getKey()) {
                case NAME -> e.getValue().stream().anyMatch(v -> wildcard(v, d.deviceName()));
                case DOMAIN -> e.getValue().stream().anyMatch(v -> wildcard(v, d.domain()));
                case OS_PLATFORM -> e.getValue().stream().anyMatch(v -> v.equalsIgnoreCase(nz(d.osPlatform())));
                case TAG -> e.getValue().stream().anyMatch(v -> d.tags().stream().anyMatch(v::equalsIgnoreCase));
            };
            if (!any) {
                return false;
            }
        }
        return true;
    }

    static boolean wildcard(String pattern, String value) {
        if (value == null) {
            return false;
        }
        List<String> parts = new ArrayList<>();
        for (String p : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(p.toLowerCase(Locale.ROOT)));
        }
        return value.toLowerCase(Locale.ROOT).matches(String.join(".*", parts));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
