package dev.rampart.portal.intel;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.EntitySearch.Result;
import dev.rampart.portal.entities.SearchSectionProvider;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Imported intelligence in global search: activity groups, tools, campaigns, techniques and reports by name, alias or
 * ATT&CK id (an exact id first). Intelligence is organisation-wide, so Security data basics (read) is all it asks.
 */
@Component
class IntelSearchSection implements SearchSectionProvider {
    private final JdbcClient jdbc;

    IntelSearchSection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String type() {
        return "intel";
    }

    @Override
    public String title() {
        return "Threat intelligence";
    }

    @Override
    public int position() {
        return 57;
    }

    @Override
    public List<Result> search(Authentication auth, String text, int limit) {
        String q = text.strip().toLowerCase(Locale.ROOT);
        if (q.length() < 2 || !AccessPolicy.can(auth, Permission.SECURITY_DATA_READ)) {
            return List.of();
        }
        String like = "%" + q.replace("%", "").replace("_", "") + "%";
        return jdbc.sql("SELECT stix_id, stix_type, name, external_id, subtechnique FROM intel_object WHERE revoked = FALSE AND deprecated = FALSE "
                        + "AND stix_type IN ('intrusion-set', 'threat-actor', 'malware', 'tool', 'campaign', 'attack-pattern', 'report', 'vulnerability', 'course-of-action') "
                        + "AND (LOWER(external_id) = ? OR LOWER(name) LIKE ? OR LOWER(aliases) LIKE ?) "
                        + "ORDER BY CASE WHEN LOWER(external_id) = ? THEN 0 WHEN LOWER(name) = ? THEN 1 WHEN LOWER(name) LIKE ? THEN 2 ELSE 3 END, LOWER(name) LIMIT " + limit)
                .params(q, like, like, q, q, q.replace("%", "").replace("_", "") + "%")
                .query((rs, n) -> {
                    String type = rs.getString("stix_type");
                    String ext = rs.getString("external_id");
                    String key = ext != null && !type.equals("vulnerability") ? ext : rs.getString("stix_id");
                    String link = type.equals("report") ? "/threat-analytics/" + rs.getString("stix_id") : "/threat-intelligence/profiles/" + key;
                    return new Result((ext == null ? "" : ext + " ") + rs.getString("name"), ThreatIntel.typeLabel(type, rs.getBoolean("subtechnique")), link);
                }).list();
    }
}
