package dev.rampart.portal.entities;

import java.util.List;

/**
 * Extension point for the alerts and incidents sections of entity pages. The detection/incidents feature
 * implements it as a Spring bean; until one exists the pages leave those sections out (no placeholder data).
 */
public interface EntityAlertsProvider {
    /** Kinds of entity a page can ask about. */
    enum EntityKind { DEVICE, USER, FILE, IP, DOMAIN }

    /** One alert or incident touching the entity, newest first; {@code link} opens it. */
    record Related(String id, String title, String severity, String status, java.time.Instant lastActivity, String link, Long incidentId) {
    }

    /** Alerts and incidents involving the entity ({@code key} as the page addresses it), at most {@code limit}. */
    List<Related> relatedTo(EntityKind kind, String key, int limit);
}
