package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Settings &gt; API clients (page) and {@code /api/v1/api-clients} (JSON): list with last-used time, create, rotate
 * the secret, revoke. A new or rotated secret is shown once. Reading needs Authorization (read), changes manage.
 */
@Controller
class ApiClientsController {
    private static final String PAGE = "/settings/api-clients";

    private final ApiClients clients;
    private final AccessPolicy access;

    ApiClientsController(ApiClients clients, AccessPolicy access) {
        this.clients = clients;
        this.access = access;
    }

    /** A client as the API shows it; {@code secret} only in the answer that issued it. */
    public record ClientJson(long id, String clientId, String name, List<String> scopes, String createdAt, String createdBy,
                             String lastUsedAt, boolean active, String secret) {
    }

    public record NewClientJson(String name, List<String> scopes) {
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String page(Model model) {
        model.addAttribute("view", new AccessViews.ApiClientsView(clients.all(), access.can(Permission.AUTHORIZATION_MANAGE), null, null, Map.of()));
        return "access/apiClients";
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(name = "scopes", required = false) List<String> scopes,
                  HttpServletResponse response, Model model) {
        try {
            ApiClients.Issued issued = clients.create(name, scopes);
            model.addAttribute("view", new AccessViews.ApiClientsView(clients.all(), true, issued.client(), issued.secret(), Map.of()));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", new AccessViews.ApiClientsView(clients.all(), true, null, null, e.fieldErrors()));
        }
        return "access/apiClients";
    }

    @PostMapping(PAGE + "/{id}/rotate")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String rotate(@PathVariable long id, Model model) {
        ApiClients.Issued issued = clients.rotate(id);
        model.addAttribute("view", new AccessViews.ApiClientsView(clients.all(), true, issued.client(), issued.secret(), Map.of()));
        return "access/apiClients";
    }

    @PostMapping(PAGE + "/{id}/revoke")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String revoke(@PathVariable long id) {
        clients.revoke(id);
        return "redirect:" + PAGE;
    }

    @GetMapping("/api/v1/api-clients")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    @ResponseBody
    List<ClientJson> list() {
        return clients.all().stream().map(c -> json(c, null)).toList();
    }

    @PostMapping("/api/v1/api-clients")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    ClientJson createApi(@org.springframework.web.bind.annotation.RequestBody NewClientJson in) {
        ApiClients.Issued issued = clients.create(in.name(), in.scopes());
        return json(issued.client(), issued.secret());
    }

    @PostMapping("/api/v1/api-clients/{id}/rotate")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseBody
    ClientJson rotateApi(@PathVariable long id) {
        ApiClients.Issued issued = clients.rotate(id);
        return json(issued.client(), issued.secret());
    }

    @PostMapping("/api/v1/api-clients/{id}/revoke")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseBody
    ClientJson revokeApi(@PathVariable long id) {
        clients.revoke(id);
        return json(clients.require(id), null);
    }

    private static ClientJson json(ApiClients.Client c, String secret) {
        return new ClientJson(c.id(), c.clientId(), c.name(), c.scopes().stream().map(Enum::name).toList(), AccessViews.iso(c.createdAt()),
                c.createdBy(), AccessViews.iso(c.lastUsedAt()), c.active(), secret);
    }
}
