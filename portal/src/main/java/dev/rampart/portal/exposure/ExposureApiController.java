package dev.rampart.portal.exposure;

import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Perms;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/exposure}: attack paths and choke points of the current exposure graph, as the caller may see them
 * (the same rule as the pages). The graph itself is queried through hunting (ExposureGraphNodes, ExposureGraphEdges).
 */
@RestController
@RequestMapping("/api/v1/exposure")
class ExposureApiController {
    private final ExposureView view;

    ExposureApiController(ExposureView view) {
        this.view = view;
    }

    @GetMapping("/attack-paths")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    Map<String, Object> paths(@RequestParam(name = "$top", defaultValue = "100") int top, @RequestParam(name = "$skip", defaultValue = "0") int skip) {
        if (top < 1 || top > 1000) {
            throw dev.rampart.portal.access.InvalidInputException.of("$top", "must be between 1 and 1000, was " + top);
        }
        if (skip < 0) {
            throw dev.rampart.portal.access.InvalidInputException.of("$skip", "must be 0 or more, was " + skip);
        }
        ExposureView.Visible v = view.visible();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("graphBuiltAt", v.graph().builtAt() == null ? null : v.graph().builtAt().toString());
        out.put("count", v.paths().size());
        out.put("truncated", v.truncated());
        out.put("value", v.paths().stream().skip(skip).limit(top).map(p -> path(v, p)).toList());
        if (skip + top < v.paths().size()) {
            out.put("nextLink", "/api/v1/exposure/attack-paths?$top=" + top + "&$skip=" + (skip + top));
        }
        return out;
    }

    @GetMapping("/attack-paths/{id}")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    Map<String, Object> path(@PathVariable String id) {
        ExposureView.Visible v = view.visible();
        return v.paths().stream().filter(p -> p.id().equals(id)).findFirst().map(p -> path(v, p))
                .orElseThrow(() -> new NotFoundException("attack path", id));
    }

    @GetMapping("/choke-points")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    Map<String, Object> chokePoints() {
        return Map.of("value", view.visible().chokePoints().stream().map(c -> {
            Map<String, Object> m = node(c.node());
            m.put("attackPaths", c.paths().stream().map(AttackPaths.Path::id).toList());
            m.put("targets", c.targets().stream().map(ExposureApiController::node).toList());
            m.put("entryPoints", c.entries().stream().map(ExposureApiController::node).toList());
            return m;
        }).toList());
    }

    private static Map<String, Object> path(ExposureView.Visible v, AttackPaths.Path p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("entryPoint", node(p.entry()));
        m.put("entryPointType", p.entryType());
        m.put("target", node(p.target()));
        m.put("nodes", p.nodes().stream().map(ExposureApiController::node).toList());
        m.put("edges", p.edges().stream().map(e -> Map.of("label", e.label(), "sourceNodeId", e.source(), "targetNodeId", e.target())).toList());
        m.put("recommendations", v.recommendations(p).stream().map(r -> Map.of("text", r.text(), "asset", r.asset())).toList());
        return m;
    }

    private static Map<String, Object> node(ExposureGraph.Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", n.id());
        m.put("nodeLabel", n.label());
        m.put("nodeName", n.name());
        m.put("criticality", n.criticality() == null ? null : n.criticalityLabel());
        m.put("entityIds", n.entityIds());
        return m;
    }
}
