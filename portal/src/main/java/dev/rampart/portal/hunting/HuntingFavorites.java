package dev.rampart.portal.hunting;

import dev.rampart.portal.access.Perms;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Each user's favourites in the hunting tabs: tables, saved queries, gallery queries and saved functions, by kind and
 * reference (id). A favourite is only kept for something the user can see, and a deleted item simply stops matching.
 */
@Service
public class HuntingFavorites {
    public enum Kind { TABLE, QUERY, GALLERY, FUNCTION }

    private final JdbcClient jdbc;
    private final HuntingQueries queries;
    private final HuntingFunctions functions;
    private final HuntingService hunting;

    public HuntingFavorites(JdbcClient jdbc, HuntingQueries queries, HuntingFunctions functions, HuntingService hunting) {
        this.hunting = hunting;
        this.jdbc = jdbc;
        this.queries = queries;
        this.functions = functions;
    }

    /** The user's favourites as {@code kind:ref} keys (e.g. {@code QUERY:12}, {@code GALLERY:05-rare-external-connections}). */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Set<String> of(String username) {
        return new HashSet<>(jdbc.sql("SELECT kind, ref FROM hunting_favorite WHERE username = ?").param(username)
                .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)).list());
    }

    /**
     * Adds or removes a favourite; returns whether it is one now.
     *
     * @throws IllegalArgumentException when the kind is unknown or the user cannot see the item
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public boolean toggle(String username, String kind, String ref) {
        Kind k;
        try {
            k = Kind.valueOf(kind == null ? "" : kind.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown kind of favourite '" + kind + "'; use table, query, gallery or function.");
        }
        if (!visible(username, k, ref == null ? "" : ref)) {
            throw new IllegalArgumentException("No " + k.name().toLowerCase(java.util.Locale.ROOT) + " '" + ref + "' that you can see.");
        }
        int removed = jdbc.sql("DELETE FROM hunting_favorite WHERE username = ? AND kind = ? AND ref = ?").params(username, k.name(), ref).update();
        if (removed > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO hunting_favorite (username, kind, ref, created_at) VALUES (?, ?, ?, ?)")
                .params(username, k.name(), ref, OffsetDateTime.now(ZoneOffset.UTC)).update();
        return true;
    }

    private boolean visible(String username, Kind k, String ref) {
        return switch (k) {
            case QUERY -> ref.matches("\\d{1,18}") && queries.find(username, Long.parseLong(ref)).isPresent();
            case FUNCTION -> ref.matches("\\d{1,18}") && functions.find(username, Long.parseLong(ref)).isPresent();
            case GALLERY -> queries.gallery().stream().anyMatch(g -> g.id().equals(ref));
            case TABLE -> hunting.visibleSchema().table(ref).filter(t -> t.name().equals(ref)).isPresent();
        };
    }

    static boolean is(Set<String> favorites, Kind kind, Object ref) {
        return favorites.contains(kind.name() + ":" + ref);
    }

    static <T> List<T> favorites(List<T> items, Set<String> favorites, Kind kind, java.util.function.Function<T, Object> ref) {
        return items.stream().filter(i -> is(favorites, kind, ref.apply(i))).toList();
    }
}
