package dev.rampart.portal.entities;

import dev.rampart.portal.workloads.Workload;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * A global-search section answered live by the feature that owns the data (incidents, help...) instead of the
 * entity index. Implementations are Spring beans; each decides itself what the caller may see, so scoped data stays
 * behind the owning feature's scoped reads.
 */
public interface SearchSectionProvider {
    /** Section type, as in the API's {@code type} field. */
    String type();

    String title();

    /**
     * Where the section sits among the others: index sections take 10 (devices) to 60 (pages) in steps of ten, as
     * {@link SearchSections#ORDER} lists them.
     */
    int position();

    /**
     * The workloads this section belongs to: it is searched only while at least one of them is on. Empty (the default)
     * = not workload-specific, always searched.
     */
    default Set<Workload> workloads() {
        return Set.of();
    }

    /** At most {@code limit} hits the caller may see for the typed text (never null; empty when none). */
    List<EntitySearch.Result> search(Authentication auth, String text, int limit);
}
