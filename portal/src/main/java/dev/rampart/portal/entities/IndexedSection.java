package dev.rampart.portal.entities;

import dev.rampart.portal.access.DeviceFilter;
import java.util.List;
import java.util.Optional;

/**
 * A global-search section whose entries live in the Lucene index beside devices and users, contributed by the feature
 * that owns the data (vulnerability management: CVEs, software, recommendations). Entries are read at every index
 * rebuild; each rebuild's {@link Build} then decides, per hit and caller, whether the caller may see it and what it
 * shows, so results derived from devices can be limited to the caller's device scope without a query per keystroke.
 */
public interface IndexedSection {
    /** Section type, as in the API's {@code type} field; also the entries' {@link SearchIndex.Entry#type()}. */
    String type();

    String title();

    /** Where the section sits among the others (see {@link SearchSectionProvider#position()}). */
    int position();

    /** Reads the section's entries for one index build. */
    Build load();

    /** One build's entries and the rule that shows them. */
    interface Build {
        List<SearchIndex.Entry> entries();

        /** What a hit shows to a caller whose visible devices are {@code devices}, or empty when it is hidden. */
        Optional<EntitySearch.Result> present(SearchIndex.Hit hit, DeviceFilter devices);
    }

    /** The workload whose device scope applies to this section's hits. */
    default String workload() {
        return "vulnerability";
    }
}
