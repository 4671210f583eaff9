package dev.rampart.portal.notifications;

import dev.rampart.portal.access.Permission;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live push of the bell count over server-sent events. Each open page holds one stream; when a notification is
 * stored (after its transaction commits) every subscriber it targets gets an {@code unread} event with their new
 * count. Streams end after {@link #TIMEOUT_MS}; the browser's EventSource reconnects on its own.
 */
@Component
class NotificationStream {
    static final long TIMEOUT_MS = 10 * 60_000L;

    private record Subscriber(String username, Set<Permission> held) {
    }

    private final Notifications notifications;
    private final Map<SseEmitter, Subscriber> subscribers = new ConcurrentHashMap<>();
    // Sending is network I/O: keep it off the thread that stored the notification.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notification-push");
        t.setDaemon(true);
        return t;
    });

    NotificationStream(Notifications notifications) {
        this.notifications = notifications;
    }

    SseEmitter subscribe(String username, Set<Permission> held) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        Subscriber s = new Subscriber(username, held);
        subscribers.put(emitter, s);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        sender.execute(() -> send(emitter, s));
        return emitter;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** Open streams would hold a graceful shutdown until they time out: end them as soon as the portal closes. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        subscribers.keySet().forEach(SseEmitter::complete);
        subscribers.clear();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void published(Notifications.Published p) {
        subscribers.forEach((emitter, s) -> {
            boolean targeted = p.targetUser() != null ? p.targetUser().equals(s.username())
                    : p.targetPermission() == null || s.held().contains(Permission.valueOf(p.targetPermission()));
            if (targeted) {
                sender.execute(() -> send(emitter, s));
            }
        });
    }

    private void send(SseEmitter emitter, Subscriber s) {
        try {
            emitter.send(SseEmitter.event().name("unread").data(String.valueOf(notifications.unreadCount(s.username(), s.held()))));
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(emitter);
        }
    }
}
