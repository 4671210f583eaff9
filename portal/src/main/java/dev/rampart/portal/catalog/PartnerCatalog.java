package dev.rampart.portal.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * The technology partners on the partner catalog: third-party products in eleven categories, read once from
 * {@code catalog/partners.json} on the classpath, or from the file {@code rampart.partner-catalog} names so an
 * installation can keep its own list. The file is checked at start-up: a broken entry stops the portal with its name.
 */
@Service
public class PartnerCatalog {
    public record Category(String id, String name) {
    }

    public record Entry(String name, String vendor, String category, String description, String link) {
        boolean matches(String q) {
            return q.isEmpty() || (name + "\n" + vendor + "\n" + description).toLowerCase(Locale.ROOT).contains(q);
        }
    }

    record File(List<Category> categories, List<Entry> partners) {
    }

    private final File file;

    PartnerCatalog(ObjectMapper json, @Value("${rampart.partner-catalog:}") String override) {
        this.file = validate(load(json, override));
    }

    private static File load(ObjectMapper json, String override) {
        try (InputStream in = override.isBlank() ? PartnerCatalog.class.getResourceAsStream("/catalog/partners.json")
                : Files.newInputStream(Path.of(override))) {
            if (in == null) {
                throw new IllegalStateException("catalog/partners.json is missing from the classpath");
            }
            return json.readValue(in, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the partner catalog" + (override.isBlank() ? "" : " " + override), e);
        }
    }

    static File validate(File f) {
        if (f.categories() == null || f.partners() == null) {
            throw new IllegalStateException("partner catalog: categories and partners are both required");
        }
        check(f.partners(), f.categories(), "partners");
        return f;
    }

    private static void check(List<Entry> entries, List<Category> categories, String list) {
        Set<String> ids = categories.stream().map(Category::id).collect(Collectors.toSet());
        for (Entry e : entries) {
            String where = "partner catalog " + list + " entry \"" + e.name() + "\": ";
            for (String v : new String[] {e.name(), e.vendor(), e.category(), e.description(), e.link()}) {
                if (v == null || v.isBlank()) {
                    throw new IllegalStateException(where + "name, vendor, category, description and link are all required");
                }
            }
            if (!ids.contains(e.category())) {
                throw new IllegalStateException(where + "unknown category \"" + e.category() + "\"");
            }
            if (!"https".equals(URI.create(e.link()).getScheme())) {
                throw new IllegalStateException(where + "link must be an https URL");
            }
        }
    }

    public List<Category> categories() {
        return file.categories();
    }

    public Optional<Category> category(String id) {
        return categories().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Entry> all() {
        return file.partners();
    }

    /** Partners in {@code category} (null = all) whose name, vendor or description contains {@code text}. */
    public List<Entry> find(String category, String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        List<Entry> out = new ArrayList<>();
        for (Entry e : all()) {
            if ((category == null || e.category().equals(category)) && e.matches(q)) {
                out.add(e);
            }
        }
        out.sort(java.util.Comparator.comparing((Entry e) -> categories().indexOf(category(e.category()).orElseThrow()))
                .thenComparing(e -> e.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    public long count(String category) {
        return all().stream().filter(e -> e.category().equals(category)).count();
    }
}
