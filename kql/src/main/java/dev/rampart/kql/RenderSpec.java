package dev.rampart.kql;

import java.util.Map;

/** The chart a query asked for with {@code render}; the result rows are unaffected. */
public record RenderSpec(String kind, Map<String, String> properties) {
    public RenderSpec {
        properties = Map.copyOf(properties);
    }
}
