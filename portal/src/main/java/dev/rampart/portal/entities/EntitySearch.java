package dev.rampart.portal.entities;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.DataScope;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.SearchIndex.Hit;
import dev.rampart.portal.events.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Global search over devices, users, files, IPs, domains and pages. The Lucene index is rebuilt from the event
 * store in the background ({@link #rebuild()}); searches use whichever index is current and never wait for a rebuild.
 */
@Service
public class EntitySearch {
    private static final Logger log = LoggerFactory.getLogger(EntitySearch.class);

    public record Section(String type, String title, List<Result> hits) {
    }

    public record Result(String label, String detail, String link) {
    }

    /** What a query found: {@code direct} is set when the text is an exact IP or URL that opens its page at once. */
    public record Answer(String query, Optional<String> direct, List<Section> sections) {
        public int total() {
            return sections.stream().mapToInt(s -> s.hits().size()).sum();
        }
    }

    private final EntityCatalog catalog;
    private final EventStore store;
    private final DataScopes scopes;
    private final List<SearchSectionProvider> providers;
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile SearchIndex index = SearchIndex.build(List.of());
    private volatile Instant builtAt;
    private volatile long fingerprint = -1;

    EntitySearch(EntityCatalog catalog, EventStore store, DataScopes scopes, List<SearchSectionProvider> providers) {
        this.catalog = catalog;
        this.store = store;
        this.scopes = scopes;
        this.providers = List.copyOf(providers);
    }

    /** Rebuilds the index now (one rebuild at a time; a concurrent call returns false at once). */
    public boolean rebuild() {
        if (!building.compareAndSet(false, true)) {
            return false;
        }
        try {
            long t0 = System.nanoTime();
            long fp = dataFingerprint();
            SearchIndex fresh = SearchIndex.build(catalog.entries());
            index = fresh;
            fingerprint = fp;
            builtAt = Instant.now();
            log.info("search index rebuilt: {} entries in {} ms", fresh.size(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
            return true;
        } finally {
            building.set(false);
        }
    }

    /** Rebuilds when the event store changed since the last build (cheap check: total row count). */
    public boolean refreshIfChanged() {
        return dataFingerprint() != fingerprint && rebuild();
    }

    private long dataFingerprint() {
        return store.rowCounts().values().stream().mapToLong(Long::longValue).sum() * 31 + catalog.membershipFingerprint();
    }

    public int size() {
        return index.size();
    }

    public Optional<Instant> builtAt() {
        return Optional.ofNullable(builtAt);
    }

    /**
     * Searches every section the user may see, at most {@code perSection} hits each. Device hits are limited to
     * the devices of the user's data scope (the index itself holds every device).
     */
    public Answer search(Authentication auth, String text, int perSection) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty() || q.length() > 200) {
            return new Answer(q, Optional.empty(), List.of());
        }
        boolean data = AccessPolicy.can(auth, Permission.SECURITY_DATA_READ);
        DataScope scope = data ? scopes.of(auth) : DataScope.NONE;
        DeviceFilter devices = data ? scopes.devices(scope, List.of(DataScopes.ENDPOINT)) : DeviceFilter.NONE;
        // Users, files, addresses and domains come from the whole organisation: a scoped caller gets those seen in its scope.
        Set<String> seen = !scope.restricted() ? null : SeenIn.allowed(scope, store.schema().tables().stream().map(t -> t.workload()).distinct().toList(),
                AccessPolicy.can(auth, Permission.EMAIL_METADATA_READ) && scopes.of(auth, Permission.EMAIL_METADATA_READ).workloadVisible("email"));
        SearchIndex idx = index;
        List<Positioned> sections = new ArrayList<>();
        for (String type : SearchSections.ORDER) {
            if (!type.equals(SearchSections.PAGE) && !data) {
                continue;
            }
            boolean scoped = !type.equals(SearchSections.DEVICE) && !type.equals(SearchSections.PAGE);
            List<Hit> hits = idx.search(q, type, perSection,
                    h -> (h.permission() == null || AccessPolicy.can(auth, Permission.valueOf(h.permission())))
                            && (!type.equals(SearchSections.DEVICE) || devices.coversId(h.key())), scoped ? seen : null);
            if (!hits.isEmpty()) {
                sections.add(new Positioned((SearchSections.ORDER.indexOf(type) + 1) * 10, new Section(type, SearchSections.title(type),
                        hits.stream().map(h -> new Result(h.label(), h.detail(), SearchSections.link(type, h.key()))).toList())));
            }
        }
        for (SearchSectionProvider p : providers) {
            List<Result> hits = p.search(auth, q, perSection);
            if (!hits.isEmpty()) {
                sections.add(new Positioned(p.position(), new Section(p.type(), p.title(), hits)));
            }
        }
        sections.sort(java.util.Comparator.comparingInt(Positioned::position));
        return new Answer(q, data ? direct(q, idx, seen) : Optional.empty(), sections.stream().map(Positioned::section).toList());
    }

    private record Positioned(int position, Section section) {
    }

    /** IPs always open their page; a URL or domain does when written as a URL or when our telemetry has seen it. */
    private static Optional<String> direct(String q, SearchIndex idx, Set<String> seen) {
        if (Network.isIp(q)) {
            return Optional.of(EntityLinks.ip(q));
        }
        Optional<String> domain = Network.domainOf(q);
        if (domain.isPresent() && (q.contains("://") || !idx.search(domain.get(), SearchSections.URL, 1,
                h -> h.key().equals(domain.get()), seen).isEmpty())) {
            return Optional.of(EntityLinks.url(domain.get()));
        }
        return Optional.empty();
    }
}
