package dev.rampart.portal.notifications;

import dev.rampart.portal.access.Perms;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's notifications: {@code GET /api/v1/notifications} (newest first; {@code before} pages back,
 * {@code dismissed=true} includes dismissed ones) and the dismiss endpoints. Dismissing never deletes.
 */
@RestController
class NotificationApiController {
    private final Notifications notifications;

    NotificationApiController(Notifications notifications) {
        this.notifications = notifications;
    }

    public record Page(long unread, List<Notifications.Item> items) {
    }

    @GetMapping("/api/v1/notifications")
    @PreAuthorize(Perms.SIGNED_IN)
    Page list(@RequestParam(defaultValue = "false") boolean dismissed, @RequestParam(defaultValue = "0") long before,
              @RequestParam(defaultValue = "50") int limit, Authentication auth) {
        var held = NotificationController.held(auth);
        return new Page(notifications.unreadCount(auth.getName(), held),
                notifications.list(auth.getName(), held, dismissed, before, Math.max(1, Math.min(limit, 200))));
    }

    @PostMapping("/api/v1/notifications/{id}/dismiss")
    @PreAuthorize(Perms.SIGNED_IN)
    ResponseEntity<Void> dismiss(@PathVariable long id, Authentication auth) {
        notifications.dismiss(auth.getName(), NotificationController.held(auth), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/notifications/dismiss-all")
    @PreAuthorize(Perms.SIGNED_IN)
    ResponseEntity<Void> dismissAll(Authentication auth) {
        notifications.dismissAll(auth.getName(), NotificationController.held(auth));
        return ResponseEntity.noContent().build();
    }
}
