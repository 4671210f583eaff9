package dev.rampart.portal.hunting;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.FunctionCatalog;
import dev.rampart.kql.FunctionShape;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.OutputColumn;
import dev.rampart.kql.StoredFunction;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.schema.Schema;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Perms;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Saved hunting functions: a named KQL body with scalar parameters that queries call by name. A function is private to
 * its owner or shared with the team; only the owner changes or deletes it. A query sees the shared functions and its
 * author's own, the own one winning on a name both use; detection rules see the shared ones. A function is checked
 * against the saver's tables before it is stored, and runs with the caller's tables and row scope, never its author's.
 */
@Service
public class HuntingFunctions {
    static final int MAX_NAME = 100;

    public record SavedFunction(long id, String owner, String name, String folder, String description, String parameters,
                                String body, String returns, boolean shared, OffsetDateTime updatedAt, String updatedBy) {
        public StoredFunction stored() {
            return new StoredFunction(name, parameters, body);
        }

        /** How a query calls it, e.g. {@code RecentLogons(account:string, since:timespan = 7d)}. */
        public String signature() {
            return name + "(" + parameters + ")";
        }
    }

    /** Invalid input for a saved function; names the field. */
    public static class InvalidFunctionException extends IllegalArgumentException {
        private final String field;

        public InvalidFunctionException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    // Looked up when needed: detection rules call shared functions, and read them through this service.
    private final org.springframework.beans.factory.ObjectProvider<SharedFunctionCallers> callers;

    public HuntingFunctions(JdbcClient jdbc, AuditLog audit, org.springframework.beans.factory.ObjectProvider<SharedFunctionCallers> callers) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.callers = callers;
    }

    /** The other shared functions whose text names {@code f}. */
    private List<SavedFunction> sharedCallersOf(SavedFunction f) {
        return select("WHERE shared = TRUE AND id <> ?", f.id()).stream()
                .filter(g -> names(g.parameters() + "\n" + g.body(), f.name())).toList();
    }

    static boolean names(String text, String identifier) {
        if (!text.contains(identifier)) {
            return false;
        }
        try {
            return dev.rampart.kql.lexer.Lexer.tokenize(text).stream()
                    .anyMatch(t -> t.kind() == dev.rampart.kql.lexer.TokenKind.IDENT && t.text().equals(identifier));
        } catch (KqlException e) {
            return true;
        }
    }

    /**
     * Refuses an edit of a shared function that would stop a caller compiling (a new parameter without a default, a
     * column a rule maps that is gone...): callers are the other shared functions and the registered callers (rules).
     */
    private void requireCallersStillCompile(SavedFunction existing, StoredFunction edited, Schema schema) {
        Map<String, StoredFunction> team = new LinkedHashMap<>();
        select("WHERE shared = TRUE ORDER BY id").forEach(g -> team.put(g.name(), g.stored()));
        team.put(edited.name(), edited);
        FunctionCatalog catalog = FunctionCatalog.of(List.copyOf(team.values()));
        List<String> failing = new java.util.ArrayList<>();
        CompileOptions options = CompileOptions.defaults(Instant.now()).withSchema(schema).withFunctions(catalog);
        for (SavedFunction g : sharedCallersOf(existing)) {
            try {
                KqlCompiler.describe(g.stored(), options);
            } catch (KqlException e) {
                failing.add("shared function " + g.name() + ": " + e.diagnostic().message());
            }
        }
        callers.orderedStream().forEach(c -> failing.addAll(c.failingWith(existing.name(), catalog)));
        if (!failing.isEmpty()) {
            throw new InvalidFunctionException("body", "This change would break what calls " + existing.name() + ": "
                    + String.join("; ", failing.subList(0, Math.min(3, failing.size())))
                    + (failing.size() > 3 ? "; and " + (failing.size() - 3) + " more" : "") + ".");
        }
    }

    /** Refuses to take a shared function away (delete, rename, make private) while saved rules call it. */
    private void requireNoCallers(SavedFunction f, String field, String change) {
        if (!f.shared()) {
            return;
        }
        List<String> who = new java.util.ArrayList<>(sharedCallersOf(f).stream().map(g -> "shared function " + g.name()).toList());
        callers.orderedStream().forEach(c -> who.addAll(c.callersOf(f.name())));
        if (!who.isEmpty()) {
            throw new InvalidFunctionException(field, "Cannot " + change + " the shared function " + f.name() + ": "
                    + String.join(", ", who.subList(0, Math.min(5, who.size()))) + (who.size() > 5 ? " and " + (who.size() - 5) + " more" : "")
                    + (who.size() == 1 ? " calls it" : " call it") + ". Change " + (who.size() == 1 ? "that" : "those") + " first.");
        }
    }

    /** The user's own functions and every shared one, ordered by folder then name. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<SavedFunction> visibleTo(String username) {
        return select("WHERE owner = ? OR shared = TRUE ORDER BY folder, name, id", username);
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<SavedFunction> find(String username, long id) {
        return visibleTo(username).stream().filter(f -> f.id() == id).findFirst();
    }

    /** What the user's queries may call: shared functions, then the user's own over any shared one of the same name. */
    public FunctionCatalog catalogFor(String username) {
        Map<String, StoredFunction> byName = new LinkedHashMap<>();
        List<SavedFunction> all = select("WHERE owner = ? OR shared = TRUE ORDER BY id", username);
        all.stream().filter(f -> f.shared() && !f.owner().equals(username)).forEach(f -> byName.put(f.name(), f.stored()));
        all.stream().filter(f -> f.owner().equals(username)).forEach(f -> byName.put(f.name(), f.stored()));
        return FunctionCatalog.of(List.copyOf(byName.values()));
    }

    /** What detection rules may call: shared functions only, so a rule does not depend on one analyst's private text. */
    public FunctionCatalog sharedCatalog() {
        return FunctionCatalog.of(select("WHERE shared = TRUE ORDER BY id").stream().map(SavedFunction::stored).toList());
    }

    /**
     * Creates or (for {@code id > 0}, owner only) updates a function after compiling it against {@code schema} (the
     * saver's tables); returns its id.
     *
     * @throws InvalidFunctionException naming the field (name, parameters, body, folder) and, for KQL errors, line and column
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public long save(String username, long id, String name, String folder, String description, String parameters, String body,
                     boolean shared, Schema schema) {
        String n = name == null ? "" : name.trim();
        String f = folder == null || folder.isBlank() ? "My functions" : folder.trim();
        String p = parameters == null ? "" : parameters.trim();
        String d = description == null || description.isBlank() ? null : description.trim();
        if (n.isEmpty()) {
            throw new InvalidFunctionException("name", "Give the function a name.");
        }
        if (n.length() > MAX_NAME || !n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidFunctionException("name", "A function name is a letter or '_' followed by letters, digits or '_' (at most "
                    + MAX_NAME + " characters); '" + n + "' is not.");
        }
        if (schema.table(n).isPresent() || KqlCompiler.isReservedName(n)) {
            throw new InvalidFunctionException("name", "'" + n + "' is already a table, built-in function or keyword; choose another name.");
        }
        if (f.length() > 200) {
            throw new InvalidFunctionException("folder", "The folder name is longer than 200 characters.");
        }
        if (d != null && d.length() > 2000) {
            throw new InvalidFunctionException("description", "The description is longer than 2000 characters.");
        }
        if (p.length() > 2000) {
            throw new InvalidFunctionException("parameters", "The parameters are longer than 2000 characters.");
        }
        if (body == null || body.isBlank()) {
            throw new InvalidFunctionException("body", "The function body is empty: write the query in the editor first.");
        }
        SavedFunction existing = null;
        if (id > 0) {
            existing = find(username, id).orElseThrow(() -> new InvalidFunctionException("id", "No saved function " + id + "."));
            if (!existing.owner().equals(username)) {
                throw new AccessDeniedException("Only " + existing.owner() + " can change the function " + existing.name() + ".");
            }
        }
        for (SavedFunction other : select("WHERE (owner = ? OR shared = TRUE) AND name = ? AND id <> ?", username, n, id)) {
            if (other.owner().equals(username)) {
                throw new InvalidFunctionException("name", "You already have a function named " + n + " (folder " + other.folder() + ").");
            }
            if (shared) {
                throw new InvalidFunctionException("name", other.owner() + " already shares a function named " + n + ".");
            }
        }
        if (existing != null && !existing.name().equals(n)) {
            requireNoCallers(existing, "name", "rename");
        }
        if (existing != null && !shared) {
            requireNoCallers(existing, "shared", "make private");
        }
        String returns = describe(username, new StoredFunction(n, p, body), schema, shared);
        if (existing != null && existing.shared() && shared) {
            requireCallersStillCompile(existing, new StoredFunction(n, p, body), schema);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (existing != null) {
            jdbc.sql("UPDATE hunting_function SET name = ?, folder = ?, description = ?, parameters = ?, body = ?, returns = ?, shared = ?, "
                            + "updated_at = ?, updated_by = ? WHERE id = ?")
                    .params(n, f, d, p, body, returns, shared, now, username, id).update();
            audit.record("hunting.function.update", "hunting-function", String.valueOf(id), n + (shared ? " (shared)" : ""));
            return id;
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO hunting_function (owner, name, folder, description, parameters, body, returns, shared, created_at, updated_at, updated_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(username, n, f, d, p, body, returns, shared, now, now, username).update(keys, "id");
        long newId = keys.getKey().longValue();
        audit.record("hunting.function.create", "hunting-function", String.valueOf(newId), n + (shared ? " (shared)" : ""));
        return newId;
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public void delete(String username, long id) {
        SavedFunction f = find(username, id).orElseThrow(() -> new InvalidFunctionException("id", "No saved function " + id + "."));
        if (!f.owner().equals(username)) {
            throw new AccessDeniedException("Only " + f.owner() + " can delete the function " + f.name() + ".");
        }
        requireNoCallers(f, "id", "delete");
        jdbc.sql("DELETE FROM hunting_function WHERE id = ?").param(id).update();
        audit.record("hunting.function.delete", "hunting-function", String.valueOf(id), f.name());
    }

    /** Compiles the parameters, then the body; the result type as the Functions tab shows it. */
    private String describe(String username, StoredFunction fn, Schema schema, boolean shared) {
        // A shared function may call only shared ones: another analyst or a rule could not run a private callee.
        CompileOptions options = CompileOptions.defaults(Instant.now()).withSchema(schema)
                .withFunctions(shared ? sharedCatalog() : catalogFor(username));
        try {
            KqlCompiler.describe(new StoredFunction(fn.name(), fn.parameters(), "print 0"), options);
        } catch (KqlException e) {
            throw new InvalidFunctionException("parameters", "Parameters: " + e.diagnostic().message()
                    + " Write them as name:type, with an optional default: account:string, since:timespan = 7d");
        }
        try {
            FunctionShape shape = KqlCompiler.describe(fn, options);
            String returns = shape.tabular()
                    ? "table (" + shape.columns().stream().map(HuntingFunctions::column).collect(Collectors.joining(", ")) + ")"
                    : shape.type().kustoName();
            return returns.length() > 4000 ? returns.substring(0, 3996) + "...)" : returns;
        } catch (KqlException e) {
            throw new InvalidFunctionException("body", e.diagnostic().message());
        }
    }

    private static String column(OutputColumn c) {
        return c.name() + ":" + c.type().kustoName();
    }

    private List<SavedFunction> select(String where, Object... params) {
        return jdbc.sql("SELECT id, owner, name, folder, description, parameters, body, returns, shared, updated_at, updated_by "
                        + "FROM hunting_function " + where)
                .params(params)
                .query((rs, i) -> new SavedFunction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getObject(10, OffsetDateTime.class),
                        rs.getString(11)))
                .list();
    }
}
