package dev.rampart.portal.access;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.rampart.portal.core.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with OpenID Connect as configured on Settings › Single sign-on, over the {@code rampart.oidc.*}
 * properties: once saved, the page's values replace the properties' (the secret falls back to the property when
 * none was entered) and its group mappings apply after the properties' ones. Takes effect at once, without a
 * restart; {@link #effective()} is what sign-in uses. Changes are audited; the secret never leaves the database and is
 * stored sealed by {@link SecretBox} (one stored before sealing existed is sealed at the next start).
 */
@Service
public class SsoSettings {
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:/-]{1,100}");
    private static final Logger log = LoggerFactory.getLogger(SsoSettings.class);
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    private final JdbcClient jdbc;
    private final OidcProperties properties;
    private final Roles roles;
    private final AuditLog audit;
    private final SecretBox box;
    private volatile OidcProperties effective;

    public SsoSettings(JdbcClient jdbc, OidcProperties properties, Roles roles, AuditLog audit, SecretBox box) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.roles = roles;
        this.audit = audit;
        this.box = box;
    }

    /**
     * What the page saved: {@code secretStored} instead of the secret itself; {@code secretUnreadable} when the stored
     * secret was sealed under another key (sign-in then falls back to {@code rampart.oidc.client-secret}).
     */
    public record Saved(boolean enabled, String issuerUri, String clientId, boolean secretStored, boolean secretUnreadable, List<String> scopes,
                        String displayName, String usernameClaim, String groupsClaim, List<OidcProperties.GroupMapping> groupMapping,
                        OffsetDateTime updatedAt, String updatedBy) {
    }

    /** The form as entered. {@code clientSecret} blank keeps the stored one; {@code removeSecret} drops it. */
    public record Input(boolean enabled, String issuerUri, String clientId, String clientSecret, boolean removeSecret, String scopes,
                        String displayName, String usernameClaim, String groupsClaim, List<OidcProperties.GroupMapping> groupMapping) {
    }

    /** The configuration sign-in uses now. */
    public OidcProperties effective() {
        OidcProperties e = effective;
        if (e == null) {
            e = load();
            effective = e;
        }
        return e;
    }

    /** The properties as started with (shown beside the saved settings). */
    public OidcProperties properties() {
        return properties;
    }

    public Optional<Saved> saved() {
        List<Saved> rows = jdbc.sql("SELECT enabled, issuer_uri, client_id, client_secret, scopes, display_name, username_claim, "
                        + "groups_claim, updated_at, updated_by FROM sso_settings WHERE id = 1")
                .query((rs, n) -> {
                    String secret = rs.getString(4);
                    return new Saved(rs.getBoolean(1), rs.getString(2), rs.getString(3), secret != null, secret != null && box.open(secret).isEmpty(),
                            split(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), List.of(),
                            rs.getObject(9, OffsetDateTime.class), rs.getString(10));
                })
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Saved s = rows.get(0);
        return Optional.of(new Saved(s.enabled(), s.issuerUri(), s.clientId(), s.secretStored(), s.secretUnreadable(), s.scopes(), s.displayName(),
                s.usernameClaim(), s.groupsClaim(), mappings(), s.updatedAt(), s.updatedBy()));
    }

    private List<OidcProperties.GroupMapping> mappings() {
        return jdbc.sql("SELECT idp_group, local_group, role_id FROM sso_group_mapping ORDER BY position")
                .query((rs, n) -> new OidcProperties.GroupMapping(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    private OidcProperties load() {
        Optional<Saved> saved = saved();
        if (saved.isEmpty()) {
            return properties;
        }
        Saved s = saved.get();
        if (!s.enabled()) {
            return new OidcProperties(null, null, null, s.scopes(), s.displayName(), s.usernameClaim(), s.groupsClaim(), List.of(),
                    properties.discoveryTimeout());
        }
        String secret = storedSecret().flatMap(stored -> {
            Optional<String> plain = box.open(stored);
            if (plain.isEmpty()) {
                log.warn("The stored single sign-on client secret was sealed under another key (secret.key or rampart.secret-key changed);"
                        + " using rampart.oidc.client-secret instead. Enter the secret again on Settings > Single sign-on.");
            }
            return plain;
        }).orElse(null);
        List<OidcProperties.GroupMapping> all = new ArrayList<>(properties.groupMapping());
        all.addAll(s.groupMapping());
        return new OidcProperties(s.issuerUri(), s.clientId(), secret != null ? secret : properties.clientSecret(), s.scopes(), s.displayName(),
                s.usernameClaim(), s.groupsClaim(), all, properties.discoveryTimeout());
    }

    /**
     * Validates and stores the settings, then applies them.
     *
     * @throws InvalidInputException naming each bad field
     */
    @Transactional
    public OidcProperties save(Input in) {
        Map<String, String> errors = new LinkedHashMap<>();
        String issuer = OidcProperties.blankToNull(in.issuerUri());
        String clientId = OidcProperties.blankToNull(in.clientId());
        if (issuer != null) {
            problemWithIssuer(issuer).ifPresent(p -> errors.put("issuerUri", p));
        } else if (in.enabled()) {
            errors.put("issuerUri", "Enter the provider's issuer URI.");
        }
        if (clientId == null && in.enabled()) {
            errors.put("clientId", "Enter the client id registered at the provider.");
        } else if (clientId != null && clientId.length() > 200) {
            errors.put("clientId", "Use at most 200 characters.");
        }
        String secret = OidcProperties.blankToNull(in.clientSecret());
        if (secret != null && secret.length() > 500) {
            errors.put("clientSecret", "Use at most 500 characters.");
        }
        List<String> scopes = split(in.scopes());
        scopes.stream().filter(sc -> !SCOPE.matcher(sc).matches()).findFirst()
                .ifPresent(sc -> errors.put("scopes", "\"" + sc + "\" is not a valid scope (printable characters, no quotes or backslashes)."));
        String display = OidcProperties.blankToNull(in.displayName());
        if (display != null && display.length() > 100) {
            errors.put("displayName", "Use at most 100 characters.");
        }
        for (String[] claim : new String[][] {{"usernameClaim", in.usernameClaim()}, {"groupsClaim", in.groupsClaim()}}) {
            String c = OidcProperties.blankToNull(claim[1]);
            if (c != null && !CLAIM.matcher(c).matches()) {
                errors.put(claim[0], "A claim name has letters, digits and _ . : / - only.");
            }
        }
        List<OidcProperties.GroupMapping> mappings = new ArrayList<>();
        List<String> roleIds = roles.all().stream().map(Roles.Role::id).toList();
        List<OidcProperties.GroupMapping> entered = in.groupMapping() == null ? List.of() : in.groupMapping();
        for (int i = 0; i < entered.size(); i++) {
            OidcProperties.GroupMapping m = entered.get(i);
            String idp = OidcProperties.blankToNull(m.idpGroup());
            String local = OidcProperties.blankToNull(m.localGroup());
            String role = OidcProperties.blankToNull(m.role());
            if (idp == null && local == null && role == null) {
                continue;
            }
            String field = "groupMapping[" + i + "]";
            if (idp == null) {
                errors.put(field, "Name the provider's group.");
            } else if (local == null && role == null) {
                errors.put(field, "Map \"" + idp + "\" to a local group, a role, or both.");
            } else if (role != null && !roleIds.contains(role)) {
                errors.put(field, "There is no role \"" + role + "\".");
            } else if (idp.length() > 200 || (local != null && local.length() > 200)) {
                errors.put(field, "Use at most 200 characters per group name.");
            } else {
                mappings.add(new OidcProperties.GroupMapping(idp, local, role));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Optional<Saved> before = saved();
        String keptSecret = storedSecret().orElse(null);
        String newSecret = in.removeSecret() ? null : secret != null ? box.seal(secret) : keptSecret;
        OidcProperties check = new OidcProperties(in.enabled() ? issuer : null, clientId, null, scopes, display, in.usernameClaim(),
                in.groupsClaim(), mappings, properties.discoveryTimeout());
        String who = SecurityContextHolder.getContext().getAuthentication().getName();
        jdbc.sql("DELETE FROM sso_settings").update();
        jdbc.sql("DELETE FROM sso_group_mapping").update();
        jdbc.sql("INSERT INTO sso_settings (id, enabled, issuer_uri, client_id, client_secret, scopes, display_name, username_claim, groups_claim, "
                        + "updated_at, updated_by) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(in.enabled(), issuer, clientId, newSecret, String.join(" ", check.scopes()), check.displayName(), check.usernameClaim(),
                        check.groupsClaim(), OffsetDateTime.now(ZoneOffset.UTC), who)
                .update();
        for (int i = 0; i < mappings.size(); i++) {
            OidcProperties.GroupMapping m = mappings.get(i);
            jdbc.sql("INSERT INTO sso_group_mapping (position, idp_group, local_group, role_id) VALUES (?, ?, ?, ?)")
                    .params(i, m.idpGroup(), OidcProperties.blankToNull(m.localGroup()), OidcProperties.blankToNull(m.role())).update();
        }
        String secretChange = in.removeSecret() ? "secret removed" : secret != null ? (keptSecret == null ? "secret set" : "secret replaced") : "secret unchanged";
        audit.record("sso.settings.update", "sso", "oidc", (in.enabled() ? "on" : "off") + ": issuer " + issuer + ", client id " + clientId + ", "
                + secretChange + ", scopes " + check.scopes() + ", username claim " + check.usernameClaim() + ", groups claim " + check.groupsClaim()
                + ", group mappings " + describe(mappings) + before.map(b -> "; was " + (b.enabled() ? "on" : "off") + ", issuer " + b.issuerUri()
                + ", client id " + b.clientId() + ", group mappings " + describe(b.groupMapping())).orElse("; was the rampart.oidc.* properties"));
        effective = null;
        return effective();
    }

    private Optional<String> storedSecret() {
        return jdbc.sql("SELECT client_secret FROM sso_settings WHERE id = 1").query(String.class).optional();
    }

    /** Seals a secret saved before secrets were sealed, so that none stays readable in the database. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealStoredSecret() {
        storedSecret().filter(s -> !SecretBox.isSealed(s)).ifPresent(plain -> {
            jdbc.sql("UPDATE sso_settings SET client_secret = ? WHERE id = 1").param(box.seal(plain)).update();
            log.info("Sealed the stored single sign-on client secret");
        });
    }

    /** Drops the saved settings: the {@code rampart.oidc.*} properties apply again. */
    @Transactional
    public void reset() {
        Optional<Saved> before = saved();
        jdbc.sql("DELETE FROM sso_settings").update();
        jdbc.sql("DELETE FROM sso_group_mapping").update();
        effective = null;
        audit.record("sso.settings.reset", "sso", "oidc", "saved settings removed; the rampart.oidc.* properties apply"
                + before.map(b -> " (was issuer " + b.issuerUri() + ", client id " + b.clientId() + ")").orElse(""));
    }

    static Optional<String> problemWithIssuer(String issuer) {
        if (issuer.length() > 400) {
            return Optional.of("Use at most 400 characters.");
        }
        try {
            URI u = new URI(issuer);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                return Optional.of("Enter an http(s) URL such as https://login.example.com/realms/soc.");
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                return Optional.of("An issuer URI has no query or fragment.");
            }
        } catch (java.net.URISyntaxException e) {
            return Optional.of("Not a URL: " + e.getReason() + ".");
        }
        return Optional.empty();
    }

    private static String describe(List<OidcProperties.GroupMapping> m) {
        return m.stream().map(x -> x.idpGroup() + "→" + (x.localGroup() == null ? "" : "group " + x.localGroup())
                + (x.localGroup() != null && x.role() != null ? " + " : "") + (x.role() == null ? "" : "role " + x.role())).toList().toString();
    }

    static List<String> split(String s) {
        return s == null ? new ArrayList<>() : new ArrayList<>(Arrays.stream(s.split("[\\s,]+")).filter(x -> !x.isBlank()).distinct().toList());
    }
}
