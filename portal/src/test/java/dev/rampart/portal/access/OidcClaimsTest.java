package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcClaimsTest {
    @Test
    void username_prefersConfiguredClaim_thenEmail_thenSub() {
        assertThat(OidcClaims.username(Map.of("preferred_username", "ada", "email", "a@x.test", "sub", "s1"), "preferred_username")).contains("ada");
        assertThat(OidcClaims.username(Map.of("preferred_username", " ", "email", "a@x.test", "sub", "s1"), "preferred_username")).contains("a@x.test");
        assertThat(OidcClaims.username(Map.of("sub", "s1"), "preferred_username")).contains("s1");
        assertThat(OidcClaims.username(Map.of("upn", "ada@corp", "sub", "s1"), "upn")).contains("ada@corp");
        assertThat(OidcClaims.username(Map.of("preferred_username", 42), "preferred_username")).isEmpty();
    }

    @Test
    void usernameProblem_rejectsBlanksColonsReservedAndLongNames() {
        assertThat(OidcClaims.usernameProblem("ada@corp.example")).isEmpty();
        assertThat(OidcClaims.usernameProblem("Ada Lovelace")).isPresent();
        assertThat(OidcClaims.usernameProblem("client:rc_1")).isPresent();
        assertThat(OidcClaims.usernameProblem("SYSTEM")).isPresent();
        assertThat(OidcClaims.usernameProblem("a".repeat(101))).isPresent();
    }

    @Test
    void groups_readArraysAndCommaStrings_droppingBlanks() {
        assertThat(OidcClaims.groups(Map.of("groups", List.of("soc-eu", " soc-admins ", "")), "groups")).containsExactly("soc-eu", "soc-admins");
        assertThat(OidcClaims.groups(Map.of("roles", "a, b,,c"), "roles")).containsExactly("a", "b", "c");
        assertThat(OidcClaims.groups(Map.of("groups", Arrays.asList("x", null)), "groups")).containsExactly("x");
        assertThat(OidcClaims.groups(Map.of(), "groups")).isEmpty();
    }
}
