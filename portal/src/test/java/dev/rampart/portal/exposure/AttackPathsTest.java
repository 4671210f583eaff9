package dev.rampart.portal.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttackPathsTest {
    private final List<ExposureGraph.Node> nodes = new ArrayList<>();
    private final List<ExposureGraph.Edge> edges = new ArrayList<>();

    private ExposureGraph.Node device(String name, boolean internet, Integer criticality) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("isInternetFacing", internet);
        raw.put("isDomainController", name.startsWith("dc"));
        ExposureGraph.Node n = new ExposureGraph.Node("d:" + name, ExposureGraph.DEVICE, name, "id-" + name, List.of("device"), criticality,
                criticality == null ? List.of() : List.of("Domain controller"), raw, List.of());
        nodes.add(n);
        return n;
    }

    private ExposureGraph.Node node(String label, String name, Integer criticality) {
        ExposureGraph.Node n = new ExposureGraph.Node(label + ":" + name, label, name, name, List.of(label), criticality, List.of(), new HashMap<>(), List.of());
        nodes.add(n);
        return n;
    }

    private void edge(ExposureGraph.Node from, String label, ExposureGraph.Node to) {
        edges.add(new ExposureGraph.Edge(from.id() + label + to.id(), label, from.id(), to.id(), Map.of("rawData", Map.of())));
    }

    private ExposureGraph graph() {
        return new ExposureGraph(Instant.parse("2026-12-01T00:00:00Z"), 1, nodes, edges);
    }

    @Test
    void compute_credentialsThenSignIn_reachesCriticalDevice() {
        var web = device("web", true, null);
        var user = node(ExposureGraph.USER, "alice", null);
        var dc = device("dc", false, 1);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, user);
        edge(user, ExposureGraph.CAN_AUTHENTICATE_TO, dc);

        List<AttackPaths.Path> paths = AttackPaths.compute(graph());

        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.nodes()).extracting(ExposureGraph.Node::name).containsExactly("web", "alice", "dc");
            assertThat(p.name()).isEqualTo("Internet-facing device allows lateral movement to a domain controller");
            assertThat(p.recommendations()).extracting(AttackPaths.Recommendation::text)
                    .contains("Stop interactive sign-ins of alice on web and sign out its sessions: its credentials stay cached there",
                            "Remove the remote sign-in right of alice on dc");
        });
    }

    @Test
    void compute_everyShortestPathIsKept_andTheSharedStepIsAChokePoint() {
        var web = device("web", true, null);
        var a = node(ExposureGraph.USER, "a", null);
        var b = node(ExposureGraph.USER, "b", null);
        var admins = node(ExposureGraph.GROUP, "Domain Admins", 0);
        var dc = device("dc", false, 0);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, a);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, b);
        edge(a, ExposureGraph.MEMBER_OF, admins);
        edge(b, ExposureGraph.MEMBER_OF, admins);
        edge(admins, ExposureGraph.HAS_PERMISSIONS_TO, dc);

        List<AttackPaths.Path> paths = AttackPaths.compute(graph());

        // The critical group is a step, not a target: two paths, both to the domain controller.
        assertThat(paths).hasSize(2).allSatisfy(p -> assertThat(p.target().name()).isEqualTo("dc"));
        assertThat(AttackPaths.chokePoints(paths)).singleElement().satisfies(c -> {
            assertThat(c.node().name()).isEqualTo("Domain Admins");
            assertThat(c.paths()).hasSize(2);
        });
    }

    @Test
    void compute_longerRouteToAReachedTarget_isNotListed() {
        var web = device("web", true, null);
        var a = node(ExposureGraph.USER, "a", null);
        var mid = device("mid", false, null);
        var b = node(ExposureGraph.USER, "b", null);
        var dc = device("dc", false, 0);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, a);
        edge(a, ExposureGraph.CAN_AUTHENTICATE_TO, dc);
        edge(a, ExposureGraph.CAN_AUTHENTICATE_TO, mid);
        edge(mid, ExposureGraph.HAS_CREDENTIALS_OF, b);
        edge(b, ExposureGraph.CAN_AUTHENTICATE_TO, dc);

        assertThat(AttackPaths.compute(graph())).singleElement().satisfies(p -> assertThat(p.edges()).hasSize(2));
    }

    @Test
    void compute_exactlyMaxSteps_isAPath() {
        var web = device("web", true, null);
        ExposureGraph.Node at = web;
        for (int i = 0; i < AttackPaths.MAX_STEPS / 2 - 1; i++) {
            var u = node(ExposureGraph.USER, "u" + i, null);
            var d = device("d" + i, false, null);
            edge(at, ExposureGraph.HAS_CREDENTIALS_OF, u);
            edge(u, ExposureGraph.CAN_AUTHENTICATE_TO, d);
            at = d;
        }
        var u = node(ExposureGraph.USER, "last", null);
        var target = device("srv", false, 1);
        edge(at, ExposureGraph.HAS_CREDENTIALS_OF, u);
        edge(u, ExposureGraph.CAN_AUTHENTICATE_TO, target);

        assertThat(AttackPaths.compute(graph())).singleElement().satisfies(p -> {
            assertThat(p.edges()).hasSize(AttackPaths.MAX_STEPS);
            assertThat(p.name()).isEqualTo("Internet-facing device allows lateral movement to a critical device");
        });
    }

    @Test
    void compute_manyEqualRoutes_keepsAtMostMaxPerTarget() {
        var web = device("web", true, null);
        var dc = device("dc", false, 0);
        for (int i = 0; i < AttackPaths.MAX_PER_TARGET + 5; i++) {
            var u = node(ExposureGraph.USER, "u" + i, null);
            edge(web, ExposureGraph.HAS_CREDENTIALS_OF, u);
            edge(u, ExposureGraph.CAN_AUTHENTICATE_TO, dc);
        }

        assertThat(AttackPaths.compute(graph())).hasSize(AttackPaths.MAX_PER_TARGET);
    }

    @Test
    void compute_disabledAccount_isNeitherStepNorTarget() {
        var web = device("web", true, null);
        var gone = node(ExposureGraph.USER, "gone", 0);
        gone.raw().put("isAccountEnabled", false);
        var dc = device("dc", false, 0);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, gone);
        edge(gone, ExposureGraph.CAN_AUTHENTICATE_TO, dc);

        assertThat(AttackPaths.compute(graph())).isEmpty();
    }

    @Test
    void compute_beyondMaxSteps_isNotAPath() {
        var web = device("web", true, null);
        ExposureGraph.Node at = web;
        for (int i = 0; i < AttackPaths.MAX_STEPS / 2; i++) {
            var u = node(ExposureGraph.USER, "u" + i, null);
            var d = device("d" + i, false, null);
            edge(at, ExposureGraph.HAS_CREDENTIALS_OF, u);
            edge(u, ExposureGraph.CAN_AUTHENTICATE_TO, d);
            at = d;
        }
        var last = node(ExposureGraph.USER, "root", 0);
        edge(at, ExposureGraph.HAS_CREDENTIALS_OF, last);

        assertThat(AttackPaths.compute(graph())).isEmpty();
    }

    @Test
    void compute_vulnerabilityEdgesAndNonInternetDevices_startNothing() {
        var inside = device("inside", false, null);
        var cve = node(ExposureGraph.CVE, "CVE-2024-0001", null);
        var root = node(ExposureGraph.USER, "root", 0);
        edge(inside, ExposureGraph.HAS_CREDENTIALS_OF, root);
        edge(cve, ExposureGraph.AFFECTING, inside);

        assertThat(AttackPaths.compute(graph())).isEmpty();
    }

    @Test
    void visible_hiddenDeviceInTheMiddle_dropsThePath() {
        var web = device("web", true, null);
        var a = node(ExposureGraph.USER, "a", null);
        var hop = device("hop", false, null);
        var b = node(ExposureGraph.USER, "b", null);
        var dc = device("dc", false, 0);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, a);
        edge(a, ExposureGraph.CAN_AUTHENTICATE_TO, hop);
        edge(hop, ExposureGraph.HAS_CREDENTIALS_OF, b);
        edge(b, ExposureGraph.CAN_AUTHENTICATE_TO, dc);

        List<AttackPaths.Path> all = AttackPaths.compute(graph());

        assertThat(all).singleElement().satisfies(p -> assertThat(p.name()).endsWith("to a domain controller"));
        assertThat(AttackPaths.visible(all, n -> !n.name().equals("hop"))).isEmpty();
        assertThat(AttackPaths.chokePoints(AttackPaths.visible(all, n -> !n.name().equals("hop")))).isEmpty();
    }

    @Test
    void visible_pathThroughHiddenDevice_isDropped() {
        var web = device("web", true, null);
        var user = node(ExposureGraph.USER, "alice", 0);
        var other = device("other", true, null);
        edge(web, ExposureGraph.HAS_CREDENTIALS_OF, user);
        edge(other, ExposureGraph.HAS_CREDENTIALS_OF, user);

        List<AttackPaths.Path> all = AttackPaths.compute(graph());

        assertThat(all).hasSize(2);
        assertThat(AttackPaths.visible(all, n -> !n.name().equals("other"))).singleElement()
                .satisfies(p -> assertThat(p.entry().name()).isEqualTo("web"));
    }
}
