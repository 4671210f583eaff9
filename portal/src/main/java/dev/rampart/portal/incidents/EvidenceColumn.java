package dev.rampart.portal.incidents;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An alert's evidence as the JSON text of its {@code alert.evidence} column, in the alert's order. The alert row
 * carries it so that showing an alert reads one row; {@code alert_evidence} keeps only what entity lookups need
 * (type, key, strong), so storing an alert writes one index entry fewer per entity.
 *
 * <p>Fields: {@code t} type, {@code k} key, {@code d} display, {@code v} verdict, {@code r} roles, {@code s} strong.
 */
final class EvidenceColumn {
    /** Longest text stored; an alert naming more entities than fit keeps the first ones (the lookup rows keep all). */
    static final int MAX_CHARS = 900_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EvidenceColumn() {
    }

    static String write(List<Evidence> evidence) {
        String text = text(evidence);
        return text.length() <= MAX_CHARS ? text : writeWithin(evidence);
    }

    private static String text(List<Evidence> evidence) {
        // Streamed: building a tree per alert and printing it cost more than storing the alert's entities.
        java.io.StringWriter text = new java.io.StringWriter(64 + 160 * evidence.size());
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartArray();
            for (Evidence e : evidence) {
                g.writeStartObject();
                g.writeStringProperty("t", e.type().key());
                g.writeStringProperty("k", IncidentStore.clip(e.key(), 1000));
                g.writeStringProperty("d", IncidentStore.clip(e.display(), 2000));
                g.writeStringProperty("v", e.verdict());
                g.writeName("r");
                g.writeStartArray();
                for (String r : e.roles()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeBooleanProperty("s", e.strong());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return text.toString();
    }

    /** The first entities whose text fits in {@link #MAX_CHARS}. */
    private static String writeWithin(List<Evidence> evidence) {
        int low = 0;
        int high = evidence.size();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (text(evidence.subList(0, mid)).length() <= MAX_CHARS) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text(evidence.subList(0, low));
    }

    /**
     * Whether {@link #write} may have left entities out of this text: it is within one entity's longest form (key,
     * display and roles, every character escaped) of the limit.
     */
    static boolean mayBeCut(String json) {
        return json != null && json.length() > MAX_CHARS - 16_000;
    }

    /** The evidence written by {@link #write}; none for a null or empty column. */
    static List<Evidence> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        JsonNode array = JSON.readTree(json);
        List<Evidence> out = new ArrayList<>(array.size());
        for (JsonNode o : array) {
            List<String> roles = new ArrayList<>();
            o.path("r").forEach(r -> roles.add(r.asString()));
            out.add(new Evidence(EntityType.parse(o.path("t").asString()), o.path("k").asString(), o.path("d").asString(),
                    o.path("v").asString(), roles, o.path("s").asBoolean()));
        }
        return out;
    }
}
