package dev.rampart.portal.access;

import dev.rampart.kql.plan.ScopeFilter;
import dev.rampart.kql.schema.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The data scope of a principal and the row filters that enforce it. Only roles that grant Security data (read)
 * carry data: a role given directly to a user, or through an assignment covering all data sources and device
 * groups, sees everything; scoped assignments see their workloads and devices. Every other permission is scoped the
 * same way by the assignments whose role grants it ({@link #current(Permission)}, {@link #devicesFor}), so that a
 * permission never reaches beyond the assignment that grants it. Scopes are computed once per web request. API clients act for the
 * organisation and are unrestricted in data (their scopes limit permissions). The portal's own batch work runs as
 * {@link SystemIdentity} and is unrestricted. Anything else without an account sees nothing: scopes fail closed,
 * so a principal that some future sign-in path forgets to tie to an account cannot read all data.
 */
@Service
public class DataScopes {
    /** Authority held by API clients; their data scope is the whole organisation. */
    public static final String CLIENT_AUTHORITY = "CLIENT";
    /** The workload of the Device* tables. */
    public static final String ENDPOINT = "endpoint";

    /** Hunting tables of the exposure graph, which span every device. */
    static final Set<String> EXPOSURE_GRAPH = Set.of("ExposureGraphNodes", "ExposureGraphEdges");

    private final JdbcClient jdbc;
    private final DeviceGroupMembership membership;
    final PerRequestCache cache = new PerRequestCache();
    /** How often a scope was read from the database (benchmarks and tests of the per-request cache). */
    final java.util.concurrent.atomic.AtomicLong computations = new java.util.concurrent.atomic.AtomicLong();

    public DataScopes(JdbcClient jdbc, DeviceGroupMembership membership) {
        this.jdbc = jdbc;
        this.membership = membership;
    }

    /** The data (Security data basics) scope of the current principal, computed once per web request. */
    public DataScope current() {
        return current(Permission.SECURITY_DATA_READ);
    }

    /**
     * Where the current principal holds {@code permission}: the union of the scopes of the role assignments whose
     * role grants it (a role held directly grants it everywhere). Computed once per web request.
     */
    public DataScope current(Permission permission) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return cache.get(a, "scope:" + permission.name(), () -> of(a, permission));
    }

    /** The data scope of principal {@code a} (null = nobody, who sees nothing). */
    public DataScope of(Authentication a) {
        return of(a, Permission.SECURITY_DATA_READ);
    }

    /** Where principal {@code a} holds {@code permission} (null = nobody, who holds it nowhere). */
    public DataScope of(Authentication a, Permission permission) {
        if (a == null || !a.isAuthenticated()) {
            return DataScope.NONE;
        }
        if (a.getAuthorities().stream().anyMatch(x -> CLIENT_AUTHORITY.equals(x.getAuthority()) || SystemIdentity.AUTHORITY.equals(x.getAuthority()))) {
            return DataScope.ALL;
        }
        return forUser(a.getName(), permission);
    }

    /** The data scope of the account named {@code username}; {@link DataScope#NONE} when there is no such account. */
    public DataScope forUser(String username) {
        return forUser(username, Permission.SECURITY_DATA_READ);
    }

    /**
     * Where the account named {@code username} holds {@code permission}: everywhere when a role granting it is held
     * directly or through an assignment covering all data sources and device groups, else the grants of its scoped
     * assignments whose role grants it. {@link DataScope#NONE} when there is no such account.
     */
    public DataScope forUser(String username, Permission permission) {
        computations.incrementAndGet();
        Optional<Long> id = jdbc.sql("SELECT id FROM app_user WHERE username_key = ?").param(UserAccounts.key(username)).query(Long.class).optional();
        if (id.isEmpty()) {
            return DataScope.NONE;
        }
        long u = id.get();
        String data = permission.name();
        long direct = jdbc.sql("SELECT count(*) FROM user_role ur JOIN role_permission rp ON rp.role_id = ur.role_id WHERE ur.user_id = ? AND rp.permission = ?")
                .params(u, data).query(Long.class).single();
        if (direct > 0) {
            return DataScope.ALL;
        }
        List<Object[]> rows = jdbc.sql("SELECT ra.id, ra.all_sources, ra.all_device_groups FROM role_assignment ra "
                        + "JOIN role_permission rp ON rp.role_id = ra.role_id AND rp.permission = ? WHERE ra.id IN ("
                        + "SELECT assignment_id FROM assignment_user WHERE user_id = ? UNION "
                        + "SELECT ag.assignment_id FROM assignment_group ag JOIN group_member gm ON gm.group_id = ag.group_id WHERE gm.user_id = ?)")
                .params(data, u, u).query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3)}).list();
        List<DataScope.Grant> grants = new ArrayList<>();
        for (Object[] r : rows) {
            long a = (Long) r[0];
            Set<String> sources = (Boolean) r[1] ? null
                    : new HashSet<>(jdbc.sql("SELECT workload FROM assignment_source WHERE assignment_id = ?").param(a).query(String.class).list());
            Set<Long> groups = (Boolean) r[2] ? null
                    : new HashSet<>(jdbc.sql("SELECT device_group_id FROM assignment_device_group WHERE assignment_id = ?").param(a).query(Long.class).list());
            if (sources == null && groups == null) {
                return DataScope.ALL;
            }
            grants.add(new DataScope.Grant(sources, groups));
        }
        return new DataScope(false, grants);
    }

    /**
     * The devices {@code scope} shows in any of {@code workloads} (null = any workload): {@link DeviceFilter#ALL}
     * when no device group limits them, {@link DeviceFilter#NONE} when no grant covers those workloads.
     */
    public DeviceFilter devices(DataScope scope, Collection<String> workloads) {
        Optional<Set<Long>> groups = scope.deviceGroupsIn(workloads);
        if (groups.isEmpty()) {
            return DeviceFilter.ALL;
        }
        DeviceGroupMembership.Snapshot s = membership.current();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (long g : groups.get()) {
            ids.addAll(s.deviceIds(g));
            names.addAll(s.deviceNames(g));
        }
        return DeviceFilter.of(ids, names);
    }

    /** The endpoint devices in any of {@code groups} (a custom detection rule's scope). */
    public DeviceFilter devicesOfGroups(Set<Long> groups) {
        DeviceGroupMembership.Snapshot s = membership.current();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (long g : groups) {
            ids.addAll(s.deviceIds(g));
            names.addAll(s.deviceNames(g));
        }
        return DeviceFilter.of(ids, names);
    }

    /**
     * As {@link #devicesFor(Permission...)} for the account {@code username} rather than the current principal (the
     * last editor of a custom detection rule whose actions run later, as the system); none for an unknown account.
     */
    public DeviceFilter devicesFor(String username, Permission... permissions) {
        DeviceFilter out = devices(forUser(username), List.of(ENDPOINT));
        for (Permission p : permissions) {
            out = out.and(devices(forUser(username, p), List.of(ENDPOINT)));
        }
        return out;
    }

    /** The endpoint devices (the Device* tables, Assets › Devices) the current principal may see. */
    public DeviceFilter devices() {
        return endpointDevices(Permission.SECURITY_DATA_READ);
    }

    /**
     * The endpoint devices on which the current principal may both see data and use every one of
     * {@code permissions}: each permission counts only within the scopes of the assignments that grant it, so a
     * Tier-1 role on EU devices beside a reader role on all devices acts on EU devices only.
     */
    public DeviceFilter devicesFor(Permission... permissions) {
        DeviceFilter out = devices();
        for (Permission p : permissions) {
            out = out.and(endpointDevices(p));
        }
        return out;
    }

    private DeviceFilter endpointDevices(Permission p) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        DeviceGroupMembership.Snapshot s = membership.current();
        return cache.get(a, "devices:" + p.name() + "@" + s.takenAt() + "/" + s.groupsVersion(), () -> devices(current(p), List.of(ENDPOINT)));
    }

    /** Row filters of the current principal for hand-written event-store SQL. */
    public EventFilters eventFilters() {
        return new EventFilters(current(), this::tableFilter, devices());
    }

    /**
     * Filters for a page gated on {@code permission}: the data its holder may read there, i.e. where both Security data
     * (read) and {@code permission} are granted (each counting only within the assignments that grant it).
     */
    public EventFilters eventFilters(Permission permission) {
        DataScope data = current();
        DataScope granted = current(permission);
        return new EventFilters(data, (scope, table) -> {
            DeviceFilter.Sql a = tableFilter(data, table);
            DeviceFilter.Sql b = tableFilter(granted, table);
            if (a.alwaysTrue()) {
                return b;
            }
            if (b.alwaysTrue()) {
                return a;
            }
            List<Object> params = new ArrayList<>(a.params());
            params.addAll(b.params());
            return new DeviceFilter.Sql("(" + a.sql() + ") AND (" + b.sql() + ")", params);
        }, devicesFor(permission));
    }

    /** Drops scopes remembered for running requests: roles, assignments, groups or device groups changed. */
    public void changed() {
        cache.invalidate();
    }

    /**
     * The exposure graph copies device, identity and vulnerability data of every device: readable whole by a scope that
     * sees those workloads on every device, else not at all.
     */
    static boolean readsWholeGraph(DataScope scope) {
        for (String w : List.of(ENDPOINT, "identity", "vulnerability", "exposure")) {
            if (!scope.workloadVisible(w) || scope.deviceGroups(w).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The condition {@code scope} puts on the unqualified columns of {@code table}: FALSE when its workload is
     * hidden, device membership as {@link #rowFilter} decides, else TRUE.
     */
    public DeviceFilter.Sql tableFilter(DataScope scope, Table table) {
        if (!scope.workloadVisible(table.workload())) {
            return DeviceFilter.Sql.FALSE;
        }
        return rowFilter(scope, table).map(f -> new DeviceFilter.Sql(f.sqlPredicate(), f.parameters())).orElse(DeviceFilter.Sql.TRUE);
    }

    /**
     * The row filter {@code scope} puts on {@code table}: none when every device of its workload is visible or the
     * table has no device column; otherwise membership of DeviceId (or, lacking it, the lower-cased DeviceName) in
     * the visible device groups, as trusted SQL for the hunting compiler. Hidden workloads are not filtered here:
     * their tables are left out of the schema altogether.
     */
    public Optional<ScopeFilter> rowFilter(DataScope scope, Table table) {
        if (EXPOSURE_GRAPH.contains(table.name()) && !readsWholeGraph(scope)) {
            return Optional.of(new ScopeFilter("FALSE", List.of()));
        }
        Optional<Set<Long>> groups = scope.deviceGroups(table.workload());
        return groups.isEmpty() ? Optional.empty() : deviceGroupFilter(groups.get(), table);
    }

    /**
     * Membership of DeviceId (or, lacking it, the lower-cased DeviceName) in {@code groups} as a row filter on
     * {@code table}; none for a table without a device column. A custom detection rule scoped to device groups runs with it.
     */
    public Optional<ScopeFilter> deviceGroupFilter(Set<Long> groups, Table table) {
        boolean byId = table.column("DeviceId").isPresent();
        if (!byId && table.column("DeviceName").isEmpty()) {
            // The exposure graph names devices in rows no device column can filter: none of it for a device-scoped reader.
            return EXPOSURE_GRAPH.contains(table.name()) ? Optional.of(new ScopeFilter("FALSE", List.of())) : Optional.empty();
        }
        DeviceGroupMembership.Snapshot s = membership.current();
        Set<String> values = new HashSet<>();
        for (long g : groups) {
            values.addAll(byId ? s.deviceIds(g) : s.deviceNames(g));
        }
        if (values.isEmpty()) {
            return Optional.of(new ScopeFilter("FALSE", List.of()));
        }
        List<Object> params = new ArrayList<>(values.stream().sorted().toList());
        String marks = String.join(", ", java.util.Collections.nCopies(params.size(), "?"));
        return Optional.of(new ScopeFilter(byId ? "\"DeviceId\" IN (" + marks + ")" : "lower(\"DeviceName\") IN (" + marks + ")", params));
    }
}
