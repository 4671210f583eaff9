package dev.rampart.portal.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in with OpenID Connect, under {@code rampart.oidc.*}. Off unless {@link #issuerUri()} is set; the login form
 * for local accounts stays available either way (break-glass administrator).
 *
 * @param issuerUri        the provider's issuer; {@code <issuer>/.well-known/openid-configuration} must describe it
 * @param clientId         the client id registered at the provider (required when on)
 * @param clientSecret     its secret; empty = public client using PKCE
 * @param scopes           requested scopes; {@code openid} is always added
 * @param displayName      shown on the button "Sign in with &lt;display name&gt;"
 * @param usernameClaim    claim naming the Rampart user; when absent, {@code email} then {@code sub} are used
 * @param groupsClaim      claim listing the user's groups at the provider (array or comma-separated string)
 * @param groupMapping     which provider groups give which local group or role
 * @param discoveryTimeout how long fetching the provider's metadata may take
 */
@ConfigurationProperties(prefix = "rampart.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret, List<String> scopes, String displayName,
                             String usernameClaim, String groupsClaim, List<GroupMapping> groupMapping, Duration discoveryTimeout) {

    /**
     * Members of provider group {@code idpGroup} (exact spelling) are put in the local group {@code localGroup}
     * and/or given the role {@code role} (a role id such as {@code security-reader}) directly. Memberships and
     * direct roles that some mapping names are owned by the provider: removed at the next sign-in when the claim no
     * longer lists the group. Groups and roles no mapping names are left to administrators.
     */
    public record GroupMapping(String idpGroup, String localGroup, String role) {
    }

    public OidcProperties {
        issuerUri = blankToNull(issuerUri);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        List<String> s = new ArrayList<>(scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : scopes);
        if (!s.contains("openid")) {
            s.add(0, "openid");
        }
        scopes = List.copyOf(s);
        displayName = blankToNull(displayName) == null ? "single sign-on" : displayName.strip();
        usernameClaim = blankToNull(usernameClaim) == null ? "preferred_username" : usernameClaim.strip();
        groupsClaim = blankToNull(groupsClaim) == null ? "groups" : groupsClaim.strip();
        groupMapping = groupMapping == null ? List.of() : List.copyOf(groupMapping);
        discoveryTimeout = discoveryTimeout == null ? Duration.ofSeconds(5) : discoveryTimeout;
        if (issuerUri != null) {
            if (clientId == null) {
                throw new IllegalArgumentException("rampart.oidc.client-id is required when rampart.oidc.issuer-uri is set");
            }
            for (int i = 0; i < groupMapping.size(); i++) {
                GroupMapping m = groupMapping.get(i);
                if (m == null || blankToNull(m.idpGroup()) == null || (blankToNull(m.localGroup()) == null && blankToNull(m.role()) == null)) {
                    throw new IllegalArgumentException("rampart.oidc.group-mapping[" + i + "] needs idp-group and a local-group or a role");
                }
            }
        }
    }

    /** True when sign-in with OpenID Connect is configured. */
    public boolean enabled() {
        return issuerUri != null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
