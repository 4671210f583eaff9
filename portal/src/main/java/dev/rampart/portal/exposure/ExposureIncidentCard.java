package dev.rampart.portal.exposure;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.IncidentService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The incident page's Exposure card: which of the incident's devices and users lie on attack paths, so an incident on
 * an entry point to the domain controllers stands out. Loaded by the incident's summary; empty for a reader without
 * Exposure management (read).
 */
@Controller
public class ExposureIncidentCard {
    /** One asset of the incident found in the graph, with the paths it starts, lies on and ends. */
    public record Asset(ExposureGraph.Node node, long entryOf, long onPathOf, long targetOf, long targetsReached) {
    }

    private final IncidentService incidents;
    private final ExposureView view;
    private final AccessPolicy access;

    ExposureIncidentCard(IncidentService incidents, ExposureView view, AccessPolicy access) {
        this.incidents = incidents;
        this.view = view;
        this.access = access;
    }

    @GetMapping("/exposure/incidents/{id}/card")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String card(@PathVariable long id, Model model) {
        incidents.get(id);
        List<Asset> assets = access.can(Permission.EXPOSURE_MANAGEMENT_READ) ? assets(incidents.alertsOf(id)) : null;
        model.addAttribute("assets", assets);
        model.addAttribute("built", assets != null && view.visible().graph().builtAt() != null);
        model.addAttribute("subject", "incident");
        return "exposure/incident-card";
    }

    /** The same card for one device (by DeviceId) or one user (by UPN, SID or object id), on their entity pages. */
    @GetMapping("/exposure/assets/card")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String assetCard(@org.springframework.web.bind.annotation.RequestParam(required = false) String device,
                     @org.springframework.web.bind.annotation.RequestParam(required = false) String user, Model model) {
        List<Asset> assets = null;
        boolean built = false;
        if (access.can(Permission.EXPOSURE_MANAGEMENT_READ)) {
            ExposureView.Visible v = view.visible();
            built = v.graph().builtAt() != null;
            var node = user != null && !user.isBlank() ? view.findUser(v, user) : view.find(v, null, device);
            assets = node.map(n -> List.of(asset(v, n))).orElse(List.of());
        }
        model.addAttribute("assets", assets);
        model.addAttribute("built", built);
        model.addAttribute("subject", user != null && !user.isBlank() ? "user" : "device");
        return "exposure/incident-card";
    }

    private static Asset asset(ExposureView.Visible v, ExposureGraph.Node n) {
        List<AttackPaths.Path> from = v.paths().stream().filter(p -> p.entry().id().equals(n.id())).toList();
        long through = v.paths().stream().filter(p -> p.middle().contains(n)).count();
        long to = v.paths().stream().filter(p -> p.target().id().equals(n.id())).count();
        return new Asset(n, from.size(), through, to, from.stream().map(p -> p.target().id()).distinct().count());
    }

    private List<Asset> assets(List<Alert> alerts) {
        ExposureView.Visible v = view.visible();
        Map<String, ExposureGraph.Node> found = new LinkedHashMap<>();
        Map<String, List<ExposureGraph.Node>> byHost = new LinkedHashMap<>();
        Map<String, List<ExposureGraph.Node>> byAccount = new LinkedHashMap<>();
        for (ExposureGraph.Node n : v.graph().nodes()) {
            if (!v.shows().test(n)) {
                continue;
            }
            if (n.label().equals(ExposureGraph.DEVICE)) {
                byHost.computeIfAbsent(n.name().toLowerCase(Locale.ROOT).split("\\.", 2)[0], k -> new ArrayList<>()).add(n);
            } else if (n.label().equals(ExposureGraph.USER)) {
                byAccount.computeIfAbsent(n.key(), k -> new ArrayList<>()).add(n);
                if (n.raw().get("accountName") instanceof String name && !name.isBlank()) {
                    byAccount.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(n);
                }
            }
        }
        for (Alert a : alerts) {
            for (Evidence e : a.evidence()) {
                List<ExposureGraph.Node> hits = e.type() == EntityType.DEVICE ? byHost.get(e.key()) : e.type() == EntityType.USER ? byAccount.get(e.key()) : null;
                if (hits != null) {
                    hits.forEach(n -> found.putIfAbsent(n.id(), n));
                }
            }
        }
        List<Asset> out = new ArrayList<>();
        for (ExposureGraph.Node n : found.values()) {
            out.add(asset(v, n));
        }
        out.sort(java.util.Comparator.comparingLong((Asset x) -> -(x.entryOf() + x.onPathOf() + x.targetOf())).thenComparing(x -> x.node().name()));
        return out;
    }
}
