package dev.rampart.portal.detection;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.sigma.SigmaParser;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Settings › Detections › Sigma rules: imported rules with status, reason when unsupported, generated KQL; upload. */
@Controller
class SigmaPageController implements NavigationContributor {
    private final SigmaDetections sigma;
    private final AccessPolicy access;

    SigmaPageController(SigmaDetections sigma, AccessPolicy access) {
        this.sigma = sigma;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 30, "Sigma rules", "/settings/detections/sigma", "sigma", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/settings/detections/sigma")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String list(@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String q,
                @RequestParam(required = false) String notice, Model model) {
        List<SigmaDetections.Row> all = sigma.list();
        String needle = q.strip().toLowerCase(Locale.ROOT);
        List<SigmaDetections.Row> shown = all.stream().filter(r -> status.isEmpty() || r.status().equals(status))
                .filter(r -> needle.isEmpty() || r.sigma().title().toLowerCase(Locale.ROOT).contains(needle)
                        || (r.sigma().id() != null && r.sigma().id().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
        model.addAttribute("page", new SigmaPage(shown, all.size(), all.stream().filter(r -> r.status().equals("on")).count(),
                all.stream().filter(r -> r.status().equals("off")).count(), all.stream().filter(r -> r.status().equals("unsupported")).count(),
                status, q, notice, access.can(Permission.DETECTION_TUNING_MANAGE)));
        return "detection/sigma";
    }

    @PostMapping("/settings/detections/sigma/upload")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String upload(@RequestParam("files") List<MultipartFile> files, @RequestParam(defaultValue = "false") boolean enableHighAndCritical)
            throws IOException {
        int ok = 0;
        int unsupported = 0;
        List<String> invalid = new java.util.ArrayList<>();
        for (MultipartFile f : files) {
            if (f.isEmpty()) {
                continue;
            }
            try {
                SigmaDetections.Row r = sigma.importYaml(new String(f.getBytes(), StandardCharsets.UTF_8), f.getOriginalFilename(), enableHighAndCritical);
                if (r.rule() == null) {
                    unsupported++;
                } else {
                    ok++;
                }
            } catch (SigmaParser.InvalidRuleException e) {
                invalid.add(f.getOriginalFilename() + ": " + e.getMessage());
            }
        }
        String msg = ok + " rule(s) imported as detections, " + unsupported + " unsupported"
                + (invalid.isEmpty() ? "." : "; not Sigma rules: " + String.join("; ", invalid));
        return "redirect:/settings/detections/sigma?notice=" + URLEncoder.encode(msg, StandardCharsets.UTF_8);
    }
}
