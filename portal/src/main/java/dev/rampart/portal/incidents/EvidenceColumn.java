package dev.rampart.portal.incidents;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
        ArrayNode out = JSON.createArrayNode();
        int chars = 2;
        for (Evidence e : evidence) {
            ObjectNode o = JSON.createObjectNode();
            o.put("t", e.type().key());
            o.put("k", IncidentStore.clip(e.key(), 1000));
            o.put("d", IncidentStore.clip(e.display(), 2000));
            o.put("v", e.verdict());
            ArrayNode roles = o.putArray("r");
            e.roles().forEach(roles::add);
            o.put("s", e.strong());
            String one = o.toString();
            if (chars + one.length() + 1 > MAX_CHARS) {
                break;
            }
            chars += one.length() + 1;
            out.add(o);
        }
        return out.toString();
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
