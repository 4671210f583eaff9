package dev.rampart.portal.intel;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.response.indicators.IndicatorAction;
import dev.rampart.portal.response.indicators.IndicatorDraft;
import dev.rampart.portal.response.indicators.IndicatorException;
import dev.rampart.portal.response.indicators.Indicators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports STIX 2.0/2.1 threat intelligence (a JSON bundle, a ZIP of them, or a folder for the command line). An object
 * already held is replaced only by a version with a later {@code modified}. Indicator patterns the portal can express
 * are linked to the portal indicator of the same value; with {@code createIndicators}, missing ones are created as
 * Audit (alert only) indicators, never changing an indicator an analyst already set.
 */
@Service
public class IntelImporter {
    static final long MAX_UNZIPPED = 300L * 1024 * 1024;
    static final int MAX_FILES = 20_000;
    /** One JSON document at most (ATT&CK's whole enterprise bundle is about 45 MB). */
    static final long MAX_FILE = 100L * 1024 * 1024;
    private static final int MAX_PROBLEMS = 200;

    private final JdbcClient jdbc;
    private final Indicators indicators;
    private final AuditLog audit;
    private final dev.rampart.portal.notifications.Notifications notifications;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    IntelImporter(JdbcClient jdbc, Indicators indicators, AuditLog audit, org.springframework.transaction.PlatformTransactionManager tx,
                  dev.rampart.portal.notifications.Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        // An indicator is saved in its own transaction: one refused indicator must not roll the whole import back.
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.indicators = indicators;
        this.audit = audit;
    }

    /** What an import did. {@code byType} counts the objects read per STIX type; problems name file, object and field. */
    public record Summary(long id, String source, int files, int objects, int added, int updated, int unchanged, int skipped, int indicators,
                          Map<String, Integer> byType, List<String> problems) {
    }

    /** One past import as the history lists it. */
    public record Past(long id, String source, String by, Instant at, int files, int objects, int added, int updated, int unchanged,
                       int skipped, int indicators, List<String> problems) {
    }

    /** The latest 50 imports, newest first. */
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public List<Past> history() {
        return jdbc.sql("SELECT id, source_name, imported_by, imported_at, files, objects, added, updated, unchanged, skipped, indicators, problems "
                        + "FROM intel_import ORDER BY id DESC LIMIT 50")
                .query((rs, n) -> new Past(rs.getLong("id"), rs.getString("source_name"), rs.getString("imported_by"),
                        rs.getObject("imported_at", OffsetDateTime.class).toInstant(), rs.getInt("files"), rs.getInt("objects"), rs.getInt("added"),
                        rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("skipped"), rs.getInt("indicators"),
                        rs.getString("problems").isEmpty() ? List.of() : List.of(rs.getString("problems").split("\n")))).list();
    }

    /** Whether the caller may import intelligence (Core security settings, manage). */
    public boolean canImport() {
        return has(Permission.CORE_SECURITY_SETTINGS_MANAGE);
    }

    /** Whether the caller may also create indicators while importing (Detection tuning, manage). */
    public boolean canCreateIndicators() {
        return has(Permission.DETECTION_TUNING_MANAGE);
    }

    /** An uploaded file: a STIX JSON document, or a ZIP whose .json entries are. */
    @Transactional
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    public Summary importUpload(String fileName, byte[] bytes, boolean createIndicators) {
        String name = fileName == null || fileName.isBlank() ? "upload.json" : Path.of(fileName).getFileName().toString();
        if (bytes == null || bytes.length == 0) {
            throw InvalidInputException.of("file", "choose a STIX JSON file or a ZIP of them");
        }
        Map<String, byte[]> files = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? unzip(name, bytes) : Map.of(name, bytes);
        return importFiles(name, files, createIndicators);
    }

    /** Every .json file below {@code path} (or the file itself), for the command line. */
    @Transactional
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    public Summary importPath(Path path, boolean createIndicators) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".json")).sorted().toList()) {
                    files.put(path.relativize(p).toString(), readFile(p));
                }
            }
        } else if (path.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            files.putAll(unzip(path.getFileName().toString(), Files.readAllBytes(path)));
        } else {
            files.put(path.getFileName().toString(), readFile(path));
        }
        return importFiles(path.getFileName().toString(), files, createIndicators);
    }

    private static byte[] readFile(Path p) throws IOException {
        if (Files.size(p) > MAX_FILE) {
            throw InvalidInputException.of("file", p + " is larger than " + (MAX_FILE >> 20) + " MB; split the bundle");
        }
        return Files.readAllBytes(p);
    }

    private Summary importFiles(String source, Map<String, byte[]> files, boolean createIndicators) {
        if (createIndicators && !canCreateIndicators()) {
            throw InvalidInputException.of("createIndicators", "creating indicators needs Detection tuning (manage); import without it or ask an administrator");
        }
        List<String> problems = new ArrayList<>();
        Map<String, StixObject> latest = new LinkedHashMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        int skipped = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            StixReader.Result r = StixReader.read(f.getKey(), f.getValue());
            skipped += r.skipped();
            problems.addAll(r.problems());
            for (StixObject o : r.objects()) {
                byType.merge(o.type(), 1, Integer::sum);
                latest.merge(o.id(), o, (a, b) -> b.modified().isAfter(a.modified()) ? b : a);
            }
        }
        if (latest.isEmpty() && !problems.isEmpty()) {
            throw InvalidInputException.of("file", "nothing was imported: " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        Instant now = Instant.now();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int added = 0;
        int updated = 0;
        List<String> newReports = new ArrayList<>();
        int unchanged = 0;
        // Objects held in a newer version than the file's: nothing of the file's version is used, indicators included.
        java.util.Set<String> stale = new java.util.HashSet<>();
        for (StixObject o : latest.values()) {
            Optional<OffsetDateTime> held = o.isRelationship()
                    ? jdbc.sql("SELECT modified FROM intel_relationship WHERE stix_id = ?").param(o.id()).query(OffsetDateTime.class).optional()
                    : jdbc.sql("SELECT modified FROM intel_object WHERE stix_id = ?").param(o.id()).query(OffsetDateTime.class).optional();
            if (held.isPresent() && !o.modified().isAfter(held.get().toInstant())) {
                if (o.modified().isBefore(held.get().toInstant())) {
                    stale.add(o.id());
                }
                unchanged++;
                continue;
            }
            Integer order = null;
            if (held.isPresent()) {
                // A tactic updated without its matrix keeps its place in the matrix.
                order = o.type().equals("x-mitre-tactic")
                        ? jdbc.sql("SELECT sort_order FROM intel_object WHERE stix_id = ?").param(o.id()).query(Integer.class).optional().orElse(null) : null;
                delete(o);
                updated++;
            } else {
                added++;
                if (o.type().equals("report") && o.active()) {
                    newReports.add(o.name());
                }
            }
            // A revoked or deprecated relationship no longer relates anything.
            if (!(o.isRelationship() && !o.active())) {
                insert(o, source, at);
            }
            if (order != null) {
                jdbc.sql("UPDATE intel_object SET sort_order = ? WHERE stix_id = ?").params(order, o.id()).update();
            }
        }
        for (StixObject m : latest.values()) {
            if (m.type().equals("x-mitre-matrix") && !stale.contains(m.id())) {
                // A matrix lists its tactics in kill-chain order; the tactic rows keep that order for the matrix view.
                List<String> refs = m.refs().stream().distinct().toList();
                for (int i = 0; i < refs.size(); i++) {
                    jdbc.sql("UPDATE intel_object SET sort_order = ? WHERE stix_id = ?").params(i, refs.get(i)).update();
                }
            }
        }
        // Every indicator of the import, changed or not: importing again with createIndicators creates what an earlier
        // import without it left out, and links follow indicators analysts added since.
        int created = 0;
        for (StixObject o : latest.values()) {
            if (o.type().equals("indicator") && !stale.contains(o.id())) {
                created += link(o, source, createIndicators, now, problems);
            }
        }
        List<String> kept = problems.size() > MAX_PROBLEMS ? new ArrayList<>(problems.subList(0, MAX_PROBLEMS)) : problems;
        if (problems.size() > MAX_PROBLEMS) {
            kept.add("... and " + (problems.size() - MAX_PROBLEMS) + " more");
        }
        String problemText = StixReader.truncate(String.join("\n", kept), 20_000);
        String who = currentUser();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO intel_import (source_name, imported_by, imported_at, files, objects, added, updated, unchanged, skipped, indicators, problems) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(StixReader.truncate(source, 300), who, at, files.size(), latest.size(), added, updated, unchanged, skipped, created, problemText)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("intel.import", "intel-import", String.valueOf(id), source + ": " + latest.size() + " objects (" + added + " added, " + updated
                + " updated), " + created + " indicators created, " + problems.size() + " problems");
        if (!newReports.isEmpty()) {
            notifications.toHoldersOf(Permission.SECURITY_DATA_READ, dev.rampart.portal.notifications.Notifications.Kind.INFORMATION,
                    newReports.size() == 1 ? "New threat report" : newReports.size() + " new threat reports",
                    String.join("; ", newReports.stream().limit(5).toList()) + (newReports.size() > 5 ? "; and " + (newReports.size() - 5) + " more" : "")
                            + " (imported from " + source + ")", "/threat-analytics");
        }
        return new Summary(id, source, files.size(), latest.size(), added, updated, unchanged, skipped, created, byType, kept);
    }

    private void delete(StixObject o) {
        if (o.isRelationship()) {
            jdbc.sql("DELETE FROM intel_relationship WHERE stix_id = ?").param(o.id()).update();
        } else {
            jdbc.sql("DELETE FROM intel_report_ref WHERE report_id = ?").param(o.id()).update();
            jdbc.sql("DELETE FROM intel_object WHERE stix_id = ?").param(o.id()).update();
        }
    }

    private void insert(StixObject o, String source, OffsetDateTime at) {
        if (o.isRelationship()) {
            jdbc.sql("INSERT INTO intel_relationship (stix_id, relationship_type, source_ref, target_ref, description, modified) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(o.id(), StixReader.truncate(o.relationshipType(), 60), StixReader.truncate(o.sourceRef(), 120), StixReader.truncate(o.targetRef(), 120),
                            o.description() == null ? null : StixReader.truncate(o.description(), 20_000), utc(o.modified()))
                    .update();
            return;
        }
        List<String> labels = new ArrayList<>(o.labels());
        if (o.shortName() != null) {
            labels.add(0, o.shortName());
        }
        jdbc.sql("INSERT INTO intel_object (stix_id, stix_type, name, external_id, url, description, aliases, labels, sort_order, subtechnique, revoked, "
                        + "deprecated, pattern, first_seen, last_seen, published, created, modified, source_name, imported_at, domains) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.id(), o.type(), o.name(), o.externalId(), o.url(), o.description() == null ? null : StixReader.truncate(o.description(), 200_000),
                        StixReader.truncate(String.join("\n", o.aliases()), 4000), StixReader.truncate(String.join("\n", labels), 2000), null,
                        o.subtechnique(), o.revoked(), o.deprecated(), o.pattern() == null ? null : StixReader.truncate(o.pattern(), 20_000),
                        utc(o.firstSeen()), utc(o.lastSeen()), utc(o.published()), utc(o.created()), utc(o.modified()), StixReader.truncate(source, 300), at,
                        o.domains().isEmpty() ? null : StixReader.truncate(String.join(",", o.domains()), 200))
                .update();
        if (o.type().equals("report") || o.type().equals("x-mitre-matrix")) {
            for (String ref : o.refs().stream().distinct().toList()) {
                jdbc.sql("INSERT INTO intel_report_ref (report_id, object_ref) VALUES (?, ?)").params(o.id(), StixReader.truncate(ref, 120)).update();
            }
        }
    }

    // Links (and with createIndicators creates) the portal indicators of one STIX indicator; returns how many were created.
    private int link(StixObject o, String source, boolean createIndicators, Instant now, List<String> problems) {
        jdbc.sql("DELETE FROM intel_indicator_link WHERE stix_id = ?").param(o.id()).update();
        jdbc.sql("DELETE FROM intel_indicator_value WHERE stix_id = ?").param(o.id()).update();
        if (!o.active()) {
            return 0;
        }
        if (o.patternType() != null && !o.patternType().equalsIgnoreCase("stix")) {
            problems.add(o.id() + ": pattern type '" + o.patternType() + "' is kept but not matched (only STIX patterns become indicators)");
            return 0;
        }
        StixPattern.Parsed parsed = StixPattern.parse(o.pattern());
        for (String why : parsed.unsupported()) {
            problems.add(o.id() + ": pattern not used: " + why);
        }
        boolean expired = o.lastSeen() != null && !o.lastSeen().isAfter(now);
        int created = 0;
        for (StixPattern.Value v : parsed.values()) {
            jdbc.sql("INSERT INTO intel_indicator_value (stix_id, value_type, indicator_value) VALUES (?, ?, ?)")
                    .params(o.id(), v.type().name(), StixReader.truncate(v.value(), 2000)).update();
            Optional<Indicator> existing = indicators.find(v.type(), v.value());
            Long id = existing.map(Indicator::id).orElse(null);
            if (id == null && createIndicators && !expired && !v.type().actions().contains(IndicatorAction.AUDIT)) {
                problems.add(o.id() + ": indicator " + v.value() + " not created: " + v.type().label() + " indicators cannot be Audit (alert only); add it "
                        + "under Settings › Indicators with the action you choose");
            } else if (id == null && createIndicators && !expired) {
                String title = o.name().equals(o.id()) ? "STIX indicator " + v.value() : o.name();
                IndicatorDraft draft = new IndicatorDraft(v.type().name(), v.value(), "Audit", true, StixReader.truncate(title, 300),
                        o.description() == null ? "From threat intelligence " + source : StixReader.truncate(o.description(), 1000), "Medium", null, null,
                        o.lastSeen() == null ? null : o.lastSeen().toString(), List.of());
                try {
                    Indicator made = ownTransaction.execute(st -> indicators.save(draft, "Threat intelligence: " + StixReader.truncate(source, 150)));
                    id = made.id();
                    created++;
                } catch (IndicatorException e) {
                    problems.add(o.id() + ": indicator " + v.value() + " not created: " + e.getMessage());
                }
            } else if (id == null && createIndicators) {
                problems.add(o.id() + ": indicator " + v.value() + " not created: valid_until " + o.lastSeen() + " has passed");
            }
            if (id != null) {
                jdbc.sql("INSERT INTO intel_indicator_link (stix_id, indicator_id) VALUES (?, ?)").params(o.id(), id).update();
            }
        }
        return created;
    }

    private static Map<String, byte[]> unzip(String name, byte[] bytes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory() || !e.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    continue;
                }
                if (out.size() >= MAX_FILES) {
                    throw InvalidInputException.of("file", name + " holds more than " + MAX_FILES + " JSON files");
                }
                byte[] data = readCapped(zip, Math.min(MAX_FILE, MAX_UNZIPPED - total));
                if (data == null) {
                    throw InvalidInputException.of("file", name + " unpacks to more than " + (MAX_UNZIPPED >> 20) + " MB, or " + e.getName()
                            + " alone to more than " + (MAX_FILE >> 20) + " MB");
                }
                total += data.length;
                out.put(e.getName(), data);
            }
        } catch (IOException e) {
            throw InvalidInputException.of("file", name + " is not a readable ZIP: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw InvalidInputException.of("file", name + " holds no .json file");
        }
        return out;
    }

    // Null when the entry is larger than what is left of the allowance.
    private static byte[] readCapped(InputStream in, long allowance) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            b.write(buf, 0, n);
            if (b.size() > allowance) {
                return null;
            }
        }
        return b.toByteArray();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static boolean has(Permission p) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(p.authority()));
    }

    private static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null ? "system" : a.getName();
    }
}
