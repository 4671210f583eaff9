package dev.rampart.kql;

import java.util.List;
import java.util.Objects;

/**
 * Who runs a query, for current_principal(), current_principal_details() and
 * current_principal_is_member_of(). Names use Kusto's fully qualified form ({@code aaduser=...},
 * {@code aadgroup=...}); the portal fills them from the signed-in user.
 *
 * @param fqn         the principal's fully qualified name
 * @param displayName a readable name
 * @param groups      fully qualified names of the groups the principal belongs to
 */
public record Principal(String fqn, String displayName, List<String> groups) {
    /**
     * Compilations without a signed-in user (tools, tests, scheduled rules) run as this principal, which
     * belongs to no group.
     */
    public static final Principal ANONYMOUS = new Principal("rampart=anonymous", "Anonymous", List.of());

    public Principal {
        Objects.requireNonNull(fqn, "fqn");
        Objects.requireNonNull(displayName, "displayName");
        groups = List.copyOf(groups);
    }

    /** Whether a fully qualified name is this principal or one of its groups (names compare case-insensitively). */
    public boolean isMemberOf(String name) {
        return name != null && (fqn.equalsIgnoreCase(name) || groups.stream().anyMatch(name::equalsIgnoreCase));
    }
}
