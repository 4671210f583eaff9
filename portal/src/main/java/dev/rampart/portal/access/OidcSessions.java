package dev.rampart.portal.access;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The portal sessions opened by signing in with the provider, by the provider's session id ({@code sid}) and
 * subject, so that a back-channel logout can end them. Sessions leave the registry when they end for any reason.
 */
@Component
public class OidcSessions implements HttpSessionListener {
    /** One signed-in session: the provider's issuer, subject and session id (null when its ID token had none). */
    record Entry(String issuer, String subject, String sid, String username, HttpSession session) {
    }

    private final Map<String, Entry> bySessionId = new ConcurrentHashMap<>();

    /** Records a session that just signed in through the provider. */
    void signedIn(HttpSession session, String issuer, String subject, String sid, String username) {
        // The servlet container may change the session id later (it never does after sign-in here), so key by object too.
        bySessionId.values().removeIf(e -> e.session() == session);
        bySessionId.put(session.getId(), new Entry(issuer, subject, sid, username, session));
    }

    /**
     * Ends the sessions of {@code issuer} matching {@code sid} (when given) and {@code subject} (when given); returns
     * the user names whose sessions ended.
     */
    List<String> end(String issuer, String subject, String sid) {
        List<String> ended = new ArrayList<>();
        for (Entry e : List.copyOf(bySessionId.values())) {
            if (!e.issuer().equals(issuer) || (sid != null && !sid.equals(e.sid())) || (subject != null && !subject.equals(e.subject()))) {
                continue;
            }
            bySessionId.remove(e.session().getId());
            try {
                e.session().invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // Ended meanwhile: nothing left to do.
            }
            ended.add(e.username());
        }
        return ended;
    }

    /** The provider session ids of the user's open sessions (null entries left out). */
    List<String> sids(String username) {
        return bySessionId.values().stream().filter(e -> Objects.equals(e.username(), username) && e.sid() != null).map(Entry::sid).toList();
    }

    int count(String username) {
        return (int) bySessionId.values().stream().filter(e -> Objects.equals(e.username(), username)).count();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        bySessionId.remove(event.getSession().getId());
        bySessionId.values().removeIf(e -> e.session() == event.getSession());
    }
}
