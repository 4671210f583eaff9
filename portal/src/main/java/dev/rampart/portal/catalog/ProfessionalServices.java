package dev.rampart.portal.catalog;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.NotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Professional-service firms listed on the partner catalog. Administrators keep the list in the state database
 * (seeded with a starter list by migration V27), so each installation can name the firms it actually works with.
 */
@Service
public class ProfessionalServices {
    public record Category(String id, String name) {
    }

    /** Fixed because the page's filter chips and the migration's seed both use these ids. */
    public static final List<Category> CATEGORIES = List.of(new Category("mdr", "Managed detection & response"),
            new Category("ir", "Incident response"), new Category("advisory", "Assessment & advisory"));

    public record Service(long id, String name, String vendor, String category, String description, String link,
                          OffsetDateTime updatedAt, String updatedBy) {
        boolean matches(String q) {
            return q.isEmpty() || (name + "\n" + vendor + "\n" + description).toLowerCase(Locale.ROOT).contains(q);
        }
    }

    /** Form input as typed; {@link #validate} names each bad field. */
    public record Input(String name, String vendor, String category, String description, String link) {
        public static final Input EMPTY = new Input("", "", "", "", "");

        Input trimmed() {
            return new Input(s(name), s(vendor), s(category), s(description), s(link));
        }

        private static String s(String v) {
            return v == null ? "" : v.strip();
        }
    }

    private static final String COLUMNS = "id, name, vendor, category, description, link, updated_at, updated_by";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ProfessionalServices(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public static Optional<Category> category(String id) {
        return CATEGORIES.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Service> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM professional_services ORDER BY LOWER(name)").query(Service.class).list();
    }

    public Optional<Service> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM professional_services WHERE id = ?").param(id).query(Service.class).optional();
    }

    public Service require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("professional service", Long.toString(id)));
    }

    /** Services in {@code category} (null = all) whose name, vendor or description contains {@code text}. */
    public List<Service> find(String category, String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return all().stream().filter(s -> (category == null || s.category().equals(category)) && s.matches(q))
                .sorted(java.util.Comparator.comparing((Service s) -> CATEGORIES.indexOf(category(s.category()).orElse(CATEGORIES.get(0))))
                        .thenComparing(s -> s.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    @Transactional
    public Service create(Input raw) {
        Input in = validate(raw, null);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO professional_services (name, vendor, category, description, link, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(in.name(), in.vendor(), in.category(), in.description(), in.link(), now(), actor())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("catalog.service.create", "professional-service", Long.toString(id), describe(in));
        return require(id);
    }

    @Transactional
    public Service update(long id, Input raw) {
        Service before = require(id);
        Input in = validate(raw, id);
        jdbc.sql("UPDATE professional_services SET name = ?, vendor = ?, category = ?, description = ?, link = ?, updated_at = ?, updated_by = ? WHERE id = ?")
                .params(in.name(), in.vendor(), in.category(), in.description(), in.link(), now(), actor(), id).update();
        audit.record("catalog.service.update", "professional-service", Long.toString(id), "was " + before.name() + "; now " + describe(in));
        return require(id);
    }

    @Transactional
    public void delete(long id) {
        Service s = require(id);
        jdbc.sql("DELETE FROM professional_services WHERE id = ?").param(id).update();
        audit.record("catalog.service.delete", "professional-service", Long.toString(id), s.name() + " (" + s.vendor() + ", " + s.link() + ")");
    }

    Input validate(Input raw, Long self) {
        Input in = raw.trimmed();
        Map<String, String> errors = new LinkedHashMap<>();
        required(errors, "name", "Name", in.name(), 120);
        required(errors, "vendor", "Vendor", in.vendor(), 120);
        if (category(in.category()).isEmpty()) {
            errors.put("category", in.category().isEmpty() ? "Category: choose one." : "Category: \"" + in.category() + "\" is not a category.");
        }
        required(errors, "description", "Description", in.description(), 1000);
        if (required(errors, "link", "Link", in.link(), 500) && !isHttps(in.link())) {
            errors.put("link", "Link: enter an https:// address, for example https://example.com/.");
        }
        if (!errors.containsKey("name")) {
            Long clash = jdbc.sql("SELECT id FROM professional_services WHERE LOWER(name) = ?").param(in.name().toLowerCase(Locale.ROOT))
                    .query(Long.class).optional().orElse(null);
            if (clash != null && !clash.equals(self)) {
                errors.put("name", "Name: \"" + in.name() + "\" is already listed.");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return in;
    }

    private static boolean required(Map<String, String> errors, String field, String label, String value, int max) {
        if (value.isEmpty()) {
            errors.put(field, label + ": required.");
            return false;
        }
        if (value.length() > max) {
            errors.put(field, label + ": " + value.length() + " characters; the limit is " + max + ".");
            return false;
        }
        return true;
    }

    static boolean isHttps(String link) {
        try {
            URI u = new URI(link);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null && !u.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String describe(Input in) {
        return in.name() + " (" + in.vendor() + ", " + in.category() + ", " + in.link() + ")";
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
