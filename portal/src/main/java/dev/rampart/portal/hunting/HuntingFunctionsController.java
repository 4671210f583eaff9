package dev.rampart.portal.hunting;

import dev.rampart.portal.access.Perms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/** The hunting page's Functions tab: saved functions (list, save the editor's text as one, delete) and the built-in ones. */
@Controller
class HuntingFunctionsController {
    private final HuntingFunctions functions;
    private final HuntingService hunting;
    private final ObjectMapper json;
    private final HuntingFavorites favorites;

    HuntingFunctionsController(HuntingFunctions functions, HuntingService hunting, ObjectMapper json, HuntingFavorites favorites) {
        this.favorites = favorites;
        this.functions = functions;
        this.hunting = hunting;
        this.json = json;
    }

    /** The "Functions" side panel: saved functions by folder (own and shared), then the built-in ones. */
    @GetMapping("/hunting/functions")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String functions(Authentication auth, Model model, @org.springframework.web.bind.annotation.RequestHeader(value = "HX-Request", required = false) String htmx) {
        if (htmx == null) {
            return "redirect:/hunting"; // a panel of the hunting page, not a page of its own
        }
        if (!model.containsAttribute("error")) {
            model.addAttribute("error", null);
        }
        model.addAttribute("builtIns", BuiltInFunctions.ALL);
        model.addAttribute("saved", HuntingQueries.byFolder(functions.visibleTo(auth.getName()), HuntingFunctions.SavedFunction::folder));
        model.addAttribute("username", auth.getName());
        model.addAttribute("favorites", favorites.of(auth.getName()));
        return "hunting/functions";
    }

    /** Saves the editor's text as a function body; the fragment names the field that is wrong, with line and column. */
    @PostMapping("/hunting/functions")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String saveFunction(@RequestParam(defaultValue = "0") long id, @RequestParam(required = false) String name,
                        @RequestParam(required = false) String folder, @RequestParam(required = false) String description,
                        @RequestParam(required = false) String parameters, @RequestParam(required = false) String query,
                        @RequestParam(defaultValue = "false") boolean shared, Authentication auth, Model model, HttpServletResponse res) {
        try {
            long saved = functions.save(auth.getName(), id, name, folder, description, parameters, query, shared, hunting.visibleSchema());
            res.setHeader("HX-Trigger", json.writeValueAsString(Map.of("functions-changed", Map.of("id", saved, "name", name.trim()))));
        } catch (HuntingFunctions.InvalidFunctionException e) {
            res.setStatus(422);
            model.addAttribute("field", e.field());
            model.addAttribute("message", e.getMessage());
            return "hunting/save-error";
        }
        model.addAttribute("message", "Saved the function “" + name.trim() + "”" + (shared ? ", shared with the team." : ".")
                + " Queries call it by name.");
        return "hunting/save-ok";
    }

    @PostMapping("/hunting/functions/{id}/delete")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String deleteFunction(@PathVariable long id, Authentication auth, Model model) {
        try {
            functions.delete(auth.getName(), id);
            model.addAttribute("error", null);
        } catch (HuntingFunctions.InvalidFunctionException e) {
            model.addAttribute("error", e.getMessage());
        }
        return functions(auth, model, "true");
    }
}
