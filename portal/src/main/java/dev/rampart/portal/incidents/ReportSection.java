package dev.rampart.portal.incidents;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Sections of the incident report PDF, in the order they are printed. */
public enum ReportSection {
    OVERVIEW("overview", "Overview"),
    ATTACK_STORY("story", "Attack story"),
    ASSETS("assets", "Impacted assets"),
    EVIDENCE("evidence", "Evidence"),
    ALERTS("alerts", "Related alerts"),
    ACTIVITY("activity", "Activity log");

    private final String key;
    private final String label;

    ReportSection(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /**
     * The sections named by key ({@code overview}, {@code story}, ...; comma-separated values are split); every
     * section when none is named.
     *
     * @throws InvalidValueException naming the field {@code sections} for an unknown name
     */
    public static Set<ReportSection> parse(List<String> keys) {
        if (keys == null || keys.stream().allMatch(k -> k == null || k.isBlank())) {
            return EnumSet.allOf(ReportSection.class);
        }
        Set<ReportSection> out = EnumSet.noneOf(ReportSection.class);
        for (String raw : keys) {
            for (String k : raw == null ? new String[0] : raw.split(",")) {
                if (k.isBlank()) {
                    continue;
                }
                out.add(List.of(values()).stream().filter(s -> s.key.equalsIgnoreCase(k.strip()) || s.name().equalsIgnoreCase(k.strip()))
                        .findFirst().orElseThrow(() -> new InvalidValueException("sections",
                                "'" + k.strip() + "' is not one of overview, story, assets, evidence, alerts, activity")));
            }
        }
        return out;
    }
}
