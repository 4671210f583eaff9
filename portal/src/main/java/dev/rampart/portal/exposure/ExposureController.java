package dev.rampart.portal.exposure;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Exposure management › Attack paths: the path list and dashboard, one path, a choke point's blast radius, the map. */
@Controller
class ExposureController implements NavigationContributor {
    private final ExposureView view;
    private final ExposureGraphService graph;
    private final AuditLog audit;
    private final java.time.Duration interval;

    ExposureController(ExposureView view, ExposureGraphService graph, AuditLog audit,
                       @org.springframework.beans.factory.annotation.Value("${rampart.exposure.graph-interval:PT15M}") java.time.Duration interval) {
        this.view = view;
        this.graph = graph;
        this.audit = audit;
        this.interval = interval;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.EXPOSURE, 3, "Attack paths", "/exposure/attack-paths", "target", Permission.EXPOSURE_MANAGEMENT_READ));
    }

    @GetMapping("/exposure/attack-paths")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    String paths(@RequestParam(name = "view", defaultValue = "paths") String tab, @RequestParam(defaultValue = "") String q,
                 @RequestParam(defaultValue = "") String group, @RequestParam(defaultValue = "") String node, Model model) {
        ExposureView.Visible v = view.visible();
        String text = q.strip().toLowerCase(Locale.ROOT);
        ExposureGraph.Node through = node.isBlank() ? null : view.find(v, node, null).orElse(null);
        List<AttackPaths.Path> shown = v.paths().stream().filter(p -> text.isEmpty() || p.name().toLowerCase(Locale.ROOT).contains(text)
                || p.nodes().stream().anyMatch(n -> n.name().toLowerCase(Locale.ROOT).contains(text)))
                .filter(p -> node.isBlank() || (through != null && p.nodes().contains(through))).toList();
        String g = ExposureView.GROUPINGS.containsKey(group) ? group : "";
        model.addAttribute("v", v);
        model.addAttribute("tab", tab.equals("choke-points") ? "choke-points" : "paths");
        model.addAttribute("through", through);
        model.addAttribute("node", node.strip());
        model.addAttribute("interval", interval.toMinutes() + " minutes");
        model.addAttribute("building", graph.building());
        model.addAttribute("q", q.strip());
        model.addAttribute("group", g);
        model.addAttribute("groups", ExposureView.group(shown.size() > ExposureView.PAGE_ROWS ? shown.subList(0, ExposureView.PAGE_ROWS) : shown, g));
        model.addAttribute("shown", shown.size());
        model.addAttribute("canRebuild", this.view.canRebuild());
        return "exposure/attack-paths";
    }

    @GetMapping("/exposure/attack-paths/{id}")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    String path(@PathVariable String id, @RequestParam(defaultValue = "graph") String tab, Model model) {
        ExposureView.Visible v = view.visible();
        AttackPaths.Path p = v.paths().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No attack path " + id + " in the current exposure graph"));
        model.addAttribute("p", p);
        model.addAttribute("recommendations", v.recommendations(p));
        model.addAttribute("tab", tab.equals("recommendations") ? "recommendations" : "graph");
        model.addAttribute("chokes", v.chokePoints().stream().map(c -> c.node().id()).filter(n -> p.middle().stream().anyMatch(m -> m.id().equals(n))).toList());
        model.addAttribute("builtAt", v.graph().builtAt());
        return "exposure/path";
    }

    @GetMapping("/exposure/choke-points/{nodeId}")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    String chokePoint(@PathVariable String nodeId, Model model) {
        ExposureView.Visible v = view.visible();
        AttackPaths.ChokePoint c = v.chokePoints().stream().filter(x -> x.node().id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No choke point " + nodeId + " in the current exposure graph"));
        model.addAttribute("c", c);
        model.addAttribute("builtAt", v.graph().builtAt());
        return "exposure/choke-point";
    }

    @GetMapping("/exposure/map")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    String map(@RequestParam(required = false) String node, @RequestParam(required = false) String device,
               @RequestParam(required = false) String user, Model model) {
        ExposureView.Visible v = view.visible();
        ExposureGraph.Node n = (user != null && !user.isBlank() ? view.findUser(v, user) : view.find(v, node, device)).orElse(null);
        model.addAttribute("v", v);
        model.addAttribute("n", n);
        model.addAttribute("neighbours", n == null ? null : view.neighbours(v, n));
        model.addAttribute("pathsThrough", n == null ? List.of() : view.pathsThrough(v, n));
        return "exposure/map";
    }

    @GetMapping(value = "/exposure/map/{nodeId}/graph.json", produces = "application/json")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    @ResponseBody
    ExposureView.MapGraph mapGraph(@PathVariable String nodeId) {
        ExposureView.Visible v = view.visible();
        ExposureGraph.Node n = view.find(v, nodeId, null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No node " + nodeId + " in the current exposure graph"));
        return view.mapGraph(v, n);
    }

    @PostMapping("/exposure/graph/rebuild")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_MANAGE)
    String rebuild(RedirectAttributes flash) {
        boolean started = graph.rebuildInBackground();
        if (started) {
            audit.record("exposure.graph.rebuild", "exposure-graph", "", "requested");
        }
        flash.addFlashAttribute("flash", started ? "Rebuilding the exposure graph: the page shows the new graph once it is built (see \"Graph built\")."
                : "The exposure graph is being built already.");
        return "redirect:/exposure/attack-paths";
    }
}
