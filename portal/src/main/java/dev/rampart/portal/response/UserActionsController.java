package dev.rampart.portal.response;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Perms;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The user page's response panel as an HTML fragment ({@code GET /response/users/actions?account=}; a query parameter, as accounts may be DOMAIN\\name): containment,
 * risk and directory state, the catalogue's user actions the caller may request (with a required comment) and the
 * account's recent actions.
 */
@Controller
class UserActionsController {
    private final ResponseActions actions;
    private final ResponseStateHandlers state;

    UserActionsController(ResponseActions actions, ResponseStateHandlers state) {
        this.actions = actions;
        this.state = state;
    }

    @GetMapping("/response/users/actions")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String panel(@RequestParam String account, CsrfToken csrf, Model model) {
        model.addAttribute("panel", build(account, csrf, null));
        return "response/userActions";
    }

    @PostMapping("/response/users/actions")
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String request(@RequestParam String account, @RequestParam String type, @RequestParam(required = false) String comment, CsrfToken csrf, Model model) {
        String message;
        try {
            ActionType t = ActionType.parse(type);
            if (t.target() != TargetType.USER) {
                throw new ActionException("type", t.label() + " is not a user action");
            }
            ResponseAction a = actions.request(new ActionRequest(t, account, null, Map.of(), comment, null, null), ResponseAction.MANUAL).get(0);
            message = a.type().label() + " requested (action " + a.id() + ", " + a.status().label().toLowerCase(Locale.ROOT) + ").";
        } catch (ActionException e) {
            message = "Not requested: " + e.field() + " " + e.getMessage() + ".";
        }
        model.addAttribute("panel", build(account, csrf, message));
        return "response/userActions";
    }

    private ActionCenterView.UserPanel build(String account, CsrfToken csrf, String message) {
        String key = account.strip().toLowerCase(Locale.ROOT);
        List<ResponseAction> recent = actions.list(new ActionQuery(Set.of(), Set.of(), TargetType.USER, account, null, null, null, null, null,
                null, null), 1, 200).items().stream().filter(a -> a.targetId().equalsIgnoreCase(account.strip())).limit(5).toList();
        var auth = SecurityContextHolder.getContext().getAuthentication();
        List<ActionType> available = ActionType.forTarget(TargetType.USER).stream()
                .filter(t -> actions.available(t) && t.needs().stream().allMatch(p -> AccessPolicy.can(auth, p))).toList();
        ActionStore.Completed directory = state.directoryState(key);
        return new ActionCenterView.UserPanel(account, state.containedUsers().contains(key), state.userRisk(account).orElse(null),
                directory == null ? null : directory.type() == ActionType.DISABLE_USER, recent, available, csrf.getToken(), message);
    }
}
