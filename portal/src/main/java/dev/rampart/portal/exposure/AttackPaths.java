package dev.rampart.portal.exposure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Attack paths over an {@link ExposureGraph}: from each entry point (an internet-facing device) the shortest chain of
 * edges an attacker can follow — take the credentials cached on a device, use them where the account can sign in, act
 * as the groups it belongs to — to each critical asset (a device or user of very high or high criticality) within
 * {@link #MAX_STEPS} steps (every shortest path, up to {@link #MAX_PER_TARGET} per entry point and target). Choke points are the nodes several paths pass through on their way.
 */
public final class AttackPaths {
    /** Longest path considered, in edges. */
    public static final int MAX_STEPS = 6;
    /** Most paths enumerated; beyond it the build stops looking, so that one enormous estate cannot exhaust memory. */
    public static final int MAX_PATHS = 20_000;
    /** Most shortest paths kept from one entry point to one target. */
    public static final int MAX_PER_TARGET = 25;
    private static final Set<String> WALKABLE = Set.of(ExposureGraph.HAS_CREDENTIALS_OF, ExposureGraph.CAN_AUTHENTICATE_TO,
            ExposureGraph.MEMBER_OF, ExposureGraph.HAS_PERMISSIONS_TO);

    /** A recommendation that breaks a path: what to do, on which asset, and where to do it in the portal. */
    public record Recommendation(String text, String asset, String link) {
    }

    /** One path: nodes from entry point to target, the edges between them (one fewer). */
    public record Path(String id, String name, List<ExposureGraph.Node> nodes, List<ExposureGraph.Edge> edges, List<Recommendation> recommendations) {
        public ExposureGraph.Node entry() {
            return nodes.get(0);
        }

        public ExposureGraph.Node target() {
            return nodes.get(nodes.size() - 1);
        }

        /** The nodes between entry point and target. */
        public List<ExposureGraph.Node> middle() {
            return nodes.subList(1, nodes.size() - 1);
        }

        public String entryType() {
            return "Internet-facing " + entry().kindLabel().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A node several paths go through, with those paths (its blast radius) and the targets they reach. */
    public record ChokePoint(ExposureGraph.Node node, List<Path> paths, Set<ExposureGraph.Node> targets, Set<ExposureGraph.Node> entries) {
    }

    private AttackPaths() {
    }

    /** Every path of {@code graph}, the shortest first (then by name and target). */
    public static List<Path> compute(ExposureGraph graph) {
        List<Path> out = new ArrayList<>();
        List<ExposureGraph.Node> entries = graph.nodes().stream().filter(n -> n.label().equals(ExposureGraph.DEVICE) && n.internetFacing())
                .sorted(Comparator.comparing(ExposureGraph.Node::name)).toList();
        for (ExposureGraph.Node entry : entries) {
            if (out.size() >= MAX_PATHS) {
                break;
            }
            List<Recommendation> entryAdvice = entryRecommendations(graph, entry);
            // Breadth-first, keeping every edge that reaches a node at its shortest depth: all shortest paths, not one.
            Map<String, List<ExposureGraph.Edge>> via = new HashMap<>();
            Map<String, Integer> depth = new HashMap<>();
            depth.put(entry.id(), 0);
            ArrayDeque<String> queue = new ArrayDeque<>();
            queue.add(entry.id());
            List<String> reached = new ArrayList<>();
            while (!queue.isEmpty()) {
                String at = queue.poll();
                int d = depth.get(at);
                if (d == MAX_STEPS) {
                    continue;
                }
                for (ExposureGraph.Edge e : graph.outgoing(at)) {
                    if (!WALKABLE.contains(e.label()) || !graph.node(e.target()).map(ExposureGraph.Node::enabled).orElse(false)) {
                        continue;
                    }
                    Integer known = depth.get(e.target());
                    if (known == null) {
                        depth.put(e.target(), d + 1);
                        queue.add(e.target());
                        if (graph.node(e.target()).map(AttackPaths::target).orElse(false)) {
                            reached.add(e.target());
                        }
                    } else if (known != d + 1) {
                        continue;
                    }
                    via.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
                }
            }
            for (String target : reached) {
                List<List<ExposureGraph.Edge>> chains = new ArrayList<>();
                unwind(entry.id(), target, via, new ArrayDeque<>(), chains);
                for (List<ExposureGraph.Edge> edges : chains) {
                    List<ExposureGraph.Node> nodes = new ArrayList<>();
                    nodes.add(entry);
                    edges.forEach(e -> nodes.add(graph.node(e.target()).orElseThrow()));
                    List<Recommendation> advice = new ArrayList<>(entryAdvice);
                    advice.addAll(recommendations(graph, edges));
                    out.add(new Path(pathId(nodes), name(nodes, edges), List.copyOf(nodes), List.copyOf(edges), List.copyOf(advice)));
                }
            }
        }
        out.sort(Comparator.comparingInt((Path p) -> p.edges().size()).thenComparing(Path::name).thenComparing(p -> p.target().name())
                .thenComparing(p -> p.entry().name()));
        return List.copyOf(out.size() > MAX_PATHS ? out.subList(0, MAX_PATHS) : out);
    }

    /** Critical devices and users are what paths lead to; groups are steps on the way. */
    public static boolean target(ExposureGraph.Node n) {
        return n.critical() && n.enabled() && (n.label().equals(ExposureGraph.DEVICE) || n.label().equals(ExposureGraph.USER));
    }

    /** Walks the shortest-path edges back from {@code at} to {@code entry}, at most {@link #MAX_PER_TARGET} chains. */
    private static void unwind(String entry, String at, Map<String, List<ExposureGraph.Edge>> via, ArrayDeque<ExposureGraph.Edge> suffix,
                               List<List<ExposureGraph.Edge>> out) {
        if (out.size() >= MAX_PER_TARGET) {
            return;
        }
        if (at.equals(entry)) {
            out.add(new ArrayList<>(suffix));
            return;
        }
        for (ExposureGraph.Edge e : via.getOrDefault(at, List.of())) {
            suffix.addFirst(e);
            unwind(entry, e.source(), via, suffix, out);
            suffix.removeFirst();
        }
    }

    /** Nodes (neither entry nor target of a path) that two or more of {@code paths} go through, the most paths first. */
    public static List<ChokePoint> chokePoints(List<Path> paths) {
        Map<String, List<Path>> through = new LinkedHashMap<>();
        Map<String, ExposureGraph.Node> nodes = new HashMap<>();
        for (Path p : paths) {
            for (ExposureGraph.Node n : p.middle()) {
                through.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(p);
                nodes.put(n.id(), n);
            }
        }
        List<ChokePoint> out = new ArrayList<>();
        through.forEach((id, list) -> {
            if (list.size() >= 2) {
                Set<ExposureGraph.Node> targets = new LinkedHashSet<>();
                Set<ExposureGraph.Node> entries = new LinkedHashSet<>();
                list.forEach(p -> {
                    targets.add(p.target());
                    entries.add(p.entry());
                });
                out.add(new ChokePoint(nodes.get(id), List.copyOf(list), targets, entries));
            }
        });
        out.sort(Comparator.comparingInt((ChokePoint c) -> -c.paths().size()).thenComparingInt(c -> -c.targets().size())
                .thenComparing(c -> c.node().name()));
        return out;
    }

    /** The paths whose every node passes {@code visible}. */
    public static List<Path> visible(List<Path> paths, Predicate<ExposureGraph.Node> visible) {
        return paths.stream().filter(p -> p.nodes().stream().allMatch(visible)).toList();
    }

    static String name(List<ExposureGraph.Node> nodes, List<ExposureGraph.Edge> edges) {
        ExposureGraph.Node entry = nodes.get(0);
        ExposureGraph.Node target = nodes.get(nodes.size() - 1);
        boolean vulnerable = Boolean.TRUE.equals(insights(entry).get("hasHighOrCritical"));
        String from = "Internet-facing device" + (vulnerable ? " with high-severity vulnerabilities" : "");
        if (target.label().equals(ExposureGraph.USER)) {
            return edges.size() == 1 ? from + " holds credentials of a critical user" : from + " exposes credentials of a critical user";
        }
        return from + " allows lateral movement to " + (target.domainController() ? "a domain controller" : "a critical device");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> insights(ExposureGraph.Node n) {
        Object o = n.raw().get("highRiskVulnerabilityInsights");
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** What to do about the entry point itself: its worst CVEs, its exposure. */
    static List<Recommendation> entryRecommendations(ExposureGraph graph, ExposureGraph.Node entry) {
        List<Recommendation> out = new ArrayList<>();
        graph.incoming(entry.id()).stream().filter(e -> e.label().equals(ExposureGraph.AFFECTING))
                .map(e -> graph.node(e.source()).orElseThrow())
                .filter(c -> severityRank(c) >= 3)
                .sorted(Comparator.comparingDouble((ExposureGraph.Node c) -> -cvss(c)).thenComparing(ExposureGraph.Node::name)).limit(3)
                .forEach(c -> out.add(new Recommendation("Remediate " + c.name() + " (" + c.raw().get("severity")
                        + (c.raw().get("cvssScore") instanceof Number n ? ", CVSS " + n : "") + ")", entry.name(), "/vulnerabilities/" + enc(c.name()))));
        out.add(new Recommendation("Limit what reaches this device from the internet to the services it must offer", entry.name(), "/devices/" + enc(entry.key())));
        return out;
    }

    /** What to do about each step: stop the sign-ins that leave credentials, remove rights, review memberships. */
    static List<Recommendation> recommendations(ExposureGraph graph, List<ExposureGraph.Edge> edges) {
        List<Recommendation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ExposureGraph.Edge e : edges) {
            ExposureGraph.Node s = graph.node(e.source()).orElseThrow();
            ExposureGraph.Node t = graph.node(e.target()).orElseThrow();
            String text = switch (e.label()) {
                case ExposureGraph.HAS_CREDENTIALS_OF -> t.critical()
                        ? "Stop signing in to " + s.name() + " with " + t.name() + ": use a privileged access workstation for this account"
                        : "Stop interactive sign-ins of " + t.name() + " on " + s.name() + " and sign out its sessions: its credentials stay cached there";
                case ExposureGraph.CAN_AUTHENTICATE_TO -> Boolean.TRUE.equals(isLocalAdmin(e))
                        ? "Remove the local administrator rights of " + s.name() + " on " + t.name()
                        : "Remove the remote sign-in right of " + s.name() + " on " + t.name();
                case ExposureGraph.MEMBER_OF -> t.critical() ? "Review why " + s.name() + " is a member of " + t.name() : null;
                default -> null;
            };
            if (text != null && seen.add(text)) {
                ExposureGraph.Node asset = e.label().equals(ExposureGraph.CAN_AUTHENTICATE_TO) ? t : s;
                out.add(new Recommendation(text, asset.name(), link(asset)));
            }
        }
        return out;
    }

    /** The portal page of a node: device and user pages, or the exposure map for groups. */
    public static String link(ExposureGraph.Node n) {
        return switch (n.label()) {
            case ExposureGraph.DEVICE -> "/devices/" + enc(n.key());
            case ExposureGraph.USER -> n.raw().get("accountUpn") instanceof String upn && !upn.isBlank() ? "/users/" + enc(upn)
                    : "/exposure/map?node=" + n.id();
            case ExposureGraph.CVE -> "/vulnerabilities/" + enc(n.name());
            default -> "/exposure/map?node=" + n.id();
        };
    }

    @SuppressWarnings("unchecked")
    private static Object isLocalAdmin(ExposureGraph.Edge e) {
        Object raw = e.raw().get("rawData");
        if (raw instanceof Map<?, ?> m && m.get("userRightsOnDevice") instanceof Map<?, ?> rights) {
            return rights.get("isLocalAdmin");
        }
        return null;
    }

    private static int severityRank(ExposureGraph.Node cve) {
        return switch (String.valueOf(cve.raw().get("severity")).toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> 4;
            case "high" -> 3;
            default -> 0;
        };
    }

    private static double cvss(ExposureGraph.Node cve) {
        return cve.raw().get("cvssScore") instanceof Number n ? n.doubleValue() : 0;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pathId(List<ExposureGraph.Node> nodes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            nodes.forEach(n -> md.update((n.id() + ">").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
