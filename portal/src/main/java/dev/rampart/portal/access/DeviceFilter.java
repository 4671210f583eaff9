package dev.rampart.portal.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The devices a data scope lets a principal see: every device ({@link #ALL}), or only those listed by id and by
 * lower-case full name. A name is also covered by its host part (before the first dot), because alerts name
 * devices by host name. Offers the same check as an in-memory test and as an SQL condition over a column.
 */
public record DeviceFilter(boolean all, Set<String> ids, Set<String> names, Set<String> hosts) {
    public static final DeviceFilter ALL = new DeviceFilter(true, Set.of(), Set.of(), Set.of());
    public static final DeviceFilter NONE = new DeviceFilter(false, Set.of(), Set.of(), Set.of());
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public DeviceFilter {
        ids = Set.copyOf(ids);
        names = Set.copyOf(names);
        hosts = Set.copyOf(hosts);
    }

    /** A filter listing these devices; names are compared ignoring case. */
    public static DeviceFilter of(Collection<String> deviceIds, Collection<String> deviceNames) {
        Set<String> names = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (String n : deviceNames) {
            if (n != null) {
                String l = n.toLowerCase(Locale.ROOT);
                names.add(l);
                hosts.add(host(l));
            }
        }
        return new DeviceFilter(false, new HashSet<>(deviceIds), names, hosts);
    }

    /** An SQL condition with its bind parameters in the order of their markers. */
    public record Sql(String sql, List<Object> params) {
        public static final Sql TRUE = new Sql("TRUE", List.of());
        public static final Sql FALSE = new Sql("FALSE", List.of());

        public Sql {
            params = List.copyOf(params);
        }

        public boolean alwaysTrue() {
            return this.equals(TRUE);
        }

        /** {@code before} followed by this condition's parameters, for SQL whose earlier markers come first. */
        public Object[] after(Object... before) {
            List<Object> all = new ArrayList<>(List.of(before));
            all.addAll(params);
            return all.toArray();
        }
    }

    /** The devices both filters cover. */
    public DeviceFilter and(DeviceFilter other) {
        if (all) {
            return other;
        }
        if (other.all) {
            return this;
        }
        Set<String> i = new HashSet<>(ids);
        i.retainAll(other.ids);
        Set<String> n = new HashSet<>(names);
        n.retainAll(other.names);
        Set<String> h = new HashSet<>(hosts);
        h.retainAll(other.hosts);
        return new DeviceFilter(false, i, n, h);
    }

    /** True when some device is hidden. */
    public boolean restricted() {
        return !all;
    }

    public boolean coversId(String deviceId) {
        return all || deviceId != null && ids.contains(deviceId);
    }

    /** Whether the device named {@code name} (full or host name, any case) is visible. */
    public boolean coversName(String name) {
        if (all) {
            return true;
        }
        if (name == null) {
            return false;
        }
        String l = name.toLowerCase(Locale.ROOT);
        return names.contains(l) || l.indexOf('.') < 0 && hosts.contains(l);
    }

    /** {@code column IN (visible ids)}; TRUE for every device, FALSE for none. */
    public Sql idIn(String column) {
        return in(column, ids);
    }

    /** {@code lower(column) IN (visible full names)}. */
    public Sql nameIn(String column) {
        return in("lower(" + column + ")", names);
    }

    /** {@code column IN (visible host names)} for a column that already holds lower-case host names. */
    public Sql hostIn(String column) {
        return in(column, hosts);
    }

    private Sql in(String expression, Set<String> values) {
        if (all) {
            return Sql.TRUE;
        }
        if (values.isEmpty()) {
            return Sql.FALSE;
        }
        List<Object> params = new ArrayList<>(values.stream().sorted().toList());
        return new Sql(expression + " IN (" + String.join(", ", Collections.nCopies(params.size(), "?")) + ")", params);
    }

    static String host(String lowerName) {
        int dot = lowerName.indexOf('.');
        return dot < 0 || IPV4.matcher(lowerName).matches() ? lowerName : lowerName.substring(0, dot);
    }
}
