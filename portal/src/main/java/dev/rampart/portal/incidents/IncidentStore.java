package dev.rampart.portal.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the incident, alert, evidence, tag, activity and comment tables. No rules here: see the services. */
@Repository
class IncidentStore {
    static final String ALERT_COLUMNS = "a.id, a.incident_id, a.title, a.description, a.severity, a.status, a.classification, a.determination, "
            + "a.category, a.mitre_techniques, a.detection_source, a.service_source, a.detector_id, a.assigned_to, a.recommended_actions, "
            + "a.first_activity_at, a.last_activity_at, a.created_at, a.last_update_at, a.resolved_at, a.reason_linked, a.evidence";
    static final String INCIDENT_COLUMNS = "i.id, i.display_name, i.status, i.severity, i.severity_set_by_user, i.assigned_to, i.classification, "
            + "i.determination, i.redirect_incident_id, i.resolving_comment, i.created_at, i.last_update_at, i.first_activity_at, "
            + "i.last_activity_at, i.alert_count";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final EntityIncidentIndex index;
    private final KnownEntities known;
    private final IncidentCandidates cached;
    private final java.util.concurrent.atomic.AtomicReference<java.util.NavigableSet<String>> serviceSources = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<java.util.NavigableSet<String>> detectionSources = new java.util.concurrent.atomic.AtomicReference<>();
    /** Marks a transaction already registered with the index, so each registers once. */
    private static final Object WRITER_KEY = new Object();

    IncidentStore(JdbcClient jdbc, JdbcTemplate batch,
                  @org.springframework.beans.factory.annotation.Value("${rampart.correlation.cached-entities:500000}") int cachedEntities) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.index = new EntityIncidentIndex(cachedEntities);
        this.known = new KnownEntities(Math.max(cachedEntities, 1) * 8);
        this.cached = new IncidentCandidates(Math.max(cachedEntities / 2, 1));
    }

    /**
     * This transaction changes incident rows or which incident alerts belong to: the entity index and the candidate
     * cache are told when it ends (a rollback empties them) and, meanwhile, do not cache what other threads read.
     */
    private void writing() {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()
                || org.springframework.transaction.support.TransactionSynchronizationManager.hasResource(WRITER_KEY)) {
            return;
        }
        Thread writer = Thread.currentThread();
        index.writerStarted();
        cached.writerStarted();
        org.springframework.transaction.support.TransactionSynchronizationManager.bindResource(WRITER_KEY, Boolean.TRUE);
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        org.springframework.transaction.support.TransactionSynchronizationManager.unbindResourceIfPossible(WRITER_KEY);
                        index.writerEnded(writer, status == STATUS_COMMITTED);
                        cached.writerEnded(writer, status == STATUS_COMMITTED);
                    }
                });
    }

    /** The incident's row changes in a way the candidate cache does not follow. */
    private void incidentChanged(long incidentId) {
        writing();
        cached.forget(incidentId);
    }

    /** Entities the index holds, for diagnostics and tests. */
    int indexedEntities() {
        return index.size();
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    // ------------------------------------------------------------------ incidents

    long insertIncident(String name, Severity severity, Instant now) {
        writing();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO incident (display_name, name_set_by_user, status, severity, severity_set_by_user, classification, determination, "
                        + "created_at, last_update_at, alert_count) VALUES (?, FALSE, ?, ?, FALSE, ?, ?, ?, ?, 0)")
                .params(name, IncidentStatus.ACTIVE.graph(), severity.graph(), Classification.UNKNOWN.graph(), Determination.UNKNOWN.graph(),
                        utc(now), utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** A new incident holding exactly {@code a}: counts, span, severity and name are known, so nothing is recomputed. */
    long insertIncidentFor(NewAlert a, String name, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO incident (display_name, name_set_by_user, status, severity, severity_set_by_user, classification, determination, "
                        + "created_at, last_update_at, first_activity_at, last_activity_at, alert_count) VALUES (?, FALSE, ?, ?, FALSE, ?, ?, ?, ?, ?, ?, 1)")
                .params(clip(name, 500), IncidentStatus.ACTIVE.graph(), a.severity().graph(), Classification.UNKNOWN.graph(),
                        Determination.UNKNOWN.graph(), utc(now), utc(now), utc(a.firstActivity()), utc(a.lastActivity()))
                .update(key, "id");
        long id = key.getKey().longValue();
        writing();
        cached.written(new Candidate(id, IncidentStatus.ACTIVE, 1, a.severity(), false, clip(name, 500), false, now));
        return id;
    }

    /** What correlation needs to choose a target among linked incidents, without loading tags. */
    record Candidate(long id, IncidentStatus status, int alertCount, Severity severity, boolean severitySetByUser, String displayName, boolean nameSetByUser,
                     Instant lastUpdate) {
    }

    /** The incidents among {@code ids} that exist, from the cache of recently correlated ones where it can answer. */
    Map<Long, Candidate> candidates(Collection<Long> ids) {
        return cached.get(ids, this::loadCandidates);
    }

    private Map<Long, Candidate> loadCandidates(Collection<Long> ids) {
        Map<Long, Candidate> out = new java.util.HashMap<>();
        jdbc.sql("SELECT id, status, alert_count, severity, severity_set_by_user, display_name, name_set_by_user, last_update_at FROM incident WHERE id IN ("
                        + placeholders(ids.size()) + ")")
                .params(new ArrayList<Object>(ids))
                .query(rs -> {
                    out.put(rs.getLong(1), new Candidate(rs.getLong(1), IncidentStatus.parse(rs.getString(2)), rs.getInt(3),
                            Severity.parse(rs.getString(4)), rs.getBoolean(5), rs.getString(6), rs.getBoolean(7), instant(rs, "last_update_at")));
                });
        return out;
    }

    /** Alerts added to an existing incident by one correlation call: the count, span and severity they bring. */
    record Growth(long incidentId, int alerts, Instant first, Instant last, Severity severity, Instant at) {
        Growth plus(NewAlert a, Severity newSeverity, Instant now) {
            return new Growth(incidentId, alerts + 1, a.firstActivity().isBefore(first) ? a.firstActivity() : first,
                    a.lastActivity().isAfter(last) ? a.lastActivity() : last, newSeverity, now);
        }
    }

    /**
     * The incidents gained alerts: the same result as {@link #refresh} for added alerts, one batched statement. A new
     * automatic name in {@code names} for a grown incident is written by the same row update (each update of an
     * incident row rewrites its index entries) and taken out of the map.
     */
    void grown(Collection<Growth> growths, Map<Long, String> names) {
        if (growths.isEmpty()) {
            return;
        }
        writing();
        for (Growth g : growths) {
            String name = names.get(g.incidentId());
            cached.updated(g.incidentId(), c -> new Candidate(c.id(), c.status(), c.alertCount() + g.alerts(),
                    c.severitySetByUser() ? c.severity() : g.severity(), c.severitySetByUser(),
                    name != null && !c.nameSetByUser() ? clip(name, 500) : c.displayName(), c.nameSetByUser(), g.at()));
        }
        batch.batchUpdate("UPDATE incident SET alert_count = alert_count + ?, "
                        + "first_activity_at = CASE WHEN first_activity_at IS NULL OR first_activity_at > ? THEN ? ELSE first_activity_at END, "
                        + "last_activity_at = CASE WHEN last_activity_at IS NULL OR last_activity_at < ? THEN ? ELSE last_activity_at END, "
                        + "severity = CASE WHEN severity_set_by_user THEN severity ELSE ? END, last_update_at = ?, "
                        + "display_name = CASE WHEN CAST(? AS VARCHAR) IS NOT NULL AND name_set_by_user = FALSE THEN ? ELSE display_name END WHERE id = ?",
                growths.stream().map(g -> {
                    String name = names.remove(g.incidentId());
                    String clipped = name == null ? null : clip(name, 500);
                    return new Object[] {g.alerts(), utc(g.first()), utc(g.first()), utc(g.last()), utc(g.last()), g.severity().graph(),
                            utc(g.at()), clipped, clipped, g.incidentId()};
                }).toList());
    }

    /** Automatic names for several incidents (left alone where a user set the name). */
    void renameAll(Map<Long, String> names) {
        if (names.isEmpty()) {
            return;
        }
        writing();
        names.forEach((id, name) -> cached.updated(id, c -> c.nameSetByUser() ? c
                : new Candidate(c.id(), c.status(), c.alertCount(), c.severity(), c.severitySetByUser(), clip(name, 500), false, c.lastUpdate())));
        batch.batchUpdate("UPDATE incident SET display_name = ? WHERE id = ? AND name_set_by_user = FALSE",
                names.entrySet().stream().map(e -> new Object[] {clip(e.getValue(), 500), e.getKey()}).toList());
    }

    Optional<Incident> incident(long id) {
        List<Incident> list = incidents("WHERE i.id = ?", List.of(id), "", 1, 0);
        return list.stream().findFirst();
    }

    List<Incident> incidents(String where, List<Object> params, String orderBy, int limit, long offset) {
        String sql = "SELECT " + INCIDENT_COLUMNS + " FROM incident i " + where + " " + orderBy + " LIMIT " + limit + " OFFSET " + offset;
        List<Incident> rows = jdbc.sql(sql).params(params).query((rs, n) -> incident(rs, List.of())).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<Incident.Tag>> tags = tagsOf(rows.stream().map(Incident::id).toList());
        return rows.stream().map(i -> withTags(i, tags.getOrDefault(i.id(), List.of()))).toList();
    }

    long countIncidents(String where, List<Object> params) {
        return jdbc.sql("SELECT count(*) FROM incident i " + where).params(params).query(Long.class).single();
    }

    private static Incident withTags(Incident i, List<Incident.Tag> tags) {
        return new Incident(i.id(), i.displayName(), i.status(), i.severity(), i.severitySetByUser(), i.assignedTo(), i.classification(),
                i.determination(), i.redirectIncidentId(), i.resolvingComment(), i.createdAt(), i.lastUpdateAt(), i.firstActivity(),
                i.lastActivity(), i.alertCount(), tags);
    }

    private static Incident incident(ResultSet rs, List<Incident.Tag> tags) throws SQLException {
        long redirect = rs.getLong("redirect_incident_id");
        Long redirectId = rs.wasNull() ? null : redirect;
        return new Incident(rs.getLong("id"), rs.getString("display_name"), IncidentStatus.parse(rs.getString("status")),
                Severity.parse(rs.getString("severity")), rs.getBoolean("severity_set_by_user"), rs.getString("assigned_to"),
                Classification.parse(rs.getString("classification")), Determination.parse(rs.getString("determination")), redirectId,
                rs.getString("resolving_comment"), instant(rs, "created_at"), instant(rs, "last_update_at"), instant(rs, "first_activity_at"),
                instant(rs, "last_activity_at"), rs.getInt("alert_count"), tags);
    }

    Map<Long, List<Incident.Tag>> tagsOf(Collection<Long> incidentIds) {
        Map<Long, List<Incident.Tag>> out = new LinkedHashMap<>();
        if (incidentIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT incident_id, tag, system_tag FROM incident_tag WHERE incident_id IN (" + placeholders(incidentIds.size()) + ") ORDER BY system_tag DESC, tag")
                .params(new ArrayList<>(incidentIds))
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Incident.Tag(rs.getString(2), rs.getBoolean(3)));
                });
        return out;
    }

    void update(long incidentId, String column, Object value, Instant now) {
        incidentChanged(incidentId);
        jdbc.sql("UPDATE incident SET " + column + " = ?, last_update_at = ? WHERE id = ?").params(value, utc(now), incidentId).update();
    }

    void touch(long incidentId, Instant now) {
        incidentChanged(incidentId);
        jdbc.sql("UPDATE incident SET last_update_at = ? WHERE id = ?").params(utc(now), incidentId).update();
    }

    void addTag(long incidentId, String tag, boolean system) {
        jdbc.sql("MERGE INTO incident_tag t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(100)), CAST(? AS BOOLEAN))) s(iid, tg, sys) "
                        + "ON t.incident_id = s.iid AND t.tag = s.tg WHEN NOT MATCHED THEN INSERT (incident_id, tag, system_tag) VALUES (s.iid, s.tg, s.sys)")
                .params(incidentId, tag, system).update();
    }

    void removeTag(long incidentId, String tag) {
        jdbc.sql("DELETE FROM incident_tag WHERE incident_id = ? AND tag = ?").params(incidentId, tag).update();
    }

    Map<Long, List<Category>> categoriesOf(Collection<Long> incidentIds) {
        Map<Long, List<Category>> out = new LinkedHashMap<>();
        if (incidentIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT DISTINCT incident_id, category FROM alert WHERE incident_id IN (" + placeholders(incidentIds.size()) + ")")
                .params(new ArrayList<>(incidentIds))
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(Category.parse(rs.getString(2)));
                });
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** The service sources alerts have named, sorted: filter choices of the queue. */
    List<String> serviceSources() {
        return List.copyOf(sources("service_source", serviceSources));
    }

    /** The detection sources alerts have named, sorted. */
    List<String> detectionSources() {
        return List.copyOf(sources("detection_source", detectionSources));
    }

    /**
     * Read once, then kept by {@link #insertAlerts}: an index on these few values cost every alert insert more than
     * the queue saved. A value whose alerts were rolled back stays offered; filtering on it finds nothing.
     */
    private java.util.NavigableSet<String> sources(String column, java.util.concurrent.atomic.AtomicReference<java.util.NavigableSet<String>> ref) {
        java.util.NavigableSet<String> set = ref.get();
        if (set == null) {
            set = new java.util.concurrent.ConcurrentSkipListSet<>(jdbc.sql("SELECT DISTINCT " + column + " FROM alert").query(String.class).list());
            if (!ref.compareAndSet(null, set)) {
                set = ref.get();
            }
        }
        return set;
    }

    /** System tags on incidents still in the queue (merged incidents' "redirected" mark is not one to filter by). */
    List<String> systemTags() {
        return jdbc.sql("SELECT DISTINCT t.tag FROM incident_tag t JOIN incident i ON i.id = t.incident_id WHERE t.system_tag = TRUE AND i.hidden = FALSE "
                + "ORDER BY t.tag").query(String.class).list();
    }

    List<String> knownTags() {
        return jdbc.sql("SELECT DISTINCT tag FROM incident_tag WHERE system_tag = FALSE ORDER BY tag").query(String.class).list();
    }

    /** Recomputes counts, activity span, severity (unless set by hand) from the incident's alerts. */
    void refresh(long incidentId, Instant now) {
        incidentChanged(incidentId);
        jdbc.sql("UPDATE incident SET alert_count = (SELECT count(*) FROM alert a WHERE a.incident_id = incident.id), "
                        + "first_activity_at = (SELECT min(a.first_activity_at) FROM alert a WHERE a.incident_id = incident.id), "
                        + "last_activity_at = (SELECT max(a.last_activity_at) FROM alert a WHERE a.incident_id = incident.id), "
                        + "last_update_at = ? WHERE id = ?")
                .params(utc(now), incidentId).update();
        List<String> sevs = jdbc.sql("SELECT DISTINCT severity FROM alert WHERE incident_id = ?").param(incidentId).query(String.class).list();
        Severity max = sevs.stream().map(Severity::parse).reduce(Severity.INFORMATIONAL, Severity::max);
        jdbc.sql("UPDATE incident SET severity = ? WHERE id = ? AND severity_set_by_user = FALSE").params(max.graph(), incidentId).update();
    }

    void rename(long incidentId, String name, boolean byUser) {
        incidentChanged(incidentId);
        if (byUser) {
            jdbc.sql("UPDATE incident SET display_name = ?, name_set_by_user = TRUE WHERE id = ?").params(clip(name, 500), incidentId).update();
        } else {
            jdbc.sql("UPDATE incident SET display_name = ? WHERE id = ? AND name_set_by_user = FALSE").params(clip(name, 500), incidentId).update();
        }
    }

    IncidentNamer.Facts nameFacts(long incidentId) {
        // A second device fixes the name's scope ("on multiple endpoints"): no need to read further.
        return nameFacts(incidentId, strongKeys(List.of(incidentId), keys -> size(keys, "device") >= 2));
    }

    private IncidentNamer.Facts nameFacts(long incidentId, Map<String, java.util.TreeSet<String>> keys) {
        java.util.Set<Category> categories = new java.util.HashSet<>();
        java.util.Set<String> sources = new java.util.HashSet<>();
        int[] count = {0};
        jdbc.sql("SELECT category, service_source, count(*) FROM alert WHERE incident_id = ? GROUP BY category, service_source").param(incidentId)
                .query(rs -> {
                    categories.add(Category.parse(rs.getString(1)));
                    sources.add(rs.getString(2));
                    count[0] += rs.getInt(3);
                });
        String first = count[0] == 1 ? jdbc.sql("SELECT title FROM alert WHERE incident_id = ?").param(incidentId).query(String.class).single() : null;
        return new IncidentNamer.Facts(count[0], first, categories, sources, size(keys, "device"), size(keys, "user"), size(keys, "mailbox"));
    }

    private static long size(Map<String, java.util.TreeSet<String>> keys, String type) {
        java.util.TreeSet<String> k = keys.get(type);
        return k == null ? 0 : k.size();
    }

    /**
     * The distinct strong entity keys of the incidents' alerts by type, read from the alerts' evidence column
     * ({@code alert_evidence} has no index by alert: see {@link EvidenceOnAlertRow}).
     */
    private Map<String, java.util.TreeSet<String>> strongKeys(Collection<Long> incidentIds,
                                                             java.util.function.Predicate<Map<String, java.util.TreeSet<String>>> enough) {
        Map<String, java.util.TreeSet<String>> out = new java.util.HashMap<>();
        jdbc.sql("SELECT evidence FROM alert WHERE incident_id IN (" + placeholders(incidentIds.size()) + ")")
                .params(new ArrayList<Object>(incidentIds)).query((ResultSet rs) -> {
                    // Stops reading once the caller has its answer: an incident can hold thousands of alerts.
                    while (!enough.test(out) && rs.next()) {
                        for (Evidence e : EvidenceColumn.read(rs.getString(1))) {
                            if (e.strong()) {
                                out.computeIfAbsent(e.type().key(), k -> new java.util.TreeSet<>()).add(clip(e.key(), 1000));
                            }
                        }
                    }
                    return out;
                });
        return out;
    }

    /** The incident's {@link NameState} from its stored alerts (one scan; correlation keeps it up to date afterwards). */
    NameState nameState(long incidentId) {
        // Every key: the state is kept up to date alert by alert afterwards, so it must start complete.
        Map<String, java.util.TreeSet<String>> keys = strongKeys(List.of(incidentId), k -> false);
        IncidentNamer.Facts f = nameFacts(incidentId, keys);
        return new NameState(f.alerts(), f.firstTitle(), f.categories(), f.sources(), ends(keys, "device"), ends(keys, "user"), ends(keys, "mailbox"));
    }

    void clearUserName(long incidentId) {
        incidentChanged(incidentId);
        jdbc.sql("UPDATE incident SET name_set_by_user = FALSE WHERE id = ?").param(incidentId).update();
    }

    void setSeverity(long incidentId, Severity severity, boolean byUser, Instant now) {
        incidentChanged(incidentId);
        jdbc.sql("UPDATE incident SET severity = ?, severity_set_by_user = ?, last_update_at = ? WHERE id = ?")
                .params(severity.graph(), byUser, utc(now), incidentId).update();
    }

    // ------------------------------------------------------------------ activity

    void activity(long incidentId, Instant at, String actor, String kind, String text) {
        activity(incidentId, at, actor, kind, text, null);
    }

    /** An entry about one alert ({@code alertId}): shown only to those whose data scope includes that alert. */
    void activity(long incidentId, Instant at, String actor, String kind, String text, String alertId) {
        jdbc.sql("INSERT INTO incident_activity (incident_id, occurred_at, actor, kind, text, alert_id) VALUES (?, ?, ?, ?, ?, ?)")
                .params(incidentId, utc(at), actor, kind, text.length() > 30_000 ? text.substring(0, 30_000) : text, alertId).update();
    }

    /**
     * The incident's activity log, newest first: the recorded entries plus one entry per alert correlation linked to it,
     * made from the alert row (when and why). Correlation writes no log row per alert: the alert row already says it,
     * and a second row per alert cost as much to write as the alert's evidence. An alert that moved here (a move or a
     * merge) is told by the entries the move wrote; the incident it left keeps its entry as a recorded row.
     */
    /**
     * The incident's log as one viewer sees it: entries about an alert (recorded ones and those made from alert rows)
     * only for alerts {@code alertScope} (over alias a) lets through.
     */
    List<IncidentActivity> activities(long incidentId, dev.rampart.portal.access.DeviceFilter.Sql alertScope) {
        List<Object> recordedParams = new ArrayList<>(List.of(incidentId));
        recordedParams.addAll(alertScope.params());
        String entryScope = alertScope.alwaysTrue() ? ""
                : " AND (v.alert_id IS NULL OR EXISTS (SELECT 1 FROM alert a WHERE a.id = v.alert_id AND " + alertScope.sql() + "))";
        List<IncidentActivity> out = new ArrayList<>(jdbc.sql("SELECT v.id, v.incident_id, v.occurred_at, v.actor, v.kind, v.text FROM incident_activity v "
                        + "WHERE v.incident_id = ?" + entryScope)
                .params(alertScope.alwaysTrue() ? List.of(incidentId) : recordedParams)
                .query((rs, n) -> new IncidentActivity(rs.getLong(1), rs.getLong(2), instant(rs, "occurred_at"), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list());
        List<Object> params = new ArrayList<>(List.of(incidentId));
        params.addAll(alertScope.params());
        jdbc.sql("SELECT a.id, a.title, a.created_at, a.reason_linked FROM alert a WHERE a.incident_id = ? AND a.linked_at = a.created_at AND "
                        + alertScope.sql()).params(params)
                .query(rs -> {
                    out.add(new IncidentActivity(0, incidentId, instant(rs, "created_at"), Correlator.ACTOR, "alert",
                            "Alert " + rs.getString(1) + " added: " + rs.getString(2) + ". " + rs.getString(4)));
                });
        // Alerts of one call share their time: their ids are time-ordered, so the text orders them.
        out.sort(java.util.Comparator.comparing(IncidentActivity::occurredAt).thenComparingLong(IncidentActivity::id)
                .thenComparing(IncidentActivity::text).reversed());
        return out;
    }

    /**
     * Before alerts leave their incident: the entries {@link #activities} makes from them while they are there become
     * recorded rows of that incident, so its log keeps them (and a merge copies them along).
     */
    private void keepLinkEntries(String where, Object param) {
        jdbc.sql("INSERT INTO incident_activity (incident_id, occurred_at, actor, kind, text, alert_id) SELECT incident_id, created_at, ?, 'alert', "
                        + "CONCAT('Alert ', id, ' added: ', title, '. ', reason_linked), id FROM alert WHERE " + where + " AND linked_at = created_at "
                        + "ORDER BY created_at, id")
                .params(Correlator.ACTOR, param).update();
    }

    /** Copies the source's activity log into the target, each entry marked with where it came from. */
    void copyActivities(long from, long to) {
        jdbc.sql("INSERT INTO incident_activity (incident_id, occurred_at, actor, kind, text, alert_id) "
                        + "SELECT ?, occurred_at, actor, kind, CONCAT('[from incident ', CAST(? AS VARCHAR), '] ', text), alert_id FROM incident_activity "
                        + "WHERE incident_id = ? ORDER BY id")
                .params(to, from, from).update();
    }

    // ------------------------------------------------------------------ alerts

    void insertAlert(String id, long incidentId, NewAlert a, String reason, Instant now) {
        insertAlerts(List.of(new NewRow(id, incidentId, a, reason, now)));
    }

    /** An alert to store: {@link NewAlert} plus what correlation decided. */
    record NewRow(String id, long incidentId, NewAlert alert, String reason, Instant at) {
    }

    /** Stores alerts with their evidence and source rows, each table in one JDBC batch. */
    void insertAlerts(List<NewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> alerts = new ArrayList<>(rows.size());
        List<Object[]> evidence = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (NewRow r : rows) {
            NewAlert a = r.alert();
            String id = r.id();
            alerts.add(new Object[] {id, r.incidentId(), clip(a.title(), 500), clip(a.description(), 4000), a.severity().graph(),
                    AlertStatus.NEW.graph(), Classification.UNKNOWN.graph(), Determination.UNKNOWN.graph(), a.category().graph(),
                    clip(String.join(",", a.mitreTechniques()), 1000), a.detectionSource(), a.serviceSource(), a.detectorId(),
                    clip(a.recommendedActions(), 4000), utc(a.firstActivity()), utc(a.lastActivity()), utc(r.at()), utc(r.at()), clip(r.reason(), 1000),
                    utc(r.at()), EvidenceColumn.write(a.evidence()), a.evidence().stream().anyMatch(e -> e.type() == EntityType.DEVICE)});
            for (Evidence e : a.evidence()) {
                evidence.add(new Object[] {id, e.type().key(), clip(e.key(), 1000), e.strong()});
            }
            int seq = 0;
            for (SourceEvent e : a.events()) {
                events.add(new Object[] {id, seq++, clip(e.tableName(), 100), clip(e.deviceId(), 64), clip(e.reportId(), 64), utc(e.occurredAt())});
            }
        }
        batch.batchUpdate("INSERT INTO alert (id, incident_id, title, description, severity, status, classification, determination, category, "
                + "mitre_techniques, detection_source, service_source, detector_id, recommended_actions, first_activity_at, "
                + "last_activity_at, created_at, last_update_at, reason_linked, linked_at, evidence, names_device) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", alerts);
        if (!evidence.isEmpty()) {
            batch.batchUpdate("INSERT INTO alert_evidence (alert_id, entity_type, entity_key, strong) VALUES (?, ?, ?, ?)", evidence);
        }
        if (!events.isEmpty()) {
            batch.batchUpdate("INSERT INTO alert_event (alert_id, seq, table_name, device_id, report_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?)", events);
        }
        writing();
        for (NewRow r : rows) {
            sources("service_source", serviceSources).add(r.alert().serviceSource());
            sources("detection_source", detectionSources).add(r.alert().detectionSource());
            List<String> keys = r.alert().evidence().stream().filter(Evidence::strong).map(IncidentStore::entityKey).toList();
            known.added(keys);
            index.added(keys, r.incidentId(), r.alert().firstActivity(), r.alert().lastActivity());
        }
    }

    /** The "type:key" an entity is indexed and reported under. */
    static String entityKey(Evidence e) {
        return e.type().key() + ":" + clip(e.key(), 1000);
    }

    /** Source rows of the given alerts, in the order they were recorded. */
    Map<String, List<SourceEvent>> eventsOf(List<String> alertIds) {
        Map<String, List<SourceEvent>> out = new LinkedHashMap<>();
        for (int from = 0; from < alertIds.size(); from += 500) {
            List<String> chunk = alertIds.subList(from, Math.min(alertIds.size(), from + 500));
            jdbc.sql("SELECT alert_id, table_name, device_id, report_id, occurred_at FROM alert_event WHERE alert_id IN ("
                            + placeholders(chunk.size()) + ") ORDER BY alert_id, seq")
                    .params(new ArrayList<Object>(chunk))
                    .query(rs -> {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SourceEvent(rs.getString(2), rs.getString(3),
                                rs.getString(4), instant(rs, "occurred_at")));
                    });
        }
        return out;
    }

    /** A tuning rule caught the alert: it is resolved, and when {@code hidden} also left out of the queues with its incident. */
    void tune(String alertId, long incidentId, boolean hidden, boolean resolveIncident, Instant now) {
        jdbc.sql("UPDATE alert SET status = 'resolved', resolved_at = ?, hidden = ? WHERE id = ?").params(utc(now), hidden, alertId).update();
        incidentChanged(incidentId);
        if (hidden) {
            jdbc.sql("UPDATE incident SET hidden = TRUE WHERE id = ?").param(incidentId).update();
        }
        if (resolveIncident) {
            jdbc.sql("UPDATE incident SET status = 'resolved' WHERE id = ?").param(incidentId).update();
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    Optional<Alert> alert(String id) {
        return alerts("WHERE a.id = ?", List.of(id), "", 1, 0).stream().findFirst();
    }

    List<Alert> alerts(String where, List<Object> params, String orderBy, int limit, long offset) {
        String sql = "SELECT " + ALERT_COLUMNS + " FROM alert a " + where + " " + orderBy + " LIMIT " + limit + " OFFSET " + offset;
        return jdbc.sql(sql).params(params).query((rs, n) -> alert(rs)).list();
    }

    /** Alert counts per distinct tag list of mitre_techniques. */
    java.util.Map<String, Long> countByTechniques(String where, List<Object> params) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        jdbc.sql("SELECT a.mitre_techniques t, count(*) n FROM alert a " + where + " AND a.mitre_techniques <> '' GROUP BY a.mitre_techniques")
                .params(params).query((rs, n) -> out.put(rs.getString("t"), rs.getLong("n"))).list();
        return out;
    }

    /** Ids of the shown alerts created since {@code since} that match {@code condition} (over the alert row aliased {@code a}). */
    List<String> alertIds(Instant since, String condition, List<Object> params) {
        List<Object> p = new ArrayList<>();
        p.add(utc(since));
        p.addAll(params);
        return jdbc.sql("SELECT a.id FROM alert a WHERE a.hidden = FALSE AND a.created_at >= ? AND " + condition).params(p).query(String.class).list();
    }

    /** Shown alerts created after ({@code time}, {@code id}) in (creation time, id) order, at most {@code limit}. */
    List<Alert> alertsCreatedAfter(Instant time, String id, int limit) {
        return alerts("WHERE a.hidden = FALSE AND (a.created_at > ? OR (a.created_at = ? AND a.id > ?))", List.of(utc(time), utc(time), id),
                "ORDER BY a.created_at, a.id", limit, 0);
    }

    /** Creation time of the newest alert copied to the hunting tables; null when none was. */
    Instant alertTableCursor() {
        return jdbc.sql("SELECT copied_through FROM alert_table_copy WHERE id = 1").query((rs, n) -> instant(rs, "copied_through"))
                .optional().orElse(null);
    }

    void alertTableCursor(Instant copiedThrough) {
        jdbc.sql("UPDATE alert_table_copy SET copied_through = ? WHERE id = 1").param(copiedThrough == null ? null : utc(copiedThrough)).update();
    }

    long countAlerts(String where, List<Object> params) {
        return jdbc.sql("SELECT count(*) FROM alert a " + where).params(params).query(Long.class).single();
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        String mitre = rs.getString("mitre_techniques");
        return new Alert(rs.getString("id"), rs.getLong("incident_id"), rs.getString("title"), rs.getString("description"),
                Severity.parse(rs.getString("severity")), AlertStatus.parse(rs.getString("status")),
                Classification.parse(rs.getString("classification")), Determination.parse(rs.getString("determination")),
                Category.parse(rs.getString("category")), mitre == null || mitre.isEmpty() ? List.of() : Arrays.asList(mitre.split(",")),
                rs.getString("detection_source"), rs.getString("service_source"), rs.getString("detector_id"), rs.getString("assigned_to"),
                rs.getString("recommended_actions"), instant(rs, "first_activity_at"), instant(rs, "last_activity_at"), instant(rs, "created_at"),
                instant(rs, "last_update_at"), instant(rs, "resolved_at"), rs.getString("reason_linked"),
                EvidenceColumn.read(rs.getString("evidence")));
    }

    void updateAlerts(String column, Object value, String where, List<Object> whereParams, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(value);
        params.add(utc(now));
        params.addAll(whereParams);
        jdbc.sql("UPDATE alert SET " + column + " = ?, last_update_at = ? " + where).params(params).update();
    }

    void resolveAlerts(String where, List<Object> whereParams, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(utc(now));
        params.add(utc(now));
        params.addAll(whereParams);
        jdbc.sql("UPDATE alert SET status = 'resolved', resolved_at = ?, last_update_at = ? " + where + " AND status <> 'resolved'")
                .params(params).update();
    }

    void moveAlerts(long fromIncident, long toIncident, Instant now) {
        incidentChanged(fromIncident);
        incidentChanged(toIncident);
        keepLinkEntries("incident_id = ?", fromIncident);
        jdbc.sql("UPDATE alert SET incident_id = ?, linked_at = ?, last_update_at = ? WHERE incident_id = ?")
                .params(toIncident, utc(now), utc(now), fromIncident).update();
        index.moved(fromIncident, toIncident);
    }

    void moveAlert(String alertId, long toIncident, String reason, Instant now) {
        incidentChanged(toIncident);
        jdbc.sql("SELECT incident_id FROM alert WHERE id = ?").param(alertId).query(Long.class).optional().ifPresent(this::incidentChanged);
        keepLinkEntries("id = ?", alertId);
        jdbc.sql("UPDATE alert SET incident_id = ?, reason_linked = ?, linked_at = ?, last_update_at = ? WHERE id = ?")
                .params(toIncident, clip(reason, 1000), utc(now), utc(now), alertId).update();
        String evidence = jdbc.sql("SELECT evidence FROM alert WHERE id = ?").param(alertId).query(String.class).optional().orElse(null);
        if (EvidenceColumn.mayBeCut(evidence)) {
            // Entities beyond the column's limit are known only to alert_evidence, which has no index by alert.
            index.clear();
        } else {
            index.forget(EvidenceColumn.read(evidence).stream().filter(Evidence::strong).map(IncidentStore::entityKey).toList());
        }
    }

    /**
     * Incidents (open or not: callers check with {@link #candidates}) holding an alert that shares one of the given
     * strong entities and whose activity overlaps [{@code from}, {@code to}]; for each, the shared entities as "type:key".
     * Answered from the {@link EntityIncidentIndex}; an entity not cached yet costs one indexed statement.
     */
    Map<Long, List<String>> incidentsSharing(List<Evidence> strong, Instant from, Instant to) {
        Map<Long, List<String>> out = new java.util.TreeMap<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        for (Evidence e : strong) {
            // A UPN and a mailbox address name the same person, so users and mailboxes match each other.
            boolean identity = e.type() == EntityType.USER || e.type() == EntityType.MAILBOX;
            String key = clip(e.key(), 1000);
            for (String type : identity ? List.of("user", "mailbox") : List.of(e.type().key())) {
                String entity = type + ":" + key;
                if (!asked.add(entity)) {
                    continue;
                }
                for (long incident : index.incidents(entity, from, to, () -> known.mayExist(entity, this::allStrongEntities) ? spans(type, key) : List.of())) {
                    List<String> shared = out.computeIfAbsent(incident, k -> new ArrayList<>());
                    if (!shared.contains(entity)) {
                        shared.add(entity);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every stored alert naming the entity: a single-table plan on the entity index (H2 keeps the plan it made when the
     * statement was first prepared, and a join planned on near-empty tables may drive from another index).
     */
    private List<EntityIncidentIndex.Span> spans(String type, String key) {
        return jdbc.sql("SELECT a.incident_id, a.first_activity_at, a.last_activity_at FROM alert a WHERE a.id IN (SELECT e.alert_id "
                        + "FROM alert_evidence e WHERE e.entity_type = ? AND e.entity_key = ? AND e.strong = TRUE)")
                .params(type, key)
                .query((rs, n) -> new EntityIncidentIndex.Span(rs.getLong(1), instant(rs, "first_activity_at"), instant(rs, "last_activity_at")))
                .list();
    }

    /** The first and last key of the type (all a name needs to tell one entity from several). */
    private static java.util.Set<String> ends(Map<String, java.util.TreeSet<String>> keys, String type) {
        java.util.TreeSet<String> k = keys.get(type);
        return k == null ? java.util.Set.of() : k.size() == 1 ? java.util.Set.of(k.first()) : java.util.Set.of(k.first(), k.last());
    }

    /** Every strong entity a stored alert names, as "type:key". */
    private void allStrongEntities(java.util.function.Consumer<String> out) {
        jdbc.sql("SELECT DISTINCT entity_type, entity_key FROM alert_evidence WHERE strong = TRUE").query(rs -> {
            out.accept(rs.getString(1) + ":" + rs.getString(2));
        });
    }

    /** Distinct strong entities over the incidents' alerts, counted up to {@code atMost + 1}. */
    int strongEntityCount(Collection<Long> incidentIds, int atMost) {
        java.util.function.Predicate<Map<String, java.util.TreeSet<String>>> over = keys -> count(keys) > atMost;
        return Math.min(count(strongKeys(incidentIds, over)), atMost + 1);
    }

    private static int count(Map<String, java.util.TreeSet<String>> keys) {
        return keys.values().stream().mapToInt(java.util.Set::size).sum();
    }

    // ------------------------------------------------------------------ alert comments

    void addAlertComment(String alertId, String by, String text, Instant now) {
        jdbc.sql("INSERT INTO alert_comment (alert_id, created_at, created_by, comment) VALUES (?, ?, ?, ?)")
                .params(alertId, utc(now), by, text).update();
    }

    List<AlertComment> alertComments(String alertId) {
        return jdbc.sql("SELECT comment, created_by, created_at FROM alert_comment WHERE alert_id = ? ORDER BY id")
                .param(alertId).query((rs, n) -> new AlertComment(rs.getString(1), rs.getString(2), instant(rs, "created_at"))).list();
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
