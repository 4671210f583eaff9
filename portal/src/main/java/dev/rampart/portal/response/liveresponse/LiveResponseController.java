package dev.rampart.portal.response.liveresponse;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Live response pages: the sessions list, one session's console (full page, or the transcript fragment htmx polls
 * while commands run), and Settings › Live response (on/off, scripts, library).
 */
@Controller
class LiveResponseController implements NavigationContributor {
    static final String SETTINGS = "/settings/live-response";
    private final LiveResponse live;

    LiveResponseController(LiveResponse live) {
        this.live = live;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 31, "Live response", "/live-response", "terminal", Permission.BASIC_LIVE_RESPONSE_MANAGE),
                new NavEntry(NavGroup.SYSTEM, 44, "Live response", SETTINGS, "sensor", Permission.CORE_SECURITY_SETTINGS_READ));
    }

    @GetMapping("/live-response")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String sessions(@RequestParam(required = false) String error, Model model) {
        model.addAttribute("open", live.openSessions().stream().map(s -> new LiveResponseView.SessionRow(s, live.commandCount(s))).toList());
        model.addAttribute("recent", live.recentSessions(100).stream().filter(s -> !s.open())
                .map(s -> new LiveResponseView.SessionRow(s, live.commandCount(s))).toList());
        model.addAttribute("settings", live.settings());
        model.addAttribute("error", error);
        return "liveresponse/sessions";
    }

    /** Action center › Live response: the commands of every session the reader can see, newest first. */
    @GetMapping("/action-center/live-response")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String actionCenter(@RequestParam(defaultValue = "7") int days, Model model) {
        int d = List.of(1, 7, 30, 180).contains(days) ? days : 7;
        model.addAttribute("days", d);
        model.addAttribute("commands", live.latestCommands(d, 200));
        return "liveresponse/actionCenter";
    }

    @PostMapping("/live-response/sessions")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String start(@RequestParam(defaultValue = "") String deviceId) {
        try {
            return "redirect:/live-response/" + live.start(deviceId.strip()).id();
        } catch (LiveResponseException e) {
            return "redirect:/live-response?error=" + enc("Could not start a session: " + e.getMessage());
        }
    }

    @GetMapping("/live-response/{id}")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String console(@PathVariable long id, @RequestParam(required = false) String fragment, @RequestParam(required = false) String error,
                   @RequestParam(defaultValue = "false") boolean all, CsrfToken csrf, Model model) {
        model.addAttribute("console", console(id, error, csrf, all));
        return "log".equals(fragment) ? "liveresponse/transcript" : "liveresponse/console";
    }

    @PostMapping("/live-response/{id}/commands")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String command(@PathVariable long id, @RequestParam(defaultValue = "") String commandLine, @RequestHeader(value = "HX-Request", required = false) String htmx,
                   CsrfToken csrf, Model model, HttpServletResponse response) {
        String error = null;
        try {
            live.submit(id, commandLine);
            response.setHeader("X-Accepted", "true");
        } catch (LiveResponseException e) {
            if (e.field().equals("sessionId") && e.status() == 404) {
                throw e;
            }
            error = e.field().equals("commandLine") ? e.getMessage() : e.field() + ": " + e.getMessage();
            response.setHeader("X-Accepted", "false");
        }
        if (htmx == null) {
            return "redirect:/live-response/" + id + (error == null ? "" : "?error=" + enc(error));
        }
        model.addAttribute("console", console(id, error, csrf, false));
        return "liveresponse/transcript";
    }

    @PostMapping("/live-response/{id}/commands/{commandId}/cancel")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String cancel(@PathVariable long id, @PathVariable long commandId, @RequestHeader(value = "HX-Request", required = false) String htmx, CsrfToken csrf,
                  Model model) {
        String error = null;
        try {
            live.cancel(commandId);
        } catch (LiveResponseException e) {
            error = e.getMessage();
        }
        if (htmx == null) {
            return "redirect:/live-response/" + id + (error == null ? "" : "?error=" + enc(error));
        }
        model.addAttribute("console", console(id, error, csrf, false));
        return "liveresponse/transcript";
    }

    @PostMapping("/live-response/{id}/end")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    String end(@PathVariable long id) {
        try {
            live.end(id);
            return "redirect:/live-response/" + id;
        } catch (LiveResponseException e) {
            return "redirect:/live-response/" + id + "?error=" + enc(e.getMessage());
        }
    }

    @GetMapping("/live-response/commands/{commandId}/file")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    ResponseEntity<FileSystemResource> file(@PathVariable long commandId) throws IOException {
        Path p = live.file(commandId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(p.getFileName().toString()).build().toString())
                .header("X-Content-Type-Options", "nosniff").contentLength(Files.size(p)).body(new FileSystemResource(p));
    }

    // ---- settings and library

    @GetMapping(SETTINGS)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ + " or " + Perms.ADVANCED_LIVE_RESPONSE_MANAGE)
    String settings(@RequestParam(required = false) String notice, @RequestParam(required = false) String error, Model model) {
        model.addAttribute("settings", live.settings());
        model.addAttribute("canManage", live.canManageSettings());
        model.addAttribute("canManageLibrary", live.canManageLibrary());
        model.addAttribute("library", live.libraryForSettings());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "liveresponse/settings";
    }

    @PostMapping(SETTINGS)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String save(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "false") boolean scriptsEnabled) {
        live.saveSettings(enabled, scriptsEnabled);
        return "redirect:" + SETTINGS + "?notice=" + enc("Live response is " + (enabled ? "on" : "off") + "; running scripts is "
                + (scriptsEnabled ? "on." : "off."));
    }

    @PostMapping(SETTINGS + "/library")
    @PreAuthorize(Perms.ADVANCED_LIVE_RESPONSE_MANAGE)
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String name,
                  @RequestParam(required = false) String description, @RequestParam(required = false) String parameters,
                  @RequestParam(defaultValue = "false") boolean overwrite) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new LiveResponseException("file", "choose a file to upload");
            }
            String n = name.isBlank() ? file.getOriginalFilename() : name.strip();
            live.upload(n, description, parameters, file.getBytes(), overwrite);
            return "redirect:" + SETTINGS + "?notice=" + enc("Uploaded " + n + " to the library.");
        } catch (LiveResponseException e) {
            return "redirect:" + SETTINGS + "?error=" + enc(e.field() + ": " + e.getMessage());
        }
    }

    @PostMapping(SETTINGS + "/library/delete")
    @PreAuthorize(Perms.ADVANCED_LIVE_RESPONSE_MANAGE)
    String delete(@RequestParam(defaultValue = "") String name) {
        try {
            live.deleteFromLibrary(name);
            return "redirect:" + SETTINGS + "?notice=" + enc("Deleted " + name + " from the library.");
        } catch (LiveResponseException e) {
            return "redirect:" + SETTINGS + "?error=" + enc(e.field() + ": " + e.getMessage());
        }
    }

    @ExceptionHandler(LiveResponseException.class)
    org.springframework.web.servlet.ModelAndView refused(LiveResponseException e, jakarta.servlet.http.HttpServletRequest request) {
        org.springframework.web.servlet.ModelAndView mv = new org.springframework.web.servlet.ModelAndView("error");
        mv.addObject("status", e.status());
        mv.addObject("error", e.getMessage());
        mv.addObject("path", request.getRequestURI());
        mv.setStatus(org.springframework.http.HttpStatusCode.valueOf(e.status()));
        return mv;
    }

    /** The console shows the latest commands after the last cls; {@code all} shows the whole command log. */
    private LiveResponseView.Console console(long id, String error, CsrfToken csrf, boolean everything) {
        LiveSession s = live.requireSession(id);
        boolean canUse = live.canUse(s);
        List<LiveCommandRun> all = live.commands(s);
        List<LiveCommandRun> shown = everything ? all : all.stream().filter(c -> c.id() > s.clearedBefore()).toList();
        int hidden = all.size() - Math.min(shown.size(), everything ? shown.size() : LiveResponseView.SHOWN);
        List<LiveResponseView.Entry> entries = shown.subList(Math.max(0, shown.size() - (everything ? shown.size() : LiveResponseView.SHOWN)), shown.size())
                .stream().map(c -> LiveResponseView.entry(c, canUse)).toList();
        boolean pending = all.stream().anyMatch(c -> !c.status().finished());
        return new LiveResponseView.Console(s, entries, hidden, canUse, live.canEnd(s), pending, error, csrf.getToken());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
