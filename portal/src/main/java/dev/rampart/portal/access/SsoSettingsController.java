package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Settings › Single sign-on: the OpenID Connect provider (issuer, client, scopes, claims, group mappings) stored in
 * the database and applied at once, a connection test that fetches the provider's discovery document and keys, and
 * the back-channel logout endpoint the provider calls. Reading needs Authorization (read), changing manage: group
 * mappings hand out roles.
 */
@Controller
class SsoSettingsController {
    static final String PAGE = "/settings/sso";

    private final SsoSettings settings;
    private final SsoConnectionTest tester;
    private final BackChannelLogout backChannel;
    private final Roles roles;
    private final AccessPolicy access;

    SsoSettingsController(SsoSettings settings, SsoConnectionTest tester, BackChannelLogout backChannel, Roles roles, AccessPolicy access) {
        this.settings = settings;
        this.tester = tester;
        this.backChannel = backChannel;
        this.roles = roles;
        this.access = access;
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String page(@RequestParam(required = false) String saved, Model model) {
        model.addAttribute("view", view(formOfSaved(), Map.of(), null, saved != null ? "Single sign-on settings saved; they apply from the next sign-in." : null));
        return "access/sso";
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String save(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        SsoSettings.Input in = input(form);
        try {
            settings.save(in);
            return "redirect:" + PAGE + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(in, e.fieldErrors(), null, null));
            return "access/sso";
        }
    }

    @PostMapping(PAGE + "/test")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String test(@RequestParam MultiValueMap<String, String> form, Model model) {
        SsoSettings.Input in = input(form);
        model.addAttribute("view", view(in, Map.of(), tester.test(in.issuerUri()), null));
        return "access/sso";
    }

    @PostMapping(PAGE + "/reset")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String reset() {
        settings.reset();
        return "redirect:" + PAGE;
    }

    /** Back-channel logout: the provider posts {@code logout_token}; 200 when valid, 400 with an OAuth error otherwise. */
    @PostMapping(path = BackChannelLogout.PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PreAuthorize("permitAll()")
    ResponseEntity<Map<String, String>> backChannelLogout(@RequestParam(name = "logout_token", required = false) String logoutToken) {
        try {
            backChannel.logout(logoutToken);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
        } catch (BackChannelLogout.Refused e) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).cacheControl(CacheControl.noStore())
                    .body(Map.of("error", e.error(), "error_description", e.getMessage()));
        }
    }

    private SsoSettings.Input formOfSaved() {
        OidcProperties p = settings.effective();
        return settings.saved().map(s -> new SsoSettings.Input(s.enabled(), s.issuerUri(), s.clientId(), null, false, String.join(" ", s.scopes()),
                        s.displayName(), s.usernameClaim(), s.groupsClaim(), s.groupMapping()))
                .orElseGet(() -> new SsoSettings.Input(p.enabled(), p.issuerUri(), p.clientId(), null, false, String.join(" ", p.scopes()),
                        p.displayName(), p.usernameClaim(), p.groupsClaim(), List.of()));
    }

    private AccessViews.SsoView view(SsoSettings.Input form, Map<String, String> errors, SsoConnectionTest.Result test, String notice) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return new AccessViews.SsoView(form, settings.saved(), settings.effective(), settings.properties(),
                access.can(Permission.AUTHORIZATION_MANAGE), roles.all(), errors, test, notice,
                base + "/login/oauth2/code/" + OidcClientRegistrations.REGISTRATION_ID, base + BackChannelLogout.PATH, base + "/login?logout");
    }

    static SsoSettings.Input input(MultiValueMap<String, String> form) {
        List<String> idp = form.getOrDefault("idpGroup", List.of());
        List<String> local = form.getOrDefault("localGroup", List.of());
        List<String> role = form.getOrDefault("role", List.of());
        List<OidcProperties.GroupMapping> mappings = new ArrayList<>();
        for (int i = 0; i < Math.max(idp.size(), Math.max(local.size(), role.size())); i++) {
            mappings.add(new OidcProperties.GroupMapping(at(idp, i), at(local, i), at(role, i)));
        }
        return new SsoSettings.Input("on".equals(form.getFirst("enabled")) || "true".equals(form.getFirst("enabled")), form.getFirst("issuerUri"),
                form.getFirst("clientId"), form.getFirst("clientSecret"), "on".equals(form.getFirst("removeSecret")), form.getFirst("scopes"),
                form.getFirst("displayName"), form.getFirst("usernameClaim"), form.getFirst("groupsClaim"), mappings);
    }

    private static String at(List<String> l, int i) {
        return i < l.size() ? l.get(i) : null;
    }
}
