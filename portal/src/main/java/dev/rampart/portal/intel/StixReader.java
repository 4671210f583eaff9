package dev.rampart.portal.intel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads STIX 2.0 and 2.1 JSON: a bundle, a single object or an array of objects. Objects the portal has no use for
 * (identities, markings, sightings, observed data...) are counted as skipped; an object that breaks the format is
 * reported with its file, position and field, and the rest of the file is still read.
 */
final class StixReader {
    /** Object types the portal keeps. */
    static final Set<String> KEPT = Set.of("attack-pattern", "x-mitre-tactic", "x-mitre-matrix", "intrusion-set", "threat-actor", "campaign",
            "malware", "tool", "report", "indicator", "vulnerability", "relationship", "course-of-action");
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StixReader() {
    }

    /** What one file gave: the kept objects, how many were skipped, and the problems found (each names file and place). */
    record Result(List<StixObject> objects, int skipped, List<String> problems) {
    }

    static Result read(String file, byte[] bytes) {
        List<StixObject> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            var at = e.getLocation();
            problems.add(file + (at == null ? "" : ": line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": not JSON ("
                    + firstLine(e.getOriginalMessage()) + ")");
            return new Result(out, 0, problems);
        }
        JsonNode objects;
        if (root != null && root.isArray()) {
            objects = root;
        } else if (root != null && root.isObject() && "bundle".equals(root.path("type").asString(""))) {
            objects = root.path("objects");
            if (!objects.isArray()) {
                problems.add(file + ": the bundle has no 'objects' array");
                return new Result(out, 0, problems);
            }
        } else if (root != null && root.isObject() && root.has("type")) {
            objects = JSON.createArrayNode().add(root);
        } else {
            problems.add(file + ": not a STIX bundle or object (no 'type')");
            return new Result(out, 0, problems);
        }
        int skipped = 0;
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String where = file + ": object " + (i + 1);
            if (!o.isObject()) {
                problems.add(where + ": not a JSON object");
                continue;
            }
            String type = o.path("type").asString("");
            String id = o.path("id").asString("");
            if (type.isEmpty()) {
                problems.add(where + ": missing 'type'");
                continue;
            }
            if (id.isEmpty() || !ID.matcher(id).matches() || !id.startsWith(type + "--")) {
                problems.add(where + " (" + type + "): 'id' must be " + type + "--<uuid>, got '" + abbreviate(id) + "'");
                continue;
            }
            if (!KEPT.contains(type)) {
                skipped++;
                continue;
            }
            try {
                out.add(object(o, type, id));
            } catch (IllegalArgumentException e) {
                problems.add(where + " (" + id + "): " + e.getMessage());
            }
        }
        return new Result(out, skipped, problems);
    }

    private static StixObject object(JsonNode o, String type, String id) {
        Instant created = time(o, "created");
        Instant modified = time(o, "modified");
        if (modified == null) {
            modified = created;
        }
        if (modified == null) {
            throw new IllegalArgumentException("missing 'modified' (and 'created')");
        }
        String name = text(o, "name");
        String relType = null;
        String source = null;
        String target = null;
        if (type.equals("relationship")) {
            relType = required(o, "relationship_type");
            source = required(o, "source_ref");
            target = required(o, "target_ref");
            name = relType;
        } else if (name == null || name.isBlank()) {
            // STIX 2.1 makes the name optional for indicators and malware.
            if (!type.equals("indicator") && !type.equals("malware")) {
                throw new IllegalArgumentException("missing 'name'");
            }
            name = id;
        }
        if (type.equals("indicator") && text(o, "pattern") == null) {
            throw new IllegalArgumentException("missing 'pattern'");
        }
        String externalId = null;
        String url = null;
        for (JsonNode ref : o.path("external_references")) {
            String sourceName = ref.path("source_name").asString("");
            // mitre-attack, mitre-mobile-attack, mitre-ics-attack; CVE ids for vulnerabilities.
            if ((sourceName.startsWith("mitre-") && sourceName.endsWith("attack")) || (type.equals("vulnerability") && sourceName.equalsIgnoreCase("cve"))) {
                externalId = text(ref, "external_id");
                url = text(ref, "url");
                // Only web links are kept: a feed's url ends up in an href.
                if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                    url = null;
                }
                break;
            }
        }
        Set<String> labels = new LinkedHashSet<>();
        for (JsonNode p : o.path("kill_chain_phases")) {
            if (p.path("kill_chain_name").asString("").startsWith("mitre")) {
                labels.add(p.path("phase_name").asString());
            }
        }
        strings(o, "report_types").forEach(labels::add);
        strings(o, "labels").forEach(labels::add);
        strings(o, "indicator_types").forEach(labels::add);
        strings(o, "malware_types").forEach(labels::add);
        strings(o, "tool_types").forEach(labels::add);
        strings(o, "threat_actor_types").forEach(labels::add);
        List<String> aliases = new ArrayList<>();
        for (String field : List.of("aliases", "x_mitre_aliases")) {
            for (String a : strings(o, field)) {
                if (!a.equals(name) && !aliases.contains(a)) {
                    aliases.add(a);
                }
            }
        }
        List<String> refs = new ArrayList<>(strings(o, "object_refs"));
        refs.addAll(strings(o, "tactic_refs"));
        return new StixObject(type, id, truncate(name, 500), externalId == null ? null : truncate(externalId, 40), url == null ? null : truncate(url, 1000),
                text(o, "description"), aliases, List.copyOf(labels), refs, o.path("x_mitre_is_subtechnique").asBoolean(false),
                o.path("revoked").asBoolean(false), o.path("x_mitre_deprecated").asBoolean(false), text(o, "pattern"), text(o, "x_mitre_shortname"),
                firstTime(o, "first_seen", "valid_from"), firstTime(o, "last_seen", "valid_until"), time(o, "published"), created, modified,
                relType, source, target, text(o, "pattern_type"), strings(o, "x_mitre_domains"));
    }

    private static Instant firstTime(JsonNode o, String a, String b) {
        Instant t = time(o, a);
        return t != null ? t : time(o, b);
    }

    private static Instant time(JsonNode o, String field) {
        String s = text(o, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not a timestamp like 2020-01-31T12:00:00Z: '" + abbreviate(s) + "'");
        }
    }

    private static String required(JsonNode o, String field) {
        String s = text(o, field);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return s;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asString();
    }

    private static List<String> strings(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : o.path(field)) {
            if (n.isValueNode() && !n.asString().isBlank()) {
                out.add(n.asString().strip());
            }
        }
        return out;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
