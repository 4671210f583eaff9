package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OidcPropertiesTest {
    @Test
    void withoutIssuer_isOff_andDefaultsApply() {
        OidcProperties p = new OidcProperties(" ", null, null, null, null, null, null, null, null);
        assertThat(p.enabled()).isFalse();
        assertThat(p.scopes()).containsExactly("openid", "profile", "email");
        assertThat(p.usernameClaim()).isEqualTo("preferred_username");
        assertThat(p.groupsClaim()).isEqualTo("groups");
    }

    @Test
    void openidScope_isAlwaysRequested() {
        OidcProperties p = new OidcProperties("https://idp.example", "c", null, List.of("email"), null, null, null, null, null);
        assertThat(p.scopes()).containsExactly("openid", "email");
    }

    @Test
    void issuerWithoutClientId_failsAtStart() {
        assertThatThrownBy(() -> new OidcProperties("https://idp.example", null, null, null, null, null, null, null, null))
                .hasMessageContaining("rampart.oidc.client-id");
    }

    @Test
    void mappingWithoutTarget_failsAtStart_namingTheEntry() {
        List<OidcProperties.GroupMapping> m = List.of(new OidcProperties.GroupMapping("soc", "Analysts", null),
                new OidcProperties.GroupMapping("admins", null, " "));
        assertThatThrownBy(() -> new OidcProperties("https://idp.example", "c", null, null, null, null, null, m, null))
                .hasMessageContaining("group-mapping[1]");
    }
}
