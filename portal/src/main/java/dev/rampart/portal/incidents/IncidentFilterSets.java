package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Perms;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named incident-queue filter sets of the signed-in user, optionally shared with everyone who may read
 * incidents. A set stores the queue's query string, normalised (unknown parameters and the page dropped), so
 * opening it is just following a URL. Saving under a name the user already has replaces that set. Only the owner
 * deletes a set. Saves and deletes are audited.
 */
@Service
public class IncidentFilterSets {
    public static final int MAX_NAME = 100;
    public static final int MAX_PER_USER = 50;
    private static final int MAX_QUERY = 4000;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public IncidentFilterSets(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The user's own sets, then those others shared, each by name. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<FilterSet> visible() {
        String me = IncidentService.currentUser();
        return jdbc.sql("SELECT id, owner, name, query_string, shared, updated_at FROM incident_filter_set WHERE LOWER(owner) = LOWER(?) OR shared = TRUE "
                        + "ORDER BY CASE WHEN LOWER(owner) = LOWER(?) THEN 0 ELSE 1 END, LOWER(name), owner")
                .params(me, me).query((rs, n) -> new FilterSet(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Saves the query string under {@code name} for the signed-in user (replacing their set of that name).
     *
     * @throws InvalidValueException naming the field when the name is empty or too long, or the user has too many sets
     */
    @Transactional
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public FilterSet save(String name, String queryString, boolean shared) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidValueException("name", "is required to save the filters");
        }
        if (n.length() > MAX_NAME) {
            throw new InvalidValueException("name", "is longer than " + MAX_NAME + " characters");
        }
        String qs = IncidentQueryParams.saved(IncidentQueryParams.parse(queryString));
        if (qs.length() > MAX_QUERY) {
            throw new InvalidValueException("query", "is too long to save (at most " + MAX_QUERY + " characters)");
        }
        String me = IncidentService.currentUser();
        OffsetDateTime now = IncidentStore.utc(Instant.now());
        Optional<Long> existing = jdbc.sql("SELECT id FROM incident_filter_set WHERE LOWER(owner) = LOWER(?) AND name = ?").params(me, n)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            jdbc.sql("UPDATE incident_filter_set SET query_string = ?, shared = ?, updated_at = ? WHERE id = ?")
                    .params(qs, shared, now, existing.get()).update();
        } else {
            long count = jdbc.sql("SELECT count(*) FROM incident_filter_set WHERE LOWER(owner) = LOWER(?)").param(me).query(Long.class).single();
            if (count >= MAX_PER_USER) {
                throw new InvalidValueException("name", "cannot be added: you already have " + MAX_PER_USER + " saved filter sets; delete one first");
            }
            jdbc.sql("INSERT INTO incident_filter_set (owner, name, query_string, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(me, n, qs, shared, now, now).update();
        }
        audit.record(existing.isPresent() ? "incident.filter-set.update" : "incident.filter-set.save", "incident-filter-set", n,
                (shared ? "shared; " : "private; ") + qs);
        return visible().stream().filter(s -> s.ownedBy(me) && s.name().equals(n)).findFirst().orElseThrow();
    }

    /**
     * Deletes one of the signed-in user's sets.
     *
     * @throws IncidentService.NotFoundException when there is no such set
     * @throws InvalidValueException when the set belongs to someone else
     */
    @Transactional
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public void delete(long id) {
        String me = IncidentService.currentUser();
        FilterSet s = jdbc.sql("SELECT id, owner, name, query_string, shared, updated_at FROM incident_filter_set WHERE id = ?").param(id)
                .query((rs, n) -> new FilterSet(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .optional().filter(x -> x.ownedBy(me) || x.shared())
                .orElseThrow(() -> new IncidentService.NotFoundException("Saved filter set " + id));
        if (!s.ownedBy(me)) {
            throw new InvalidValueException("Filter set \"" + s.name() + "\"", "belongs to " + s.owner() + "; only its owner can delete it");
        }
        jdbc.sql("DELETE FROM incident_filter_set WHERE id = ?").param(id).update();
        audit.record("incident.filter-set.delete", "incident-filter-set", s.name(), s.queryString());
    }
}
