package dev.rampart.portal.exposure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One build of the enterprise exposure graph: devices, users, groups and vulnerabilities as nodes, what connects them
 * (cached credentials, sign-in rights, group membership, administration, vulnerabilities) as edges. Immutable; the
 * hunting tables ExposureGraphNodes and ExposureGraphEdges hold the same content.
 */
public final class ExposureGraph {
    public static final String DEVICE = "device";
    public static final String USER = "user";
    public static final String GROUP = "group";
    public static final String CVE = "Cve";

    public static final String HAS_CREDENTIALS_OF = "has credentials of";
    public static final String CAN_AUTHENTICATE_TO = "can authenticate to";
    public static final String MEMBER_OF = "member of";
    public static final String HAS_PERMISSIONS_TO = "has permissions to";
    public static final String AFFECTING = "affecting";

    /**
     * A node. {@code criticality} follows the exposure graph's scale (0 very high, 1 high, 2 medium, 3 low; null when
     * unclassified); {@code key} is the id the portal knows it by (DeviceId, account UPN or SID, group or CVE name).
     */
    public record Node(String id, String label, String name, String key, List<String> categories, Integer criticality,
                       List<String> criticalityRules, Map<String, Object> raw, List<Map<String, String>> entityIds) {
        public boolean critical() {
            return criticality != null && criticality <= 1;
        }

        public String criticalityLabel() {
            return ExposureGraph.criticalityLabel(criticality);
        }

        public boolean internetFacing() {
            return Boolean.TRUE.equals(raw.get("isInternetFacing"));
        }

        /** False for a directory account known to be disabled: it signs in nowhere. */
        public boolean enabled() {
            return !Boolean.FALSE.equals(raw.get("isAccountEnabled"));
        }

        public boolean domainController() {
            return Boolean.TRUE.equals(raw.get("isDomainController"));
        }

        /** The account's UPN or DOMAIN\\name, to tell apart users who share a display name; null for other nodes. */
        public String accountLabel() {
            if (!label.equals(USER)) {
                return null;
            }
            if (raw.get("accountUpn") instanceof String upn && !upn.isBlank()) {
                return upn;
            }
            Object domain = raw.get("accountDomain");
            Object account = raw.get("accountName");
            return account == null ? null : (domain == null || domain.toString().isBlank() ? "" : domain + "\\") + account;
        }

        // Nodes are identified by id; comparing their property maps would be slow and say nothing more.
        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && n.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        public String kindLabel() {
            return switch (label) {
                case DEVICE -> "Device";
                case USER -> "User";
                case GROUP -> "Group";
                case CVE -> "Vulnerability";
                default -> label;
            };
        }
    }

    /** An edge from {@code source} to {@code target} (node ids). */
    public record Edge(String id, String label, String source, String target, Map<String, Object> raw) {
    }

    private final Instant builtAt;
    private final long buildMillis;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, Node> byId = new HashMap<>();
    private final Map<String, Node> byKey = new HashMap<>();
    private final Map<String, List<Edge>> out = new HashMap<>();
    private final Map<String, List<Edge>> in = new HashMap<>();

    ExposureGraph(Instant builtAt, long buildMillis, List<Node> nodes, List<Edge> edges) {
        this.builtAt = builtAt;
        this.buildMillis = buildMillis;
        this.nodes = nodes.stream().map(n -> new Node(n.id(), n.label(), n.name(), n.key(), List.copyOf(n.categories()), n.criticality(),
                List.copyOf(n.criticalityRules()), Collections.unmodifiableMap(new java.util.LinkedHashMap<>(n.raw())), List.copyOf(n.entityIds()))).toList();
        this.edges = List.copyOf(edges);
        for (Node n : this.nodes) {
            byId.put(n.id(), n);
            byKey.putIfAbsent(n.label() + "|" + n.key(), n);
            for (Map<String, String> e : n.entityIds()) {
                if (e.get("id") != null) {
                    byKey.putIfAbsent(n.label() + "|" + e.get("id").toLowerCase(java.util.Locale.ROOT), n);
                }
            }
        }
        for (Edge e : edges) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
            in.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
        }
    }

    static ExposureGraph empty() {
        return new ExposureGraph(null, 0, List.of(), List.of());
    }

    public static String criticalityLabel(Integer level) {
        if (level == null) {
            return "None";
        }
        return switch (level) {
            case 0 -> "Very high";
            case 1 -> "High";
            case 2 -> "Medium";
            default -> "Low";
        };
    }

    /** When this graph was built; null before the first build. */
    public Instant builtAt() {
        return builtAt;
    }

    public long buildMillis() {
        return buildMillis;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The node of {@code label} the portal knows as {@code key}: a DeviceId, a user's lower-case UPN, SID or object id. */
    public Optional<Node> nodeByKey(String label, String key) {
        return Optional.ofNullable(byKey.get(label + "|" + key));
    }

    public List<Edge> outgoing(String nodeId) {
        return out.getOrDefault(nodeId, Collections.emptyList());
    }

    public List<Edge> incoming(String nodeId) {
        return in.getOrDefault(nodeId, Collections.emptyList());
    }
}
