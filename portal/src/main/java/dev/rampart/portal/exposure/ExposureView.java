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

    /** The visible paths, their choke points and the graph they come from. */
    public record Visible(ExposureGraph graph, List<AttackPaths.Path> paths, List<AttackPaths.ChokePoint> chokePoints,
                          Predicate<ExposureGraph.Node> shows) {
        public long entryPoints() {
            return paths.stream().map(p -> p.entry().id()).distinct().count();
        }

        public long targets() {
            return paths.stream().map(p -> p.target().id()).distinct().count();
        }

        public long criticalAssets() {
            return graph.nodes().stream().filter(n -> n.critical() && shows.test(n)).count();
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

    public Visible visible() {
        ExposureGraphService.Snapshot s = graph.current();
        DeviceFilter devices = scopes.eventFilters(Permission.EXPOSURE_MANAGEMENT_READ).devices();
        Predicate<ExposureGraph.Node> shows = n -> !n.label().equals(ExposureGraph.DEVICE) || devices.coversId(n.key());
        List<AttackPaths.Path> paths = devices.restricted() ? AttackPaths.visible(s.paths(), shows) : s.paths();
        return new Visible(s.graph(), paths, AttackPaths.chokePoints(paths), shows);
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
