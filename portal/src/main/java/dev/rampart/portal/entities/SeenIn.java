package dev.rampart.portal.entities;

import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.DataScope;
import dev.rampart.portal.access.DeviceGroupMembership;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a user, file, address or domain of the global search was seen, as index tokens matched against a data
 * scope, so that a scoped analyst's search suggests only entities that appear in rows hunting would show them:
 * {@code w} for any row of workload {@code w}, {@code w|*} for a row of a table without device column, and
 * {@code w|<group id>} for a row of a device in that device group. Device groups are resolved when the index is
 * built (it is rebuilt when membership changes).
 * <p>The event-store side is one SQL expression per source table, {@link #marker}, aggregated with
 * {@code list(DISTINCT …)}; {@link #tokens} turns those markers into tokens.
 */
final class SeenIn {
    private SeenIn() {
    }

    /** The marker expression of a row of {@code table} (its workload and device), for {@code list(DISTINCT …)}. */
    static String marker(String table) {
        Table t = HuntingSchema.get().table(table).orElseThrow(() -> new IllegalArgumentException("no hunting table " + table));
        String w = t.workload();
        if (t.column("DeviceId").isPresent()) {
            return "('" + w + "|id:' || coalesce(CAST(DeviceId AS VARCHAR), ''))";
        }
        if (t.column("DeviceName").isPresent()) {
            return "('" + w + "|name:' || coalesce(lower(DeviceName), ''))";
        }
        return "'" + w + "|*'";
    }

    /** Device-to-group lookups of one membership snapshot. */
    record Groups(Map<String, Long> byId, Map<String, Long> byName) {
        static Groups of(DeviceGroupMembership.Snapshot s) {
            Map<String, Long> byName = new HashMap<>();
            s.deviceNames().forEach((g, names) -> names.forEach(n -> byName.put(n, g)));
            return new Groups(Map.copyOf(s.groupOfDevice()), byName);
        }
    }

    /** Tokens of the markers in {@code list} (a JDBC array or collection of marker strings). */
    static Set<String> tokens(Object list, Groups groups) {
        Set<String> out = new LinkedHashSet<>();
        for (Object o : elements(list)) {
            if (o == null) {
                continue;
            }
            String m = o.toString();
            int bar = m.indexOf('|');
            if (bar < 0) {
                continue;
            }
            String w = m.substring(0, bar);
            String rest = m.substring(bar + 1);
            out.add(w);
            if (rest.equals("*")) {
                out.add(w + "|*");
            } else if (rest.startsWith("id:") && rest.length() > 3) {
                Long g = groups.byId().get(rest.substring(3));
                if (g != null) {
                    out.add(w + "|" + g);
                }
            } else if (rest.startsWith("name:") && rest.length() > 5) {
                Long g = groups.byName().get(rest.substring(5));
                if (g != null) {
                    out.add(w + "|" + g);
                }
            }
        }
        return out;
    }

    /**
     * The tokens {@code scope} may see: per visible workload either {@code w} (every device) or {@code w|*} plus its
     * device groups. {@code emailMetadata} false hides the email workload, as hunting does.
     */
    static Set<String> allowed(DataScope scope, Collection<String> workloads, boolean emailMetadata) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : workloads) {
            if (!scope.workloadVisible(w) || (w.equals("email") && !emailMetadata)) {
                continue;
            }
            Optional<Set<Long>> groups = scope.deviceGroups(w);
            if (groups.isEmpty()) {
                out.add(w);
            } else {
                out.add(w + "|*");
                groups.get().forEach(g -> out.add(w + "|" + g));
            }
        }
        return out;
    }

    private static Iterable<?> elements(Object list) {
        if (list instanceof java.sql.Array a) {
            try {
                return java.util.Arrays.asList((Object[]) a.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException("could not read a list from the event store: " + e.getMessage(), e);
            }
        }
        if (list instanceof Object[] arr) {
            return java.util.Arrays.asList(arr);
        }
        if (list instanceof Collection<?> c) {
            return c;
        }
        return java.util.List.of();
    }
}
