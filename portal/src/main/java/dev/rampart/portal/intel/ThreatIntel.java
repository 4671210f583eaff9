package dev.rampart.portal.intel;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.detection.DetectionRule;
import dev.rampart.portal.detection.DetectionRules;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.IncidentService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The imported intelligence as the threat-intelligence pages read it: profiles of actors, tools and campaigns, ATT&CK
 * techniques and tactics, threat reports, and how each meets this organisation — alerts of the caller's scope tagged
 * with a technique in the last {@value #DAYS} days, detection rules tagged with it, and alerts raised by the portal
 * indicators a report's STIX indicators gave.
 */
@Service
public class ThreatIntel implements dev.rampart.portal.incidents.TechniqueCatalog {
    static final int DAYS = 30;
    static final Map<String, List<String>> KINDS = Map.of("actors", List.of("intrusion-set", "threat-actor"), "tools", List.of("malware", "tool"),
            "campaigns", List.of("campaign"), "techniques", List.of("attack-pattern"), "vulnerabilities", List.of("vulnerability"),
            "mitigations", List.of("course-of-action"));
    private static final String COLUMNS = "stix_id, stix_type, name, external_id, url, description, aliases, labels, sort_order, subtechnique, revoked, "
            + "deprecated, pattern, first_seen, last_seen, published, modified, source_name";

    private final JdbcClient jdbc;
    private final IncidentService incidents;
    private final DetectionRules rules;
    private final dev.rampart.portal.vulnerabilities.VulnerabilityData vulnerabilities;

    ThreatIntel(JdbcClient jdbc, IncidentService incidents, DetectionRules rules, dev.rampart.portal.vulnerabilities.VulnerabilityData vulnerabilities) {
        this.jdbc = jdbc;
        this.vulnerabilities = vulnerabilities;
        this.incidents = incidents;
        this.rules = rules;
    }

    /** One imported object. {@code labels}: report types, labels, or a technique's tactic short names. */
    public record Item(String id, String type, String name, String externalId, String url, String description, List<String> aliases,
                       List<String> labels, Integer order, boolean subtechnique, boolean revoked, boolean deprecated, String pattern,
                       Instant firstSeen, Instant lastSeen, Instant published, Instant modified, String source) {
        /** The id pages link with: the ATT&CK id when there is one, else the STIX id. */
        public String key() {
            return externalId != null && !type.equals("vulnerability") ? externalId : id;
        }

        public String typeLabel() {
            return ThreatIntel.typeLabel(type, subtechnique);
        }

        public boolean active() {
            return !revoked && !deprecated;
        }
    }

    /** How pages name a STIX type. */
    static String typeLabel(String type, boolean subtechnique) {
        return switch (type) {
            case "intrusion-set" -> "Activity group";
            case "threat-actor" -> "Threat actor";
            case "malware" -> "Malware";
            case "tool" -> "Tool";
            case "campaign" -> "Campaign";
            case "attack-pattern" -> subtechnique ? "Sub-technique" : "Technique";
            case "x-mitre-tactic" -> "Tactic";
            case "report" -> "Report";
            case "indicator" -> "Indicator";
            case "vulnerability" -> "Vulnerability";
            case "course-of-action" -> "Mitigation";
            default -> type;
        };
    }

    /** A profile in a list: how many techniques it uses and how many of them alerted here. */
    public record ProfileRow(Item item, int techniques, int seenHere) {
    }

    /** A technique with this organisation's view of it. */
    public record TechniqueUse(Item technique, String tactic, long alerts, int rules) {
    }

    /** A tactic column of the matrix. */
    public record Column(Item tactic, List<Cell> cells) {
    }

    /** A parent technique in the matrix, with its sub-techniques counted in. {@code marked}: used by the chosen profile. */
    public record Cell(Item technique, int subtechniques, long alerts, int rules, boolean marked) {
    }

    /** Everything a profile page shows. */
    public record Profile(Item item, TechniqueUse self, List<TechniqueUse> techniques, List<Item> related, List<Item> reports, List<Item> usedBy,
                          List<Item> indicators, Map<String, String> tacticNames, List<Item> mitigations) {
    }

    /** A report in the list, with the alerts its indicators raised in the caller's scope. */
    public record ReportRow(Item report, int techniques, int indicators, int matchedIndicators, long activeAlerts, long resolvedAlerts, int devices,
                            int vulnerabilities, long vulnerableDevices) {
    }

    /** A mitigation for a report: the course of action and the report's techniques, tools or malware it mitigates. */
    public record Mitigation(Item action, List<Item> mitigates) {
    }

    /** A vulnerability a report names and the caller's devices exposed to it ({@code devices} -1: the caller may not read exposure). */
    public record Exposure(Item vulnerability, String cveId, long devices) {
    }

    /** A STIX indicator of a report; {@code matches}: the alerts of the caller's scope its portal indicators raised. */
    public record IndicatorUse(Item indicator, List<Long> portalIndicators, long matches) {
    }

    /** Everything a report page shows. */
    public record Report(Item report, List<Item> actors, List<Item> tools, List<Item> campaigns, List<TechniqueUse> techniques,
                         List<IndicatorUse> indicators, List<Alert> alerts, List<Long> incidents, List<String> devices, List<String> users,
                         Map<String, long[]> alertsByDay, List<Exposure> exposure, boolean exposureVisible, long activeAlerts, long resolvedAlerts,
                         long vulnerableDevices, List<Mitigation> mitigations) {
    }

    /** A day as yyyy-MM-dd (UTC): intelligence dates span years, so the year always shows; "—" for none. */
    public static String day(Instant t) {
        return t == null ? "—" : t.toString().substring(0, 10);
    }

    /** Whether any intelligence has been imported. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public boolean imported() {
        return jdbc.sql("SELECT count(*) FROM intel_object").query(Long.class).single() > 0;
    }

    /** Object counts per type ("attack-pattern:sub" for sub-techniques), active ones only (revoked and deprecated left out). */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Map<String, Long> counts() {
        return counts(false);
    }

    /** As {@link #counts()}, only objects with an ATT&CK id. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Map<String, Long> attackCounts() {
        return counts(true);
    }

    private Map<String, Long> counts(boolean attackOnly) {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("SELECT stix_type, subtechnique, count(*) n FROM intel_object WHERE revoked = FALSE AND deprecated = FALSE"
                        + (attackOnly ? " AND external_id IS NOT NULL" : "") + " GROUP BY stix_type, subtechnique")
                .query((rs, n) -> out.put(rs.getString(1) + (rs.getBoolean(2) ? ":sub" : ""), rs.getLong(3))).list();
        return out;
    }

    /** Active profiles of one kind ({@link #KINDS}), filtered by name, alias or ATT&CK id. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<ProfileRow> profiles(String kind, String q) {
        List<String> types = KINDS.getOrDefault(kind, KINDS.get("actors"));
        List<Object> params = new ArrayList<>(types);
        String where = "stix_type IN (" + marks(types.size()) + ") AND revoked = FALSE AND deprecated = FALSE";
        if (q != null && !q.isBlank()) {
            where += " AND (LOWER(name) LIKE ? OR LOWER(aliases) LIKE ? OR LOWER(external_id) = ?)";
            String like = "%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            params.add(like);
            params.add(like);
            params.add(q.strip().toLowerCase(Locale.ROOT));
        }
        List<Item> items = jdbc.sql("SELECT " + COLUMNS + " FROM intel_object WHERE " + where + " ORDER BY LOWER(name) LIMIT 2000")
                .params(params).query((rs, n) -> item(rs)).list();
        Map<String, Long> seen = alertCounts();
        if (kind.equals("techniques")) {
            Map<String, Set<String>> users = new HashMap<>();
            jdbc.sql("SELECT r.target_ref, r.source_ref FROM intel_relationship r WHERE r.relationship_type = 'uses'")
                    .query((rs, n) -> users.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2))).list();
            return items.stream().map(i -> new ProfileRow(i, users.getOrDefault(i.id(), Set.of()).size(), (int) alerts(i, seen))).toList();
        }
        Map<String, Set<String>> uses = kind.equals("mitigations") ? techniquesMitigated() : techniquesUsed();
        return items.stream().map(i -> {
            Set<String> t = uses.getOrDefault(i.id(), Set.of());
            return new ProfileRow(i, t.size(), (int) t.stream().filter(x -> seen.getOrDefault(x, 0L) > 0).count());
        }).toList();
    }

    /** An object by STIX id or ATT&CK id (an active one preferred when an id was reused). */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<Item> find(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM intel_object WHERE stix_id = ? OR UPPER(external_id) = ? ORDER BY revoked, deprecated, modified DESC LIMIT 1")
                .params(key.strip(), key.strip().toUpperCase(Locale.ROOT)).query((rs, n) -> item(rs)).optional();
    }

    /** The profile page of an actor, tool, campaign or technique. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<Profile> profile(String key) {
        Optional<Item> found = find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Item item = found.get();
        Map<String, Long> seen = alertCounts();
        Map<String, Integer> covered = ruleCounts();
        List<TechniqueUse> techniques;
        List<Item> usedBy;
        if (item.type().equals("attack-pattern")) {
            List<Item> subs = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_id IN (SELECT source_ref FROM intel_relationship "
                    + "WHERE relationship_type = 'subtechnique-of' AND target_ref = ?) AND revoked = FALSE AND deprecated = FALSE", item.id());
            techniques = uses(subs, seen, covered);
            usedBy = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_id IN (SELECT source_ref FROM intel_relationship "
                    + "WHERE relationship_type = 'uses' AND target_ref = ?) AND revoked = FALSE AND deprecated = FALSE ORDER BY LOWER(name)", item.id());
        } else {
            techniques = uses(objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_type = 'attack-pattern' AND o.stix_id IN (SELECT target_ref "
                    + "FROM intel_relationship WHERE relationship_type = 'uses' AND source_ref = ?) AND revoked = FALSE AND deprecated = FALSE", item.id()),
                    seen, covered);
            usedBy = List.of();
        }
        // Campaigns attributed to a group, the group a campaign is attributed to, tools and malware either uses (for a
        // technique, what uses it is already "Used by").
        List<Item> related = item.type().equals("attack-pattern") ? List.of() : objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_type <> 'attack-pattern' AND o.stix_type <> 'indicator' "
                + "AND (o.stix_id IN (SELECT target_ref FROM intel_relationship WHERE source_ref = ? AND relationship_type IN ('uses', 'attributed-to')) "
                + "OR o.stix_id IN (SELECT source_ref FROM intel_relationship WHERE target_ref = ? AND relationship_type IN ('uses', 'attributed-to'))) "
                + "AND revoked = FALSE AND deprecated = FALSE ORDER BY stix_type, LOWER(name)", item.id(), item.id());
        List<Item> reports = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_type = 'report' AND o.stix_id IN "
                + "(SELECT report_id FROM intel_report_ref WHERE object_ref = ?) ORDER BY published DESC", item.id());
        List<Item> indicators = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_type = 'indicator' AND o.stix_id IN "
                + "(SELECT source_ref FROM intel_relationship WHERE relationship_type = 'indicates' AND target_ref = ?) ORDER BY LOWER(name)", item.id());
        TechniqueUse self = item.type().equals("attack-pattern") ? uses(List.of(item), seen, covered).get(0) : null;
        // What mitigates it (a technique, tool or malware), or for a mitigation what it mitigates.
        List<Item> mitigations = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE (o.stix_id IN (SELECT source_ref FROM intel_relationship "
                + "WHERE relationship_type = 'mitigates' AND target_ref = ?) OR o.stix_id IN (SELECT target_ref FROM intel_relationship "
                + "WHERE relationship_type = 'mitigates' AND source_ref = ?)) AND revoked = FALSE AND deprecated = FALSE ORDER BY external_id, LOWER(name)",
                item.id(), item.id());
        if (item.type().equals("course-of-action")) {
            techniques = uses(mitigations.stream().filter(m -> m.type().equals("attack-pattern")).toList(), seen, covered);
            mitigations = mitigations.stream().filter(m -> !m.type().equals("attack-pattern")).toList();
        }
        return Optional.of(new Profile(item, self, techniques, related, reports, usedBy, indicators, tacticNames(), mitigations));
    }

    /** The ATT&CK matrix: tactics in kill-chain order, their parent techniques; {@code marking} (a profile key) marks what it uses. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<Column> matrix(String marking, String domain) {
        // Objects imported before domains were kept (NULL) show in every domain.
        String inDomain = " AND (domains IS NULL OR domains LIKE ?)";
        String like = "%" + (domain == null ? "" : domain.replace("%", "").replace("_", "\\_")) + "%";
        List<Item> tactics = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE stix_type = 'x-mitre-tactic' AND revoked = FALSE AND deprecated = FALSE"
                + inDomain + " ORDER BY sort_order, external_id", like);
        List<Item> all = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE stix_type = 'attack-pattern' AND revoked = FALSE AND deprecated = FALSE "
                + "AND external_id IS NOT NULL" + inDomain + " ORDER BY LOWER(name)", like);
        Set<String> marked = new LinkedHashSet<>();
        if (marking != null && !marking.isBlank()) {
            find(marking).ifPresent(p -> marked.addAll(techniquesUsed().getOrDefault(p.id(), Set.of())));
        }
        Map<String, Long> seen = alertCounts();
        Map<String, Integer> covered = ruleCounts();
        Map<String, Integer> subCount = new HashMap<>();
        Set<String> markedParents = new LinkedHashSet<>();
        for (Item t : all) {
            if (t.subtechnique()) {
                subCount.merge(parent(t.externalId()), 1, Integer::sum);
                if (marked.contains(t.externalId())) {
                    markedParents.add(parent(t.externalId()));
                }
            }
        }
        List<Column> out = new ArrayList<>();
        for (Item tactic : tactics) {
            String shortName = tactic.labels().isEmpty() ? "" : tactic.labels().get(0);
            List<Cell> cells = all.stream().filter(t -> !t.subtechnique() && t.labels().contains(shortName))
                    .map(t -> new Cell(t, subCount.getOrDefault(t.externalId(), 0), alerts(t, seen), rulesFor(t.externalId(), covered),
                            marked.contains(t.externalId()) || markedParents.contains(t.externalId())))
                    .toList();
            out.add(new Column(tactic, cells));
        }
        return out;
    }

    /** Reports, newest first, filtered by text and by report type or label; every figure counts only the caller's scope. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<ReportRow> reports(String q, String tag) {
        return reports(q, tag, true);
    }

    /** {@link #reports(String, String)} without device exposure (vulnerable devices -1), for the home card. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<ReportRow> reportsWithoutExposure() {
        return reports(null, null, false);
    }

    private List<ReportRow> reports(String q, String tag, boolean withExposure) {
        List<Object> params = new ArrayList<>();
        String where = "stix_type = 'report' AND revoked = FALSE";
        if (q != null && !q.isBlank()) {
            where += " AND (LOWER(name) LIKE ? OR LOWER(description) LIKE ?)";
            String like = "%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            params.add(like);
            params.add(like);
        }
        List<Item> reports = jdbc.sql("SELECT " + COLUMNS + " FROM intel_object WHERE " + where + " ORDER BY COALESCE(published, modified) DESC LIMIT 500")
                .params(params).query((rs, n) -> item(rs)).list().stream()
                .filter(r -> tag == null || tag.isBlank() || r.labels().stream().anyMatch(l -> l.equalsIgnoreCase(tag.strip()))).toList();
        if (reports.isEmpty()) {
            return List.of();
        }
        // A handful of set-wide queries, whatever the number of reports: this list also feeds a home card.
        Map<String, Set<String>> indicators = pairs(REPORT_INDICATORS, null);
        Map<String, Set<String>> techniques = pairs(REPORT_TECHNIQUES, null);
        Map<String, Set<String>> vulns = pairs(REPORT_VULNERABILITIES, null);
        List<Hit> hits = hits(null);
        Map<String, Alert> visible = visibleAlerts(hits);
        boolean exposureVisible = withExposure && exposureVisible();
        Map<String, String> cveByVuln = new HashMap<>();
        Set<String> allVulns = new LinkedHashSet<>();
        vulns.values().forEach(allVulns::addAll);
        if (exposureVisible && !allVulns.isEmpty()) {
            objectsIn(allVulns).forEach(v -> cveByVuln.put(v.id(), cveOf(v)));
        }
        Map<String, Set<String>> exposed = exposureVisible
                ? vulnerabilities.exposedDevices(cveByVuln.values().stream().filter(java.util.Objects::nonNull).distinct().toList()) : Map.of();
        Map<String, List<Hit>> hitsByReport = new HashMap<>();
        hits.forEach(h -> hitsByReport.computeIfAbsent(h.reportId(), k -> new ArrayList<>()).add(h));
        List<ReportRow> out = new ArrayList<>();
        for (Item r : reports) {
            Set<String> matched = new LinkedHashSet<>();
            Map<String, Alert> alerts = new LinkedHashMap<>();
            for (Hit h : hitsByReport.getOrDefault(r.id(), List.of())) {
                Alert a = visible.get(h.alertId());
                if (a != null) {
                    matched.add(h.indicatorId());
                    alerts.put(a.id(), a);
                }
            }
            long active = alerts.values().stream().filter(a -> a.status() != AlertStatus.RESOLVED).count();
            Set<String> devices = new LinkedHashSet<>();
            alerts.values().forEach(a -> a.evidenceOf(dev.rampart.portal.incidents.EntityType.DEVICE).forEach(e -> devices.add(e.display())));
            Set<String> vulnerable = new java.util.HashSet<>();
            Set<String> reportVulns = vulns.getOrDefault(r.id(), Set.of());
            if (exposureVisible) {
                reportVulns.stream().map(cveByVuln::get).filter(java.util.Objects::nonNull)
                        .forEach(cve -> vulnerable.addAll(exposed.getOrDefault(cve, Set.of())));
            }
            out.add(new ReportRow(r, techniques.getOrDefault(r.id(), Set.of()).size(), indicators.getOrDefault(r.id(), Set.of()).size(), matched.size(),
                    active, alerts.size() - active, devices.size(), reportVulns.size(), exposureVisible ? vulnerable.size() : -1));
        }
        return out;
    }

    /** One report with what it names and what its indicators raised in the caller's scope. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<Report> report(String id) {
        Optional<Item> found = find(id).filter(i -> i.type().equals("report"));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Item r = found.get();
        List<Item> refs = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_id IN (SELECT object_ref FROM intel_report_ref WHERE report_id = ?) "
                + "ORDER BY LOWER(name)", r.id());
        List<Item> actors = refs.stream().filter(i -> KINDS.get("actors").contains(i.type())).toList();
        List<Item> tools = refs.stream().filter(i -> KINDS.get("tools").contains(i.type())).toList();
        List<Item> campaigns = refs.stream().filter(i -> i.type().equals("campaign")).toList();
        Map<String, Long> seen = alertCounts();
        Map<String, Integer> covered = ruleCounts();
        Set<String> techniqueIds = pairs(REPORT_TECHNIQUES, r.id()).getOrDefault(r.id(), Set.of());
        List<Item> techniqueItems = techniqueIds.isEmpty() ? List.of() : objectsIn(techniqueIds);
        Set<String> indicatorIds = pairs(REPORT_INDICATORS, r.id()).getOrDefault(r.id(), Set.of());
        List<Hit> hits = hits(r.id());
        Map<String, Alert> visible = visibleAlerts(hits);
        Map<String, Set<String>> alertsByIndicator = new HashMap<>();
        Map<String, Alert> alerts = new LinkedHashMap<>();
        for (Hit h : hits) {
            Alert a = visible.get(h.alertId());
            if (a != null) {
                alertsByIndicator.computeIfAbsent(h.indicatorId(), k -> new java.util.HashSet<>()).add(a.id());
                alerts.put(a.id(), a);
            }
        }
        Map<String, List<Long>> links = new HashMap<>();
        if (!indicatorIds.isEmpty()) {
            jdbc.sql("SELECT stix_id, indicator_id FROM intel_indicator_link WHERE stix_id IN (" + marks(indicatorIds.size()) + ") ORDER BY indicator_id")
                    .params(new ArrayList<Object>(indicatorIds)).query((rs, n) -> links.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        }
        List<IndicatorUse> indicators = (indicatorIds.isEmpty() ? List.<Item>of() : objectsIn(indicatorIds)).stream()
                .map(i -> new IndicatorUse(i, links.getOrDefault(i.id(), List.of()), alertsByIndicator.getOrDefault(i.id(), Set.of()).size()))
                .sorted(Comparator.comparingLong(IndicatorUse::matches).reversed().thenComparing(u -> u.indicator().name())).toList();
        Set<Long> incidentIds = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        Map<String, long[]> byDay = new TreeMap<>();
        for (Alert a : alerts.values()) {
            incidentIds.add(a.incidentId());
            a.evidenceOf(dev.rampart.portal.incidents.EntityType.DEVICE).forEach(e -> devices.add(e.display()));
            a.evidenceOf(dev.rampart.portal.incidents.EntityType.USER).forEach(e -> users.add(e.display()));
            long[] n = byDay.computeIfAbsent(a.createdAt().toString().substring(0, 10), k -> new long[2]);
            n[a.status() == AlertStatus.RESOLVED ? 1 : 0]++;
        }
        // Exposure: per CVE, and the distinct devices over all of them.
        Set<String> vulnIds = pairs(REPORT_VULNERABILITIES, r.id()).getOrDefault(r.id(), Set.of());
        List<Item> vulns = vulnIds.isEmpty() ? List.of() : objectsIn(vulnIds).stream().sorted(Comparator.comparing(Item::name)).toList();
        boolean exposureVisible = exposureVisible();
        Map<String, Set<String>> exposed = exposureVisible
                ? vulnerabilities.exposedDevices(vulns.stream().map(ThreatIntel::cveOf).filter(java.util.Objects::nonNull).distinct().toList()) : Map.of();
        Set<String> vulnerable = new java.util.HashSet<>();
        exposed.values().forEach(vulnerable::addAll);
        List<Exposure> exposure = vulns.stream().map(v -> new Exposure(v, cveOf(v), !exposureVisible ? -1
                : cveOf(v) == null ? 0 : exposed.getOrDefault(cveOf(v), Set.of()).size())).toList();
        long active = alerts.values().stream().filter(a -> a.status() != AlertStatus.RESOLVED).count();
        List<Alert> alertList = alerts.values().stream().sorted(Comparator.comparing(Alert::createdAt).reversed()).limit(ALERTS_SHOWN).toList();
        return Optional.of(new Report(r, actors, tools, campaigns, uses(techniqueItems, seen, covered), indicators, alertList, List.copyOf(incidentIds),
                List.copyOf(devices), List.copyOf(users), byDay, exposure, exposureVisible, active, alerts.size() - active, exposureVisible ? vulnerable.size() : -1,
                mitigations(r.id(), techniqueIds)));
    }


    @Override
    public Map<String, String> names(java.util.Collection<String> ids) {
        List<String> wanted = ids.stream().filter(java.util.Objects::nonNull).map(i -> i.strip().toUpperCase(Locale.ROOT)).distinct().limit(200).toList();
        Map<String, String> out = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        List<String> withParents = new ArrayList<>(wanted);
        wanted.stream().filter(i -> i.contains(".")).map(ThreatIntel::parent).filter(p -> !withParents.contains(p)).forEach(withParents::add);
        Map<String, String> found = new HashMap<>();
        jdbc.sql("SELECT UPPER(external_id), name FROM intel_object WHERE stix_type = 'attack-pattern' AND revoked = FALSE AND UPPER(external_id) IN ("
                        + marks(withParents.size()) + ")")
                .params(new ArrayList<Object>(withParents)).query((rs, n) -> found.put(rs.getString(1), rs.getString(2))).list();
        for (String id : wanted) {
            if (found.containsKey(id)) {
                String parentName = id.contains(".") ? found.get(parent(id)) : null;
                out.put(id, parentName == null ? found.get(id) : parentName + ": " + found.get(id));
            }
        }
        return out;
    }

    /** The ATT&CK domains of the imported tactics, enterprise first (empty when none were recorded). */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<String> domains() {
        Set<String> out = new java.util.TreeSet<>(Comparator.comparing((String d) -> !d.equals("enterprise-attack")).thenComparing(d -> d));
        jdbc.sql("SELECT DISTINCT domains FROM intel_object WHERE stix_type = 'x-mitre-tactic' AND domains IS NOT NULL").query(String.class).list()
                .forEach(d -> out.addAll(List.of(d.split(","))));
        return List.copyOf(out);
    }

    /** The tactic names by short name (execution → Execution), for labelling techniques; enterprise names win a clash. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Map<String, String> tacticNames() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Item t : objects("SELECT " + COLUMNS + " FROM intel_object o WHERE stix_type = 'x-mitre-tactic' AND revoked = FALSE "
                + "ORDER BY CASE WHEN domains LIKE '%enterprise-attack%' THEN 1 ELSE 0 END, sort_order, external_id")) {
            if (!t.labels().isEmpty()) {
                out.put(t.labels().get(0), t.name());
            }
        }
        return out;
    }

    /** An imported indicator naming a value, the reports that carry it and what it indicates. */
    public record Named(Item indicator, String value, List<Item> reports, List<Item> indicates) {
    }

    /**
     * Imported STIX indicators whose patterns name one of {@code values} (IPs, domains, URLs, hashes; compared in lower
     * case; a domain also finds URLs on it), at most 20.
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<Named> named(List<String> values) {
        List<String> wanted = values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().toLowerCase(Locale.ROOT)).distinct().limit(10).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(wanted);
        StringBuilder urlHosts = new StringBuilder();
        // A domain or address also finds URLs on that host (URL values keep their case: compare in lower case).
        for (String w : wanted.stream().filter(w -> !w.matches("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")).toList()) {
            urlHosts.append(" OR (v.value_type = 'URL' AND (LOWER(v.indicator_value) LIKE ? OR LOWER(v.indicator_value) LIKE ?))");
            String host = w.replace("%", "").replace("_", "\\_");
            params.add("%://" + host + "/%");
            params.add("%://" + host);
        }
        Map<String, String> hits = new LinkedHashMap<>();
        jdbc.sql("SELECT v.stix_id, v.indicator_value FROM intel_indicator_value v WHERE v.indicator_value IN (" + marks(wanted.size()) + ")" + urlHosts + " LIMIT 20")
                .params(params).query((rs, n) -> hits.putIfAbsent(rs.getString(1), rs.getString(2))).list();
        List<Named> out = new ArrayList<>();
        for (Map.Entry<String, String> h : hits.entrySet()) {
            find(h.getKey()).ifPresent(ind -> {
                List<Item> reports = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_type = 'report' AND o.stix_id IN (SELECT p.r FROM ("
                        + REPORT_INDICATORS + ") p WHERE p.x = ?) ORDER BY published DESC", ind.id());
                List<Item> indicates = objects("SELECT " + COLUMNS + " FROM intel_object o WHERE o.stix_id IN (SELECT target_ref FROM intel_relationship "
                        + "WHERE relationship_type = 'indicates' AND source_ref = ?) AND o.stix_type <> 'report' ORDER BY LOWER(name)", ind.id());
                out.add(new Named(ind, h.getValue(), reports, indicates));
            });
        }
        return out;
    }

    /** Whether the caller may read device exposure (Vulnerability management, read). */
    public boolean exposureVisible() {
        return dev.rampart.portal.access.AccessPolicy.can(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication(),
                dev.rampart.portal.access.Permission.VULNERABILITY_MANAGEMENT_READ);
    }

    // Courses of action the report lists, and those mitigating its techniques or what it lists.
    private List<Mitigation> mitigations(String reportId, Set<String> techniqueIds) {
        Set<String> targets = new LinkedHashSet<>(techniqueIds);
        jdbc.sql("SELECT object_ref FROM intel_report_ref WHERE report_id = ?").param(reportId).query(String.class).list().forEach(targets::add);
        Map<String, List<String>> byAction = new LinkedHashMap<>();
        jdbc.sql("SELECT o.stix_id FROM intel_object o JOIN intel_report_ref rr ON rr.object_ref = o.stix_id WHERE rr.report_id = ? AND o.stix_type = 'course-of-action'")
                .param(reportId).query(String.class).list().forEach(id -> byAction.put(id, new ArrayList<>()));
        List<String> all = new ArrayList<>(targets);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.sql("SELECT source_ref, target_ref FROM intel_relationship WHERE relationship_type = 'mitigates' AND target_ref IN (" + marks(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk)).query((rs, n) -> byAction.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2))).list();
        }
        if (byAction.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(byAction.keySet());
        byAction.values().forEach(ids::addAll);
        Map<String, Item> items = new HashMap<>();
        objectsIn(ids).forEach(i -> items.put(i.id(), i));
        return byAction.entrySet().stream().filter(e -> items.containsKey(e.getKey()) && items.get(e.getKey()).active())
                .map(e -> new Mitigation(items.get(e.getKey()), e.getValue().stream().map(items::get).filter(java.util.Objects::nonNull).distinct().toList()))
                .sorted(Comparator.comparingInt((Mitigation m) -> -m.mitigates().size()).thenComparing(m -> m.action().name())).toList();
    }

    private static String cveOf(Item v) {
        String id = v.externalId() != null ? v.externalId() : v.name();
        return id != null && id.toUpperCase(Locale.ROOT).matches("CVE-\\d{4}-\\d{4,}") ? id.toUpperCase(Locale.ROOT) : null;
    }

    // Report → STIX indicators: those it lists, those indicating something it lists, those indicating the report.
    private static final String REPORT_INDICATORS = "SELECT rr.report_id AS r, rr.object_ref AS x FROM intel_report_ref rr JOIN intel_object o "
            + "ON o.stix_id = rr.object_ref WHERE o.stix_type = 'indicator' "
            + "UNION SELECT rr.report_id, ir.source_ref FROM intel_report_ref rr JOIN intel_relationship ir ON ir.target_ref = rr.object_ref "
            + "WHERE ir.relationship_type = 'indicates' "
            + "UNION SELECT ir.target_ref, ir.source_ref FROM intel_relationship ir JOIN intel_object rep ON rep.stix_id = ir.target_ref "
            + "WHERE ir.relationship_type = 'indicates' AND rep.stix_type = 'report'";
    // Report → techniques: those it lists, and those its actors, tools and campaigns use.
    private static final String REPORT_TECHNIQUES = "SELECT rr.report_id AS r, o.stix_id AS x FROM intel_report_ref rr JOIN intel_object o "
            + "ON o.stix_id = rr.object_ref WHERE o.stix_type = 'attack-pattern' AND o.revoked = FALSE "
            + "UNION SELECT rr.report_id, o.stix_id FROM intel_report_ref rr JOIN intel_relationship ur ON ur.source_ref = rr.object_ref "
            + "AND ur.relationship_type = 'uses' JOIN intel_object o ON o.stix_id = ur.target_ref WHERE o.stix_type = 'attack-pattern' AND o.revoked = FALSE";
    // Report → vulnerabilities: those it lists, and those what it lists targets or exploits.
    private static final String REPORT_VULNERABILITIES = "SELECT rr.report_id AS r, o.stix_id AS x FROM intel_report_ref rr JOIN intel_object o "
            + "ON o.stix_id = rr.object_ref WHERE o.stix_type = 'vulnerability' "
            + "UNION SELECT rr.report_id, o.stix_id FROM intel_report_ref rr JOIN intel_relationship tr ON tr.source_ref = rr.object_ref "
            + "AND tr.relationship_type IN ('targets', 'exploits') JOIN intel_object o ON o.stix_id = tr.target_ref WHERE o.stix_type = 'vulnerability'";
    /** Alerts a report page lists; its counts cover every alert read ({@value #MAX_HITS} indicator matches at most). */
    static final int ALERTS_SHOWN = 200;
    static final int MAX_HITS = 20_000;

    private Map<String, Set<String>> pairs(String query, String reportId) {
        Map<String, Set<String>> out = new HashMap<>();
        String sql = "SELECT p.r, p.x FROM (" + query + ") p" + (reportId == null ? "" : " WHERE p.r = ?");
        var spec = jdbc.sql(sql);
        if (reportId != null) {
            spec = spec.param(reportId);
        }
        spec.query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2))).list();
        return out;
    }

    /** An alert a report's indicator raised: report, STIX indicator, alert. */
    private record Hit(String reportId, String indicatorId, String alertId) {
    }

    // The newest indicator matches that raised alerts, of one report or all; visibility is decided afterwards.
    private List<Hit> hits(String reportId) {
        String sql = "SELECT p.r, p.x, m.alert_id, max(m.matched_at) t FROM (" + REPORT_INDICATORS + ") p JOIN intel_indicator_link l ON l.stix_id = p.x "
                + "JOIN indicator_match m ON m.indicator_id = l.indicator_id WHERE m.alert_id IS NOT NULL" + (reportId == null ? "" : " AND p.r = ?")
                + " GROUP BY p.r, p.x, m.alert_id ORDER BY t DESC LIMIT " + MAX_HITS;
        var spec = jdbc.sql(sql);
        if (reportId != null) {
            spec = spec.param(reportId);
        }
        return spec.query((rs, n) -> new Hit(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    // The hits' alerts the caller's data scope shows, by id.
    private Map<String, Alert> visibleAlerts(List<Hit> hits) {
        List<String> ids = hits.stream().map(Hit::alertId).distinct().toList();
        Map<String, Alert> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            incidents.alertsWithIds(chunk, chunk.size()).forEach(a -> out.put(a.id(), a));
        }
        return out;
    }


    private List<TechniqueUse> uses(List<Item> techniques, Map<String, Long> seen, Map<String, Integer> covered) {
        Map<String, String> tactics = tacticNames();
        List<String> order = new ArrayList<>(tactics.keySet());
        List<TechniqueUse> out = new ArrayList<>();
        for (Item t : techniques) {
            String tactic = t.labels().stream().filter(tactics::containsKey).min(Comparator.comparingInt(order::indexOf)).orElse(t.labels().isEmpty() ? "" : t.labels().get(0));
            out.add(new TechniqueUse(t, tactics.getOrDefault(tactic, tactic), alerts(t, seen), rulesFor(t.externalId(), covered)));
        }
        out.sort(Comparator.comparingInt((TechniqueUse u) -> order.indexOf(u.technique().labels().stream().filter(tactics::containsKey)
                .min(Comparator.comparingInt(order::indexOf)).orElse(""))).thenComparing(u -> String.valueOf(u.technique().externalId())));
        return out;
    }

    // Technique id → alerts of the caller's scope in the window.
    private Map<String, Long> alertCounts() {
        Map<String, Long> out = new HashMap<>();
        incidents.techniqueCounts(Instant.now().minus(Duration.ofDays(DAYS))).forEach((k, v) -> out.merge(k.toUpperCase(Locale.ROOT), v, Long::sum));
        return out;
    }

    // Technique id → enabled detection rules tagged with it or (for a parent) with one of its sub-techniques, each rule once.
    private Map<String, Integer> ruleCounts() {
        Map<String, Integer> out = new HashMap<>();
        for (String tags : rules.enabledTechniqueLists()) {
            IncidentService.withParents(tags).forEach(t -> out.merge(t, 1, Integer::sum));
        }
        return out;
    }

    private static long alerts(Item t, Map<String, Long> seen) {
        return t.externalId() == null ? 0 : seen.getOrDefault(t.externalId().toUpperCase(Locale.ROOT), 0L);
    }

    private static int rulesFor(String externalId, Map<String, Integer> covered) {
        return externalId == null ? 0 : covered.getOrDefault(externalId.toUpperCase(Locale.ROOT), 0);
    }


    private static String parent(String externalId) {
        int dot = externalId.indexOf('.');
        return dot < 0 ? externalId : externalId.substring(0, dot);
    }

    // Mitigation id → ATT&CK ids of the techniques it mitigates.
    private Map<String, Set<String>> techniquesMitigated() {
        Map<String, Set<String>> out = new HashMap<>();
        jdbc.sql("SELECT r.source_ref, o.external_id FROM intel_relationship r JOIN intel_object o ON o.stix_id = r.target_ref "
                        + "WHERE r.relationship_type = 'mitigates' AND o.stix_type = 'attack-pattern' AND o.revoked = FALSE AND o.external_id IS NOT NULL")
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2).toUpperCase(Locale.ROOT))).list();
        return out;
    }

    // Profile id → ATT&CK ids of the techniques it uses.
    private Map<String, Set<String>> techniquesUsed() {
        Map<String, Set<String>> out = new HashMap<>();
        jdbc.sql("SELECT r.source_ref, o.external_id FROM intel_relationship r JOIN intel_object o ON o.stix_id = r.target_ref "
                        + "WHERE r.relationship_type = 'uses' AND o.stix_type = 'attack-pattern' AND o.revoked = FALSE AND o.deprecated = FALSE AND o.external_id IS NOT NULL")
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2).toUpperCase(Locale.ROOT))).list();
        return out;
    }

    private List<Item> objectsIn(Set<String> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM intel_object WHERE stix_id IN (" + marks(ids.size()) + ")")
                .params(new ArrayList<>(ids)).query((rs, n) -> item(rs)).list();
    }

    private List<Item> objects(String sql, Object... params) {
        return jdbc.sql(sql).params(Arrays.asList(params)).query((rs, n) -> item(rs)).list();
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Item item(ResultSet rs) throws SQLException {
        Object sort = rs.getObject("sort_order");
        Integer order = sort == null ? null : ((Number) sort).intValue();
        return new Item(rs.getString("stix_id"), rs.getString("stix_type"), rs.getString("name"), rs.getString("external_id"), rs.getString("url"),
                rs.getString("description"), lines(rs.getString("aliases")), lines(rs.getString("labels")), order,
                rs.getBoolean("subtechnique"), rs.getBoolean("revoked"), rs.getBoolean("deprecated"), rs.getString("pattern"),
                instant(rs, "first_seen"), instant(rs, "last_seen"), instant(rs, "published"), instant(rs, "modified"), rs.getString("source_name"));
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
