package dev.rampart.portal.feedback;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feedback sent by users from the user menu: stored as written (after the size checks), audited, and listed for
 * holders of System settings (read).
 */
@Service
public class FeedbackService {
    public static final int MAX_MESSAGE = 4000;
    public static final int MAX_PAGE = 300;
    public static final int PAGE_SIZE = 50;

    public enum Category {
        PROBLEM("Report a problem"), IDEA("Suggest an improvement"), QUESTION("Ask a question"), OTHER("Other");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Category> parse(String s) {
            return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(s == null ? "" : s.strip())).findFirst();
        }
    }

    public record Entry(long id, OffsetDateTime submittedAt, String username, Category category, String message, String page) {
    }

    public record Page(List<Entry> items, long total, int page, int pages) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AccessPolicy access;

    FeedbackService(JdbcClient jdbc, AuditLog audit, AccessPolicy access) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.access = access;
    }

    /** Stores one piece of feedback; every broken rule is reported against its field, and nothing is stored then. */
    @Transactional
    public long submit(Authentication auth, String category, String message, String page) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Category> cat = Category.parse(category);
        if (cat.isEmpty()) {
            errors.put("category", "Choose a category: " + String.join(", ", Arrays.stream(Category.values()).map(Category::label).toList()) + ".");
        }
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            errors.put("message", "Write your feedback: the message is empty.");
        } else if (text.length() > MAX_MESSAGE) {
            errors.put("message", "The message is " + text.length() + " characters; the limit is " + MAX_MESSAGE + ".");
        }
        String from = page == null || page.isBlank() ? null : page.strip();
        if (from != null && (from.length() > MAX_PAGE || !from.startsWith("/") || from.startsWith("//"))) {
            errors.put("page", "The page must be a portal path starting with / and at most " + MAX_PAGE + " characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        KeyHolder kh = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO feedback (submitted_at, username, category, message, page) VALUES (?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), auth.getName(), cat.get().name(), text, from).update(kh, "id");
        long id = kh.getKey().longValue();
        audit.record("feedback.submit", "feedback", String.valueOf(id), cat.get().label() + ", " + text.length() + " characters"
                + (from == null ? "" : ", from " + from));
        return id;
    }

    /** Newest first, {@link #PAGE_SIZE} a page (1-based); {@code category} null = all. */
    public Page list(Category category, int page) {
        access.require(Permission.SYSTEM_SETTINGS_READ);
        String where = category == null ? "" : " WHERE category = ?";
        List<Object> params = new ArrayList<>();
        if (category != null) {
            params.add(category.name());
        }
        long total = jdbc.sql("SELECT count(*) FROM feedback" + where).params(params).query(Long.class).single();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.max(1, Math.min(page, pages));
        List<Entry> items = jdbc.sql("SELECT id, submitted_at, username, category, message, page FROM feedback" + where
                        + " ORDER BY id DESC LIMIT " + PAGE_SIZE + " OFFSET " + (long) (p - 1) * PAGE_SIZE).params(params)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        Category.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6))).list();
        return new Page(items, total, p, pages);
    }
}
