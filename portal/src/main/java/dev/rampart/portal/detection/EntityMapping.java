package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which result columns identify the entities of an alert, written {@code device=DeviceName; user=AccountUpn,AccountName}
 * (several columns per type are all taken, except for users where the first non-empty one wins). Types not mapped explicitly use the well-known hunting columns that the
 * result contains; file hashes are taken automatically only from results that are not process events, because
 * there the hash is the (common) process image rather than a suspicious file.
 */
public record EntityMapping(Map<EntityType, List<String>> columns) {
    static final Map<EntityType, List<String>> DEFAULTS = new EnumMap<>(Map.of(
            EntityType.DEVICE, List.of("DeviceName"),
            EntityType.USER, List.of("AccountUpn", "AccountName", "InitiatingProcessAccountUpn", "InitiatingProcessAccountName"),
            EntityType.MAILBOX, List.of("RecipientEmailAddress", "SenderFromAddress"),
            EntityType.FILE, List.of("SHA256", "SHA1"),
            EntityType.PROCESS, List.of("ProcessCommandLine"),
            EntityType.IP, List.of("RemoteIP", "IPAddress", "SenderIPv4"),
            EntityType.URL, List.of("RemoteUrl", "Url", "FileOriginUrl")));

    public EntityMapping {
        Map<EntityType, List<String>> copy = new EnumMap<>(EntityType.class);
        columns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        columns = copy;
    }

    public static EntityMapping automatic() {
        return new EntityMapping(Map.of());
    }

    /** Parses {@code type=Col1,Col2; type=Col}; blank = automatic. */
    public static EntityMapping parse(String text) {
        Map<EntityType, List<String>> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return new EntityMapping(m);
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("entity mapping '" + part.strip() + "' needs the form type=Column");
            }
            EntityType type;
            try {
                type = EntityType.valueOf(part.substring(0, eq).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entity type '" + part.substring(0, eq).strip()
                        + "' is not one of device, user, mailbox, file, process, ip, url");
            }
            List<String> cols = new ArrayList<>();
            for (String c : part.substring(eq + 1).split(",")) {
                if (!c.isBlank()) {
                    cols.add(c.strip());
                }
            }
            m.put(type, cols);
        }
        return new EntityMapping(m);
    }

    public String format() {
        return columns.entrySet().stream().map(e -> e.getKey().key() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** Column names per type that apply to a result with these columns. */
    public Map<EntityType, List<String>> resolve(List<String> resultColumns) {
        Map<EntityType, List<String>> out = new EnumMap<>(EntityType.class);
        boolean processResult = resultColumns.contains("ProcessCommandLine");
        for (EntityType t : EntityType.values()) {
            List<String> wanted = columns.containsKey(t) ? columns.get(t)
                    : t == EntityType.FILE && processResult ? List.of() : DEFAULTS.getOrDefault(t, List.of());
            List<String> present = wanted.stream().filter(resultColumns::contains).toList();
            if (!present.isEmpty()) {
                out.put(t, present);
            }
        }
        return out;
    }

    /** Explicitly mapped columns that the result lacks (a rule error). */
    public List<String> missing(List<String> resultColumns) {
        return columns.values().stream().flatMap(List::stream).filter(c -> !resultColumns.contains(c)).distinct().toList();
    }

    /** Evidence of one result row. */
    public static List<Evidence> evidence(Map<EntityType, List<String>> resolved, Map<String, Object> row) {
        List<Evidence> out = new ArrayList<>();
        resolved.forEach((type, cols) -> {
            for (String c : cols) {
                Object v = row.get(c);
                if (v != null) {
                    Evidence e = Evidence.of(type, v.toString(), "suspicious", List.of());
                    if (e != null && out.stream().noneMatch(x -> x.type() == e.type() && x.key().equals(e.key()))) {
                        out.add(e);
                        // User columns are alternatives (UPN, else account name): one person, not two.
                        if (type == EntityType.USER) {
                            break;
                        }
                    }
                }
            }
        });
        return out;
    }
}
