package dev.rampart.portal.intel;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Settings › Threat intelligence: upload STIX bundles and the history of imports. */
@Controller
class IntelImportController implements NavigationContributor {
    static final String PAGE = "/settings/threat-intelligence";

    private final IntelImporter importer;

    IntelImportController(IntelImporter importer) {
        this.importer = importer;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 45, "Threat intelligence", PAGE, "intel", Permission.CORE_SECURITY_SETTINGS_READ));
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    String page(Model model) {
        return render(null, null, model);
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "false") boolean createIndicators,
                  HttpServletResponse response, Model model) throws IOException {
        try {
            IntelImporter.Summary s = importer.importUpload(file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes(), createIndicators);
            return render(s, null, model);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return render(null, e.fieldErrors().values().iterator().next(), model);
        }
    }

    private String render(IntelImporter.Summary result, String error, Model model) {
        model.addAttribute("result", result);
        model.addAttribute("error", error);
        model.addAttribute("canImport", importer.canImport());
        model.addAttribute("canCreateIndicators", importer.canCreateIndicators());
        model.addAttribute("history", importer.history());
        return "intel/import";
    }
}
