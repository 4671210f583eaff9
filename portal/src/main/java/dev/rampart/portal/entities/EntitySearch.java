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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * Global search over devices, users, files, IPs, domains, pages and the sections features index with it (CVEs,
 * software, recommendations). The Lucene index is rebuilt from the event store in the background ({@link #rebuild()});
 * searches use whichever index is current and never wait for a rebuild.
 */
@Service
public class EntitySearch {
    private static final Logger log = LoggerFactory.getLogger(EntitySearch.class);
    /**
     * How long a caller's visible devices are reused between keystrokes. Resolving a scope reads the role tables and
     * walks every device of the caller's groups, which would otherwise dominate a suggestion's time.
     */
    static final Duration SCOPE_TTL = Duration.ofSeconds(10);

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

    /** One build: the index and, per indexed section, the rule that presents its hits. */
    private record Built(SearchIndex index, Map<String, IndexedSection.Build> sections) {
    }

    private record CachedDevices(DeviceFilter devices, long expires) {
    }

    private final EntityCatalog catalog;
    private final EventStore store;
    private final DataScopes scopes;
    private final List<SearchSectionProvider> providers;
    private final List<IndexedSection> indexed;
    private final AtomicBoolean building = new AtomicBoolean();
    private final Map<String, CachedDevices> scopeCache = new ConcurrentHashMap<>();
    private volatile Built built = new Built(SearchIndex.build(List.of()), Map.of());
    private volatile Instant builtAt;
    private volatile long fingerprint = -1;

    EntitySearch(EntityCatalog catalog, EventStore store, DataScopes scopes, List<SearchSectionProvider> providers, List<IndexedSection> indexed) {
        this.catalog = catalog;
        this.store = store;
        this.scopes = scopes;
        this.providers = List.copyOf(providers);
        this.indexed = List.copyOf(indexed);
    }

    /** Rebuilds the index now (one rebuild at a time; a concurrent call returns false at once). */
    public boolean rebuild() {
        if (!building.compareAndSet(false, true)) {
            return false;
        }
        try {
            long t0 = System.nanoTime();
            long fp = dataFingerprint();
            List<SearchIndex.Entry> entries = new ArrayList<>(catalog.entries());
            Map<String, IndexedSection.Build> builds = new HashMap<>();
            for (IndexedSection s : indexed) {
                IndexedSection.Build b = s.load();
                builds.put(s.type(), b);
                entries.addAll(b.entries());
            }
            Built fresh = new Built(SearchIndex.build(entries), Map.copyOf(builds));
            built = fresh;
            fingerprint = fp;
            builtAt = Instant.now();
            log.info("search index rebuilt: {} entries in {} ms", fresh.index().size(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
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
        return built.index().size();
    }

    public Optional<Instant> builtAt() {
        return Optional.ofNullable(builtAt);
    }

    /**
     * Searches every section the user may see, at most {@code perSection} hits each. Device hits, and hits of indexed
     * sections derived from devices, are limited to the devices of the user's data scope (the index holds them all).
     */
    public Answer search(Authentication auth, String text, int perSection) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty() || q.length() > 200) {
            return new Answer(q, Optional.empty(), List.of());
        }
        boolean data = AccessPolicy.can(auth, Permission.SECURITY_DATA_READ);
        Built b = built;
        DataScope scope = data ? scopes.of(auth) : DataScope.NONE;
        // Users, files, addresses and domains come from the whole organisation: a scoped caller gets those seen in its scope.
        Set<String> seen = !scope.restricted() ? null : SeenIn.allowed(scope, store.schema().tables().stream().map(t -> t.workload()).distinct().toList(),
                AccessPolicy.can(auth, Permission.EMAIL_METADATA_READ) && scopes.of(auth, Permission.EMAIL_METADATA_READ).workloadVisible("email"));
        Map<String, Set<String>> seenAny = new HashMap<>();
        if (seen != null) {
            SearchSections.ORDER.stream().filter(t -> !t.equals(SearchSections.DEVICE) && !t.equals(SearchSections.PAGE)).forEach(t -> seenAny.put(t, seen));
        }
        java.util.Set<String> held = new java.util.HashSet<>();
        for (Permission p : Permission.values()) {
            if (AccessPolicy.can(auth, p)) {
                held.add(p.name());
            }
        }
        Predicate<Hit> permitted = h -> h.permission() == null || held.contains(h.permission());
        // Resolved once per search, not per candidate hit: the filters are shared by every match the collector sees.
        DeviceFilter endpoint = data ? devices(auth, DataScopes.ENDPOINT) : DeviceFilter.NONE;
        Map<String, DeviceFilter> sectionDevices = new HashMap<>();
        Map<String, Predicate<Hit>> wanted = new LinkedHashMap<>();
        for (String type : SearchSections.ORDER) {
            if (type.equals(SearchSections.PAGE)) {
                wanted.put(type, permitted);
            } else if (data) {
                wanted.put(type, type.equals(SearchSections.DEVICE) ? permitted.and(h -> endpoint.coversId(h.key())) : permitted);
            }
        }
        for (IndexedSection s : indexed) {
            IndexedSection.Build sb = b.sections().get(s.type());
            if (sb != null) {
                DeviceFilter visible = sectionDevices.computeIfAbsent(s.workload(), w -> devices(auth, w));
                wanted.put(s.type(), permitted.and(h -> sb.present(h, visible).isPresent()));
            }
        }
        Map<String, List<Hit>> found = b.index().searchAll(q, wanted, perSection, seenAny);
        List<Positioned> sections = new ArrayList<>();
        for (String type : SearchSections.ORDER) {
            List<Hit> hits = found.get(type);
            if (hits != null) {
                sections.add(new Positioned((SearchSections.ORDER.indexOf(type) + 1) * 10, new Section(type, SearchSections.title(type),
                        hits.stream().map(h -> new Result(h.label(), h.detail(), SearchSections.link(type, h.key()))).toList())));
            }
        }
        for (IndexedSection s : indexed) {
            List<Hit> hits = found.get(s.type());
            IndexedSection.Build sb = b.sections().get(s.type());
            if (hits != null && sb != null) {
                DeviceFilter visible = sectionDevices.get(s.workload());
                List<Result> shown = hits.stream().map(h -> sb.present(h, visible)).flatMap(Optional::stream).toList();
                if (!shown.isEmpty()) {
                    sections.add(new Positioned(s.position(), new Section(s.type(), s.title(), shown)));
                }
            }
        }
        for (SearchSectionProvider p : providers) {
            List<Result> hits = p.search(auth, q, perSection);
            if (!hits.isEmpty()) {
                sections.add(new Positioned(p.position(), new Section(p.type(), p.title(), hits)));
            }
        }
        sections.sort(Comparator.comparingInt(Positioned::position));
        return new Answer(q, data ? direct(q, b.index(), seen) : Optional.empty(), sections.stream().map(Positioned::section).toList());
    }

    /** The caller's visible devices in {@code workload}, reused for {@link #SCOPE_TTL}. */
    private DeviceFilter devices(Authentication auth, String workload) {
        if (auth == null) {
            return DeviceFilter.NONE;
        }
        StringBuilder key = new StringBuilder(auth.getName()).append('\u0000').append(workload);
        for (GrantedAuthority a : auth.getAuthorities()) {
            key.append('\u0000').append(a.getAuthority());
        }
        String k = key.toString();
        long now = System.nanoTime();
        CachedDevices c = scopeCache.get(k);
        if (c == null || c.expires() - now < 0) {
            if (scopeCache.size() > 10_000) {
                scopeCache.clear();
            }
            c = new CachedDevices(scopes.devices(scopes.of(auth), List.of(workload)), now + SCOPE_TTL.toNanos());
            scopeCache.put(k, c);
        }
        return c.devices();
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
