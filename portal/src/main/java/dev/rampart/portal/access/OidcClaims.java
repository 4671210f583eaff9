package dev.rampart.portal.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the user name and the groups out of the claims of an OpenID Connect sign-in. */
final class OidcClaims {
    // Names appear in audit entries and URLs: no blanks or control characters; ':' marks API clients ("client:<id>").
    private static final Pattern USERNAME = Pattern.compile("[^\\s\\p{Cntrl}:]{1,100}");

    private OidcClaims() {
    }

    /** The configured claim when it holds text, else {@code email}, else {@code sub}. */
    static Optional<String> username(Map<String, Object> claims, String claim) {
        for (String c : new String[] {claim, "email", "sub"}) {
            if (claims.get(c) instanceof String s && !s.isBlank()) {
                return Optional.of(s.strip());
            }
        }
        return Optional.empty();
    }

    /** Why Rampart cannot use {@code username} as an account name, or empty when it can. */
    static Optional<String> usernameProblem(String username) {
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of("The user name \"" + username + "\" from the identity provider has blanks, control characters or ':', "
                    + "or is longer than 100 characters; set rampart.oidc.username-claim to a claim Rampart can use.");
        }
        if (username.equalsIgnoreCase("system")) {
            return Optional.of("\"system\" is reserved for the portal's own jobs and cannot be a user name.");
        }
        return Optional.empty();
    }

    /** Group names in the claim: an array, or a comma-separated string; blanks dropped, order kept. */
    static Set<String> groups(Map<String, Object> claims, String claim) {
        Set<String> out = new LinkedHashSet<>();
        Object v = claims.get(claim);
        if (v instanceof Collection<?> c) {
            c.stream().filter(x -> x != null && !String.valueOf(x).isBlank()).forEach(x -> out.add(String.valueOf(x).strip()));
        } else if (v instanceof String s) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }
}
