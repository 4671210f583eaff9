package dev.rampart.portal.access;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which data a principal may read: either everything, or the union of its grants, each grant covering some
 * workloads (null = all) on some device groups (null = all). A workload no grant covers is hidden; the devices
 * visible in a workload are the union over the grants that cover it.
 */
public record DataScope(boolean unrestricted, List<Grant> grants) {
    public static final DataScope ALL = new DataScope(true, List.of());
    public static final DataScope NONE = new DataScope(false, List.of());

    /** One scoped role assignment: workloads and device group ids, null meaning all. */
    public record Grant(Set<String> workloads, Set<Long> deviceGroups) {
        boolean covers(String workload) {
            return workloads == null || workloads.contains(workload);
        }
    }

    public boolean workloadVisible(String workload) {
        return unrestricted || grants.stream().anyMatch(g -> g.covers(workload));
    }

    /** The device groups visible in {@code workload}; empty = every device (no device filter needed). */
    public Optional<Set<Long>> deviceGroups(String workload) {
        if (unrestricted) {
            return Optional.empty();
        }
        Set<Long> out = new HashSet<>();
        for (Grant g : grants) {
            if (g.covers(workload)) {
                if (g.deviceGroups() == null) {
                    return Optional.empty();
                }
                out.addAll(g.deviceGroups());
            }
        }
        return Optional.of(out);
    }

    /**
     * The device groups visible in any of {@code workloads} (null = in any workload): empty = every device; an
     * empty set when no grant covers them.
     */
    public Optional<Set<Long>> deviceGroupsIn(java.util.Collection<String> workloads) {
        if (unrestricted) {
            return Optional.empty();
        }
        Set<Long> out = new HashSet<>();
        for (Grant g : grants) {
            if (workloads == null || workloads.stream().anyMatch(g::covers)) {
                if (g.deviceGroups() == null) {
                    return Optional.empty();
                }
                out.addAll(g.deviceGroups());
            }
        }
        return Optional.of(out);
    }

    /** True when some workload is hidden or some device filtered. */
    public boolean restricted() {
        return !unrestricted && grants.stream().noneMatch(g -> g.workloads() == null && g.deviceGroups() == null);
    }
}
