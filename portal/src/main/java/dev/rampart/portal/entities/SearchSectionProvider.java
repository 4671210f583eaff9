package dev.rampart.portal.entities;

import java.util.List;
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

    /** At most {@code limit} hits the caller may see for the typed text (never null; empty when none). */
    List<EntitySearch.Result> search(Authentication auth, String text, int limit);
}
