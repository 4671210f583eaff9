package dev.rampart.portal.incidents;

import java.time.Instant;

/** A saved incident-queue filter set: {@code queryString} is the queue URL's query, without the leading "?". */
public record FilterSet(long id, String owner, String name, String queryString, boolean shared, Instant updatedAt) {
    /** The queue URL that restores the filters. */
    public String href() {
        return "/incidents?" + queryString;
    }

    public boolean ownedBy(String user) {
        return owner.equalsIgnoreCase(user);
    }
}
