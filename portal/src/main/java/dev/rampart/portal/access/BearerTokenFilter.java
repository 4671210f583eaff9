package dev.rampart.portal.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} on the API with tokens from {@link ApiClients}: the principal is
 * {@code client:<client id>} holding its scopes as {@code PERM_*} authorities plus {@link DataScopes#CLIENT_AUTHORITY}.
 * An unknown, expired or revoked token is answered 401 at once; requests without a bearer token pass on to Basic.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    private final ApiClients clients;

    BearerTokenFilter(ApiClients clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(req, res);
            return;
        }
        Optional<ApiClients.Principal> p = clients.authenticate(header.substring(7).strip());
        if (p.isEmpty()) {
            res.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            SecurityConfig.problem(res, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "The bearer token is unknown, expired or was revoked; request a new one at /api/v1/oauth/token.");
            return;
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(DataScopes.CLIENT_AUTHORITY));
        p.get().scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority(s.authority())));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("client:" + p.get().clientId(), null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(req, res);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
