package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code defender-export}: records of the Defender streaming API / Event Hub export
 * ({@code {"time":..,"category":"AdvancedHunting-DeviceProcessEvents","properties":{..columns..}}}) and
 * Log Analytics exports of the same tables ({@code {"Type":"DeviceProcessEvents", ..columns..}}). The columns
 * go to the named table unchanged, with the native path's value coercion; an unknown table or column rejects
 * the line like a bad native line. {@code TimeGenerated} stands in for a missing {@code Timestamp}.
 */
final class DefenderExportFormat implements EventFormat {
    private static final String PREFIX = "AdvancedHunting-";
    /** Log Analytics bookkeeping columns that are not part of the hunting tables. */
    private static final java.util.Set<String> LOG_ANALYTICS = java.util.Set.of("Type", "TenantId", "SourceSystem", "MG",
            "ManagementGroupName", "_ResourceId", "_ItemId", "_Internal_WorkspaceResourceId", "TimeGenerated");

    private final Schema schema;

    DefenderExportFormat(Schema schema) {
        this.schema = schema;
    }

    @Override
    public String name() {
        return "defender-export";
    }

    @Override
    public String summary() {
        return "Defender streaming API / Event Hub records (category AdvancedHunting-<Table>, properties) or Log Analytics rows (Type)";
    }

    @Override
    public EventMapper newMapper() {
        return this::map;
    }

    private Mapping map(JsonNode n) {
        if (!n.isObject()) {
            return new Mapping.Invalid(null, "expected a JSON object");
        }
        JsonNode category = n.get("category");
        if (category != null && category.isString()) {
            String c = category.asString();
            String name = c.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? c.substring(PREFIX.length()) : c;
            Optional<Table> t = schema.table(name);
            JsonNode props = n.get("properties");
            if (t.isEmpty()) {
                return new Mapping.Invalid("category", "\"" + c + "\" names no hunting table");
            }
            if (props == null || !props.isObject()) {
                return new Mapping.Invalid("properties", "expected an object with the columns of " + t.get().name());
            }
            return rows(t.get(), props, n.get("time"), java.util.Set.of());
        }
        JsonNode type = n.get("Type");
        if (type != null && type.isString()) {
            Optional<Table> t = schema.table(type.asString());
            if (t.isEmpty()) {
                return new Mapping.Invalid("Type", "\"" + type.asString() + "\" names no hunting table");
            }
            return rows(t.get(), n, n.get("TimeGenerated"), LOG_ANALYTICS);
        }
        return new Mapping.Invalid(null, "no \"category\" (AdvancedHunting-<Table>) or \"Type\" naming the hunting table");
    }

    private static Mapping rows(Table t, JsonNode columns, JsonNode fallbackTime, java.util.Set<String> ignore) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : columns.properties()) {
            String col = e.getKey();
            if (ignore.contains(col)) {
                continue;
            }
            if (col.equals("TimeGenerated") && t.indexOf("TimeGenerated") < 0) {
                col = "Timestamp";
                if (columns.has("Timestamp")) {
                    continue;
                }
            }
            values.put(col, e.getValue());
        }
        if (!values.containsKey("Timestamp") && fallbackTime != null && t.indexOf("Timestamp") >= 0) {
            values.put("Timestamp", fallbackTime);
        }
        return Mapping.of(new Mapping.Row(t.name(), values));
    }
}
