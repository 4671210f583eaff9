package dev.rampart.portal.exposure;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.Permission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The exposure graph as the current principal may see it: devices outside the devices their Exposure management
 * (read) roles cover are hidden, and so is every attack path through one of them.
 */
@Service
public class ExposureView {
    /** Neighbours shown around one node on the map; a group of every user would draw nothing legible. */
    public static final int MAP_NEIGHBOURS = 60;
    public static final Map<String, String> GROUPINGS = Map.of("name", "Attack path name", "entry", "Entry point", "target", "Target",
            "criticality", "Target criticality");

    /** Most rows a page lists (paths, neighbours); the API pages with $top/$skip instead. */
    public static final int PAGE_ROWS = 1_000;

    /**
     * The visible paths, their choke points and the graph they come from; {@code vulnerabilities}: whether CVEs and
     * their recommendations may be shown; {@code truncated}: the build stopped at {@link AttackPaths#MAX_PATHS}.
     */
    public record Visible(ExposureGraph graph, List<AttackPaths.Path> paths, List<AttackPaths.ChokePoint> chokePoints,
                          Predicate<ExposureGraph.Node> shows, boolean vulnerabilities, boolean truncated, boolean restricted) {
        /** A path's recommendations, without the CVE ones when the reader may not see vulnerabilities. */
        public List<AttackPaths.Recommendation> recommendations(AttackPaths.Path p) {
            return vulnerabilities ? p.recommendations() : p.recommendations().stream().filter(r -> !r.link().startsWith("/vulnerabilities/")).toList();
        }

        public long nodes() {
            return restricted ? graph.nodes().stream().filter(shows).count() : graph.nodes().size();
        }

        public long entryPoints() {
            return paths.stream().map(p -> p.entry().id()).distinct().count();
        }

        public long targets() {
            return paths.stream().map(p -> p.target().id()).distinct().count();
        }

        public long criticalAssets() {
            return graph.nodes().stream().filter(n -> AttackPaths.target(n) && shows.test(n)).count();
        }
    }

    /** Rows of the path list under one heading (no heading when not grouped). */
    public record Group(String title, List<AttackPaths.Path> paths) {
    }

    /** One neighbour on the map: the edge's label, its direction and the node at the other end. */
    public record Neighbour(String label, boolean outgoing, ExposureGraph.Node node, Map<String, Object> properties) {
    }

    /** The neighbourhood of a node for the map's graph drawing. */
    public record MapGraph(List<Map<String, Object>> nodes, List<Map<String, Object>> links, int hidden) {
    }

    private final ExposureGraphService graph;
    private final DataScopes scopes;
    private final AccessPolicy access;

    ExposureView(ExposureGraphService graph, DataScopes scopes, AccessPolicy access) {
        this.graph = graph;
        this.scopes = scopes;
        this.access = access;
    }

    public boolean canRebuild() {
        return access.can(Permission.EXPOSURE_MANAGEMENT_MANAGE);
    }

    /**
     * What the caller may see: devices within their Exposure management (read) device scope, users and groups when
     * identity data is in their scope, vulnerabilities with Vulnerability management (read) — and the paths made only
     * of such nodes.
     */
    public Visible visible() {
        ExposureGraphService.Snapshot s = graph.current();
        DeviceFilter devices = scopes.eventFilters(Permission.EXPOSURE_MANAGEMENT_READ).devices();
        dev.rampart.portal.access.DataScope data = scopes.current();
        boolean identities = data.workloadVisible("identity");
        boolean vulnerabilities = access.can(Permission.VULNERABILITY_MANAGEMENT_READ)
                && scopes.current(Permission.VULNERABILITY_MANAGEMENT_READ).workloadVisible("vulnerability");
        Predicate<ExposureGraph.Node> shows = n -> switch (n.label()) {
            case ExposureGraph.DEVICE -> devices.coversId(n.key());
            case ExposureGraph.USER, ExposureGraph.GROUP -> identities;
            case ExposureGraph.CVE -> vulnerabilities;
            default -> true;
        };
        boolean restricted = devices.restricted() || !identities || !vulnerabilities;
        if (!devices.restricted() && identities) {
            return new Visible(s.graph(), s.paths(), s.chokePoints(), shows, vulnerabilities, s.truncated(), restricted);
        }
        List<AttackPaths.Path> paths = AttackPaths.visible(s.paths(), shows);
        return new Visible(s.graph(), paths, AttackPaths.chokePoints(paths), shows, vulnerabilities, s.truncated(), restricted);
    }

    /** A node by id, or the node of a device by DeviceId, if the principal may see it. */
    public Optional<ExposureGraph.Node> find(Visible v, String nodeId, String deviceId) {
        Optional<ExposureGraph.Node> n = nodeId != null && !nodeId.isBlank() ? v.graph().node(nodeId)
                : deviceId != null && !deviceId.isBlank() ? v.graph().nodeByKey(ExposureGraph.DEVICE, deviceId) : Optional.empty();
        return n.filter(v.shows());
    }

    /** A user node by UPN (or SID), as the user page names the account. */
    public Optional<ExposureGraph.Node> findUser(Visible v, String account) {
        return v.graph().nodeByKey(ExposureGraph.USER, account.strip().toLowerCase(java.util.Locale.ROOT)).filter(v.shows());
    }

    /** The visible nodes one edge away, critical ones and devices first, at most {@link #MAP_NEIGHBOURS} of them. */
    public List<Neighbour> neighbours(Visible v, ExposureGraph.Node n) {
        List<Neighbour> out = new ArrayList<>();
        for (ExposureGraph.Edge e : v.graph().outgoing(n.id())) {
            v.graph().node(e.target()).filter(v.shows()).ifPresent(t -> out.add(new Neighbour(e.label(), true, t, e.raw())));
        }
        for (ExposureGraph.Edge e : v.graph().incoming(n.id())) {
            v.graph().node(e.source()).filter(v.shows()).ifPresent(t -> out.add(new Neighbour(e.label(), false, t, e.raw())));
        }
        out.sort(Comparator.comparing((Neighbour x) -> x.node().criticality() == null ? 9 : x.node().criticality())
                .thenComparing(x -> x.label()).thenComparing(x -> x.node().name()));
        return out;
    }

    /** The paths through {@code n} (as entry point, step or target). */
    public List<AttackPaths.Path> pathsThrough(Visible v, ExposureGraph.Node n) {
        return v.paths().stream().filter(p -> p.nodes().contains(n)).toList();
    }

    public MapGraph mapGraph(Visible v, ExposureGraph.Node center) {
        List<Neighbour> all = neighbours(v, center);
        List<Neighbour> shown = all.size() > MAP_NEIGHBOURS ? all.subList(0, MAP_NEIGHBOURS) : all;
        List<Map<String, Object>> nodes = new ArrayList<>();
        Map<String, Boolean> added = new LinkedHashMap<>();
        Function<ExposureGraph.Node, Map<String, Object>> node = n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("name", n.name());
            m.put("kind", n.label());
            m.put("criticality", n.criticality() == null ? null : n.criticalityLabel());
            m.put("internetFacing", n.internetFacing());
            m.put("center", n.id().equals(center.id()));
            m.put("href", "/exposure/map?node=" + n.id());
            return m;
        };
        nodes.add(node.apply(center));
        added.put(center.id(), true);
        List<Map<String, Object>> links = new ArrayList<>();
        for (Neighbour x : shown) {
            if (added.putIfAbsent(x.node().id(), true) == null) {
                nodes.add(node.apply(x.node()));
            }
            links.add(Map.of("source", x.outgoing() ? center.id() : x.node().id(), "target", x.outgoing() ? x.node().id() : center.id(), "label", x.label()));
        }
        return new MapGraph(nodes, links, all.size() - shown.size());
    }

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("deviceName", "Device name");
        LABELS.put("osPlatform", "OS platform");
        LABELS.put("deviceType", "Device type");
        LABELS.put("onboardingStatus", "Onboarding status");
        LABELS.put("publicIP", "Public IP");
        LABELS.put("isInternetFacing", "Internet-facing");
        LABELS.put("isDomainController", "Domain controller");
        LABELS.put("exposureLevel", "Exposure level");
        LABELS.put("lastSeen", "Last seen");
        LABELS.put("accountUpn", "UPN");
        LABELS.put("accountName", "Account name");
        LABELS.put("accountDomain", "Domain");
        LABELS.put("department", "Department");
        LABELS.put("assignedRoles", "Directory roles");
        LABELS.put("isAccountEnabled", "Enabled");
        LABELS.put("riskLevel", "Risk level");
        LABELS.put("groupName", "Group name");
        LABELS.put("severity", "Severity");
        LABELS.put("cvssScore", "CVSS");
        LABELS.put("isExploitAvailable", "Exploit available");
        LABELS.put("remoteCodeExecution", "Remote code execution");
    }

    /** A node's properties as labelled, formatted rows (the raw names are in the hunting table). */
    public static List<Map.Entry<String, String>> properties(ExposureGraph.Node n) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        LABELS.forEach((key, label) -> {
            Object value = n.raw().get(key);
            if (value == null || value.toString().isBlank() || (value instanceof List<?> l && l.isEmpty())) {
                return;
            }
            String text = value instanceof Boolean b ? (b ? "Yes" : "No") : value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                    : key.equals("lastSeen") ? minute(value) : value.toString();
            out.add(Map.entry(label, text));
        });
        return out;
    }

    /** An ISO instant as "2026-12-02 17:21", for evidence columns. */
    public static String minute(Object iso) {
        String s = String.valueOf(iso);
        return s.length() >= 16 ? s.substring(0, 16).replace('T', ' ') : s;
    }

    static List<Group> group(List<AttackPaths.Path> paths, String by) {
        if (by.isEmpty()) {
            return List.of(new Group("", paths));
        }
        Function<AttackPaths.Path, String> key = switch (by) {
            case "name" -> AttackPaths.Path::name;
            case "entry" -> p -> p.entry().name();
            case "target" -> p -> p.target().name();
            default -> p -> p.target().criticalityLabel();
        };
        Map<String, List<AttackPaths.Path>> m = new LinkedHashMap<>();
        List<AttackPaths.Path> ordered = new ArrayList<>(paths);
        if (by.equals("criticality")) {
            ordered.sort(Comparator.comparing(p -> p.target().criticality()));
        }
        ordered.forEach(p -> m.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p));
        return m.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
    }
}
