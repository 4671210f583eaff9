package dev.rampart.portal.notifications;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The bell: unread badge, the panel (htmx fragments), dismiss one or all. Every signed-in user has their own. */
@Controller
class NotificationController {
    private static final int PAGE = 20;
    private final Notifications notifications;
    private final NotificationStream stream;

    NotificationController(Notifications notifications, NotificationStream stream) {
        this.notifications = notifications;
        this.stream = stream;
    }

    /** Server-sent events: {@code unread} with the new count whenever a notification for this user arrives. */
    @GetMapping(value = "/notifications/stream", produces = "text/event-stream")
    @PreAuthorize(Perms.SIGNED_IN)
    @ResponseBody
    SseEmitter stream(Authentication auth) {
        return stream.subscribe(auth.getName(), held(auth));
    }

    static Set<Permission> held(Authentication auth) {
        Set<Permission> s = EnumSet.noneOf(Permission.class);
        auth.getAuthorities().forEach(a -> {
            String n = a.getAuthority();
            if (n.startsWith("PERM_")) {
                s.add(Permission.valueOf(n.substring(5)));
            }
        });
        return s;
    }

    @GetMapping("/notifications/badge")
    @PreAuthorize(Perms.SIGNED_IN)
    String badge(Authentication auth, Model model) {
        model.addAttribute("unread", notifications.unreadCount(auth.getName(), held(auth)));
        return "notifications/badge";
    }

    @GetMapping("/notifications/panel")
    @PreAuthorize(Perms.SIGNED_IN)
    String panel(Authentication auth, @RequestParam(defaultValue = "false") boolean dismissed,
                 @RequestParam(defaultValue = "0") long before, Model model) {
        var items = notifications.list(auth.getName(), held(auth), dismissed, before, PAGE);
        if (before == 0) {
            notifications.markAllRead(auth.getName(), held(auth));
        }
        model.addAttribute("items", items);
        model.addAttribute("showDismissed", dismissed);
        model.addAttribute("more", items.size() == PAGE);
        model.addAttribute("firstPage", before == 0);
        return "notifications/panel";
    }

    @PostMapping("/notifications/{id}/dismiss")
    @PreAuthorize(Perms.SIGNED_IN)
    String dismiss(@PathVariable long id, Authentication auth, Model model) {
        notifications.dismiss(auth.getName(), held(auth), id);
        return panel(auth, false, 0, model);
    }

    @PostMapping("/notifications/dismiss-all")
    @PreAuthorize(Perms.SIGNED_IN)
    String dismissAll(Authentication auth, Model model) {
        notifications.dismissAll(auth.getName(), held(auth));
        return panel(auth, false, 0, model);
    }
}
